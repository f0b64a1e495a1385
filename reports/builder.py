"""Gathers everything a report shows, so the PDF, the command and the tests agree."""

from assessments.matrix import build_matrix
from assessments.results import compare, next_steps
from policies.models import EssentialLink
from policies.queries import policies_by_action
from rendering.charts import chart_for


def previous_assessment(assessment):
    return (
        assessment.city.assessments.filter(reference_date__lt=assessment.reference_date)
        .order_by("-reference_date", "-pk")
        .first()
    )


def report_context(assessment) -> dict:
    matrix = build_matrix(assessment)
    steps = next_steps(matrix.structure, matrix.scorecard)
    tools = policies_by_action([s.action.pk for s in steps])
    missing_by_sub: dict[str, list] = {}
    for s in steps:
        missing_by_sub.setdefault(s.subdimension.code, []).append(
            (s.action, tools.get(s.action.pk, []))
        )
    records = {
        r.action_id: r
        for r in assessment.records.prefetch_related("links", "files").select_related("action")
    }
    sections = []
    for sub, result in matrix.scorecard.rows:
        actions = matrix.structure.actions_by_sub[sub.pk]
        done = [(a, records[a.pk]) for a in actions if records[a.pk].is_done]
        na = [(a, records[a.pk]) for a in actions if records[a.pk].is_not_applicable]
        sections.append(
            {
                "sub": sub,
                "result": result,
                "done": done,
                "not_applicable": na,
                "missing": missing_by_sub.get(sub.code, []),
            }
        )

    status = {r.action_id: r.is_done for r in records.values()}
    essentials: dict = {}
    links = EssentialLink.objects.current_edition().for_version(assessment.model_version)
    for link in links.select_related("essential", "action"):
        entry = essentials.setdefault(link.essential, {})
        entry[link.action.code] = status.get(link.action_id, False)
    previous = previous_assessment(assessment)
    return {
        "assessment": assessment,
        "city": assessment.city,
        "matrix": matrix,
        "chart": chart_for(matrix),
        "sections": sections,
        "essentials": [
            {"essential": e, "done": sum(v.values()), "total": len(v), "codes": sorted(v)}
            for e, v in sorted(essentials.items(), key=lambda kv: kv[0].number)
        ],
        "comparison": compare(previous, assessment) if previous else None,
    }
