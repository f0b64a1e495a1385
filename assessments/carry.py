"""What carrying an assessment forward across model versions could not bring over."""

from dataclasses import dataclass

from maturity import crosswalk
from maturity.models import Action

from .models import Assessment


@dataclass(frozen=True)
class CarryReport:
    older: Assessment
    walk: crosswalk.VersionCrosswalk
    new_actions: list[Action]  # of the newer version, continuing no older action
    gone: list[tuple[Action, str, str]]  # an older action no newer one continues: status, reason
    mixed: list[tuple[Action, list[str]]]  # merged actions whose sources stood differently


def carry_report(assessment: Assessment) -> CarryReport | None:
    """None unless the assessment was carried forward from one on another version with a
    crosswalk between the two."""
    older = assessment.carried_from
    if older is None or older.model_version_id == assessment.model_version_id:
        return None
    walk = crosswalk.between(older.model_version, assessment.model_version)
    if walk is None:
        return None
    sources = walk.sources_of()
    new_actions = [
        a
        for a in Action.objects.for_version(assessment.model_version).with_structure()
        if a.code not in sources
    ]
    statuses = {
        r.action.code: r
        for r in older.records.select_related("action__subdimension", "action__stage")
    }
    rows = walk.by_source()
    gone = [
        (r.action, r.get_status_display(), rows[code].reason)
        for code, r in statuses.items()
        if code in rows and rows[code].kind == "gone"
    ]
    targets = {a.code: a for a in Action.objects.for_version(assessment.model_version)}
    mixed = []
    for code, froms in sources.items():
        stood = {statuses[c].status for c in froms if c in statuses}
        if len(froms) > 1 and len(stood) > 1:
            mixed.append((targets[code], froms))
    return CarryReport(older, walk, new_actions, gone, mixed)
