"""Carrying an assessment's answers across model versions: the rule a carried action's
status follows, an older assessment read through the version crosswalk (what comparisons and
trends across a version change score), and what carrying forward could not bring over."""

from collections.abc import Iterable
from dataclasses import dataclass

from maturity import crosswalk
from maturity.models import Action

from .models import MET_STATUSES, ActionStatus, Assessment


def carried_status(statuses: Iterable[str]) -> str | None:
    """The status an action takes from the older action(s) it continues: theirs when they all
    stood alike, else in progress (merged actions that stood differently: begun, not
    finished); None when it continues none."""
    found = set(statuses)
    if not found:
        return None
    return found.pop() if len(found) == 1 else ActionStatus.IN_PROGRESS


def inputs_through(
    walk: crosswalk.VersionCrosswalk, met: set[str], not_applicable: set[str]
) -> tuple[set[str], set[str]]:
    """An older assessment's scoring inputs (met codes, the not-applicable ones among them)
    read through the crosswalk onto the newer version's codes, as carrying it forward would
    bring them (carried_status): a newer action none continues is not met. What a
    comparison or a trend across a version change scores, on the newer model only, so no
    figure mixes the two versions."""
    met_new: set[str] = set()
    na_new: set[str] = set()
    for code, olds in walk.sources_of().items():
        # Only met or not: a not-met source makes the merged status not met either way.
        status = carried_status(
            ActionStatus.NOT_APPLICABLE
            if old in not_applicable
            else ActionStatus.DONE
            if old in met
            else ActionStatus.NOT_STARTED
            for old in olds
        )
        if status in MET_STATUSES:
            met_new.add(code)
        if status == ActionStatus.NOT_APPLICABLE:
            na_new.add(code)
    return met_new, na_new


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
