"""Writing the audit log. Call inside the transaction of the change being logged."""

from __future__ import annotations

from collections.abc import Iterable

from .models import AuditEntry

DETAIL_LENGTH = AuditEntry._meta.get_field("detail").max_length


def log(
    kind: str,
    *,
    city=None,
    assessment=None,
    record=None,
    scorecard=None,
    partner=None,
    user=None,
    field: str = "",
    old: str = "",
    new: str = "",
    detail: str = "",
    email: str = "",
) -> AuditEntry:
    """Log one change. The city is taken from the assessment or Scorecard when not given; a
    partner's own change (a network target) names the partner and no city."""
    subject = {"partner": partner} if partner is not None and city is None else {}
    return AuditEntry.objects.create(
        **(subject or _subject(city, assessment, record, scorecard)),
        kind=kind,
        user=user,
        field=field,
        old=old,
        new=new,
        detail=detail[:DETAIL_LENGTH],
        email=email,
    )


def log_record_changes(
    record,
    user,
    changes: Iterable[tuple[str, str, str]],
    *,
    kind: str = "changed",
    detail: str = "",
) -> None:
    """Log each (field, old, new) of one action record, in one INSERT; `detail` says where
    the change came from when not from the record's own form (a peer review's finding)."""
    subject = _subject(None, record.assessment, record, None)
    detail = detail[:DETAIL_LENGTH]
    AuditEntry.objects.bulk_create(
        AuditEntry(**subject, kind=kind, user=user, field=field, old=old, new=new, detail=detail)
        for field, old, new in changes
    )


def _subject(city, assessment, record, scorecard) -> dict:
    owner = assessment or scorecard
    city_id = city.pk if city is not None else owner.city_id
    return {
        "city_id": city_id,
        "assessment": assessment,
        "record": record,
        "scorecard": scorecard,
    }
