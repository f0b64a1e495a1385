"""Gathers everything a report shows, so the PDF, the command and the tests agree.

`access.sees_private` is False for a partner whose share leaves out the private parts: the
report then names no responsible person (member or free text), no evidence file and not who
signed off; stages, statuses, N/A reasons, notes, links and target dates stay.
"""

from dataclasses import dataclass, field

from assessments.matrix import build_matrix
from assessments.results import compare, essential_progress, next_steps, work_plan
from indicators.report import indicator_part
from maturity.wording import level_label
from policies.models import PolicyLink
from policies.queries import policies_by_action
from rendering.charts import chart_for

from .scorecard_section import scorecard_part

# The executive summary lists this many next actions, and names this many subdimensions as
# the strongest and the weakest.
TOP_ACTIONS = 10
EXTREMES = 3


@dataclass
class PlanItem:
    """An outstanding action in the priority action plan."""

    action: object
    record: object
    owner: str
    policies: list = field(default_factory=list)  # Policy
    questions: list = field(default_factory=list)  # EssentialLink (Essential, Scorecard question)


def previous_assessment(assessment):
    return (
        assessment.city.assessments.filter(reference_date__lt=assessment.reference_date)
        .newest_first()
        .first()
    )


def _progress(result) -> float:
    """How far a subdimension is into the stage it works on (1.0 once every stage is reached)."""
    if result.next_stage is None:
        return 1.0
    met, total = result.next_progress
    return met / total if total else 0.0


def strongest_and_weakest(rows: list) -> tuple[list, list]:
    """(strongest, weakest) subdimensions: by stage reached, then by progress in the next one;
    model order breaks ties. rows: the scorecard's (subdimension, result) pairs."""
    ranked = sorted(enumerate(rows), key=lambda ir: (-ir[1][1].level, -_progress(ir[1][1]), ir[0]))
    strongest = [row for _i, row in ranked[:EXTREMES]]
    weakest = sorted(enumerate(rows), key=lambda ir: (ir[1][1].level, _progress(ir[1][1]), ir[0]))
    return strongest, [row for _i, row in weakest[:EXTREMES]]


@dataclass
class ProfileGroup:
    """The subdimensions at one stage reached, for the cover's profile line."""

    level: int
    label: str  # the stage reached, said as everywhere else ("Advanced", "Working on Starting")
    subdimensions: list  # Subdimension, in model order


def profile(rows: list, stage_names: list[str]) -> list[ProfileGroup]:
    """The subdimensions grouped by the stage they reached, highest stage first: a city's
    profile, which the overall stage (the lowest of them) alone hides. rows: the scorecard's
    (subdimension, result) pairs."""
    groups: dict[int, ProfileGroup] = {}
    for sub, result in rows:
        group = groups.setdefault(
            result.level,
            ProfileGroup(result.level, level_label(result.level, stage_names), []),
        )
        group.subdimensions.append(sub)
    return [groups[level] for level in sorted(groups, reverse=True)]


def _plan_item(action, record, links, private: bool) -> PlanItem:
    item = PlanItem(action=action, record=record, owner=record.owner_name if private else "")
    for link in links:
        if isinstance(link, PolicyLink):
            item.policies.append(link.policy)
        else:
            item.questions.append(link)
    return item


def report_context(assessment, access=None, user=None) -> dict:
    """`access` and `user`: the reader's, from the view; None for the operators' command,
    which prints everything."""
    private = access is None or access.sees_private
    matrix = build_matrix(assessment)
    steps = next_steps(matrix.structure, matrix.scorecard)
    records = {
        r.action_id: r
        for r in assessment.records.prefetch_related("links", *(["files"] if private else []))
        .select_related("responsible_member")
        .order_by()
    }
    outstanding = work_plan(matrix.structure, matrix.scorecard, records)
    tools = policies_by_action([p.action.pk for p in outstanding])
    items = {
        p.action.pk: _plan_item(p.action, p.record, tools.get(p.action.pk, []), private)
        for p in outstanding
    }

    # The priority plan: the actions each subdimension's next stage needs, grouped by that
    # stage (earliest first), then every other outstanding action under "later".
    plan: dict = {}
    for s in steps:
        plan.setdefault(s.result.next_stage, []).append(items[s.action.pk])
    later = [items[p.action.pk] for p in outstanding if p.needed_for is None]

    sections = []
    missing_by_sub: dict[str, list] = {}
    for s in steps:
        missing_by_sub.setdefault(s.subdimension.code, []).append(s.action)
    for sub, result in matrix.scorecard.rows:
        actions = matrix.structure.actions_by_sub[sub.pk]
        sections.append(
            {
                "sub": sub,
                "result": result,
                "done": [(a, records[a.pk]) for a in actions if records[a.pk].is_done],
                "not_applicable": [
                    (a, records[a.pk]) for a in actions if records[a.pk].is_not_applicable
                ],
                "missing": missing_by_sub.get(sub.code, []),
            }
        )

    previous = previous_assessment(assessment)
    strongest, weakest = strongest_and_weakest(matrix.scorecard.rows)
    return {
        "assessment": assessment,
        "city": assessment.city,
        "sees_private": private,
        "is_draft": assessment.is_draft,
        "matrix": matrix,
        "chart": chart_for(matrix),
        "profile": profile(matrix.scorecard.rows, [s.name for s in matrix.stages]),
        "strongest": strongest,
        "weakest": weakest,
        "top_actions": [items[s.action.pk] for s in steps[:TOP_ACTIONS]],
        "next_count": len(steps),
        "plan": list(plan.items()),
        "later": later,
        "sections": sections,
        "essentials": essential_progress(
            assessment, {pk: r.status for pk, r in records.items()}, linked_only=True
        ),
        "comparison": compare(previous, assessment) if previous else None,
        "scorecard": scorecard_part(
            assessment.city, user, partner=access is not None and access.partner
        ),
        "indicators": indicator_part(
            assessment, user, partner=access is not None and access.partner
        ),
    }
