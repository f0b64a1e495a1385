"""Spreadsheet exports: the whole assessment, and the outstanding actions as a work plan."""

from assessments.matrix import build_matrix
from assessments.results import next_steps

ASSESSMENT_COLUMNS = [
    "Code", "Dimension", "Subdimension", "Stage", "Action", "Status",
    "Evidence note", "Evidence links", "Responsible", "Target date", "Why not applicable",
]  # fmt: skip
WORKPLAN_COLUMNS = [
    "Priority", "Code", "Subdimension", "Stage", "Action", "Needed for",
    "Status", "Responsible", "Target date",
]  # fmt: skip


def assessment_rows(assessment) -> list[list]:
    records = {
        r.action_id: r
        for r in assessment.records.prefetch_related("links").select_related(
            "action", "responsible_member"
        )
    }
    matrix = build_matrix(assessment)
    rows = []
    for action in matrix.structure.actions:
        r = records[action.pk]
        rows.append([
            action.code, action.subdimension.dimension.name,
            f"{action.subdimension.code} {action.subdimension.title}", action.stage.name,
            action.text, r.get_status_display(), r.note,
            " ".join(link.url for link in r.links.all()), r.owner_name,
            r.target_date, r.na_reason,
        ])  # fmt: skip
    return rows


def workplan_rows(assessment) -> list[list]:
    """Outstanding actions: those that unlock each subdimension's next stage first."""
    matrix = build_matrix(assessment)
    records = {r.action_id: r for r in assessment.records.select_related("responsible_member")}
    next_codes = {
        s.action.code: s.result.next_stage.name
        for s in next_steps(matrix.structure, matrix.scorecard)
    }
    # Met actions (done, or not applicable) are not outstanding.
    outstanding = [a for a in matrix.structure.actions if not records[a.pk].is_met]
    outstanding.sort(key=lambda a: (a.code not in next_codes, a.stage.order))
    rows = []
    for n, a in enumerate(outstanding, start=1):
        r = records[a.pk]
        rows.append([
            n, a.code, f"{a.subdimension.code} {a.subdimension.title}", a.stage.name, a.text,
            next_codes.get(a.code, ""), r.get_status_display(), r.owner_name,
            r.target_date,
        ])  # fmt: skip
    return rows
