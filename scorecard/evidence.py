"""The city's SMR action statuses shown beside a Scorecard question (a hint, never a score).

The Scorecard and the SMR self-assessment sit in the same layer and do not import each other;
the city's latest assessment is reached through the city, as the question page needs nothing
but its records' statuses. `policies`, below both, only presents the catalogue.
"""

from __future__ import annotations

from accounts.models import City


def latest_smr_records(city: City, action_ids: list[int]) -> dict[int, object]:
    """Action id → the city's record of it in its latest SMR assessment (none: empty)."""
    latest = city.assessments.newest_first().first()
    if latest is None:
        return {}
    return {r.action_id: r for r in latest.records.filter(action_id__in=action_ids)}
