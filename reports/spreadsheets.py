"""Spreadsheet exports: the whole assessment with a summary, and the outstanding actions as a
work plan.

`access.sees_private` is False for a partner whose share leaves out the private parts: then
evidence file names and responsible people's names (member or free text) are left blank;
stages, statuses, N/A reasons, notes, links and target dates stay.
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessments.results import stage_profile, work_plan
from maturity import wording
from maturity.structure import load_structure


# The headers are built per download, in the reader's language.
def assessment_columns() -> list[str]:
    return [
        _("Code"), _("Dimension"), _("Subdimension"), _("Stage"), _("Action"), _("Status"),
        _("Evidence note"), _("Evidence links"), _("Evidence files"), _("Responsible"),
        _("Target date"), _("Why not applicable"),
    ]  # fmt: skip


def summary_columns() -> list[str]:
    return [
        _("Level"), _("Code"), _("Name"), _("Stage reached"), _("Working on"),
        _("Actions done"), _("Not applicable"), _("Actions"),
    ]  # fmt: skip


def workplan_columns() -> list[str]:
    return [
        _("Priority"), _("Code"), _("Subdimension"), _("Stage"), _("Action"), _("Needed for"),
        _("Status"), _("Responsible"), _("Target date"),
    ]  # fmt: skip


def _sees_private(access) -> bool:
    return access is None or access.sees_private


def _owner(record, private: bool) -> str:
    return record.owner_name if private else ""


def assessment_rows(assessment, access=None) -> list[list]:
    private = _sees_private(access)
    records = assessment.records.prefetch_related("links").select_related("responsible_member")
    if private:
        records = records.prefetch_related("files")
    by_action = {r.action_id: r for r in records}
    structure = load_structure(assessment.model_version)
    rows = []
    for action in structure.actions:
        r = by_action[action.pk]
        files = " ".join(f.original_name for f in r.files.all()) if private else ""
        rows.append([
            action.code, action.subdimension.dimension.name,
            f"{action.subdimension.code} {action.subdimension.title}", action.stage.name,
            action.text, r.get_status_display(), r.note,
            " ".join(link.url for link in r.links.all()), files, _owner(r, private),
            r.target_date, r.na_reason,
        ])  # fmt: skip
    return rows


def summary_rows(assessment) -> list[list]:
    """The city, each dimension and each subdimension: the stage reached and what is being
    worked on, in words."""
    structure = load_structure(assessment.model_version)
    card = stage_profile(assessment, structure)

    def row(level: str, code: str, name: str, result) -> list:
        return [
            level, code, name, wording.reached_label(result), wording.progress_label(result),
            result.done, result.not_applicable, result.total,
        ]  # fmt: skip

    rows = [row(pgettext("level", "Overall"), "", str(assessment.city), card.overall)]
    for dim in structure.dimensions:
        rows.append(row(_("Dimension"), dim.code, dim.name, card.dimensions[dim.code]))
        for sub in structure.subdimensions_of(dim):
            rows.append(row(_("Subdimension"), sub.code, sub.title, card.subdimensions[sub.code]))
    return rows


def workplan_rows(assessment, access=None) -> list[list]:
    """Outstanding actions grouped by subdimension (model order): first those its next stage
    needs ("needed for Advanced"), then the later ones ("later (Robust)")."""
    private = _sees_private(access)
    structure = load_structure(assessment.model_version)
    card = stage_profile(assessment, structure)
    records = {r.action_id: r for r in assessment.records.select_related("responsible_member")}
    by_sub: dict = {}
    for item in work_plan(structure, card, records):
        by_sub.setdefault(item.action.subdimension_id, []).append(item)
    rows = []
    for sub in structure.subdimensions:
        items = by_sub.get(sub.pk, [])
        items.sort(key=lambda p: (p.needed_for is None, p.action.stage.order, p.action.order))
        for p in items:
            a, r = p.action, p.record
            when = (
                _("needed for %(stage)s") % {"stage": p.needed_for.name}
                if p.needed_for
                else _("later (%(stage)s)") % {"stage": a.stage.name}
            )
            rows.append([
                len(rows) + 1, a.code, f"{sub.code} {sub.title}", a.stage.name, a.text, when,
                r.get_status_display(), _owner(r, private), r.target_date,
            ])  # fmt: skip
    return rows
