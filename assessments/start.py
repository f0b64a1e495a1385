"""What an officer's start page shows for each of their cities, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.models import City, Membership
from maturity.structure import Scorecard, load_structure
from rendering.charts import profile_thumbnail, rows_for

from .models import MET_STATUSES, ActionRecord, Assessment, RecordChange
from .results import inputs_by_assessment


@dataclass
class CityStart:
    city: City
    role: str
    assessment: Assessment | None = None
    scorecard: Scorecard | None = None
    thumbnail: str = ""
    continue_code: str = ""  # the last action this user changed in the assessment
    overdue: list = field(default_factory=list)


def officer_start(user) -> list[CityStart]:
    memberships = list(
        Membership.objects.filter(user=user).select_related("city").order_by("city__name")
    )
    latest_ids = (
        Assessment.objects.filter(city=OuterRef("city_id"))
        .order_by("-reference_date", "-pk")
        .values("pk")[:1]
    )
    latest_by_city = dict(
        Membership.objects.filter(user=user)
        .annotate(latest=Subquery(latest_ids))
        .values_list("city_id", "latest")
    )
    assessments = {
        a.city_id: a
        for a in Assessment.objects.filter(
            pk__in=[pk for pk in latest_by_city.values() if pk]
        ).select_related("model_version")
    }
    inputs = inputs_by_assessment(a.pk for a in assessments.values())
    last_changed = _last_changed_codes(user, assessments.values())
    overdue = _overdue_by_assessment(user, assessments.values())
    structures: dict = {}
    starts = []
    for m in memberships:
        start = CityStart(city=m.city, role=m.get_role_display())
        assessment = assessments.get(m.city_id)
        if assessment is not None:
            version_id = assessment.model_version_id
            if version_id not in structures:
                structures[version_id] = load_structure(assessment.model_version)
            card = structures[version_id].score(*inputs[assessment.pk])
            start.assessment = assessment
            start.scorecard = card
            start.thumbnail = profile_thumbnail(rows_for(card), chart_id=f"thumb-{m.city.slug}")
            start.continue_code = last_changed.get(assessment.pk, "")
            start.overdue = overdue.get(assessment.pk, [])
        starts.append(start)
    return starts


def _overdue_by_assessment(user, assessments) -> dict[int, list[ActionRecord]]:
    """Assessment id → this user's overdue open actions in it, oldest target date first."""
    result: dict[int, list[ActionRecord]] = {}
    records = (
        ActionRecord.objects.filter(
            assessment__in=[a.pk for a in assessments if a.is_draft],
            responsible_member=user,
            target_date__lt=timezone.localdate(),
        )
        .exclude(status__in=MET_STATUSES)
        .select_related("action")
        .order_by("target_date", "action__code")
    )
    for record in records:
        result.setdefault(record.assessment_id, []).append(record)
    return result


def _last_changed_codes(user, assessments) -> dict[int, str]:
    """Assessment id → the code of the action this user changed last in it."""
    ids = [a.pk for a in assessments]
    last = (
        RecordChange.objects.filter(changed_by=user, record__assessment_id=OuterRef("pk"))
        .order_by("-changed_at", "-pk")
        .values("record__action__code")[:1]
    )
    return {
        pk: code
        for pk, code in Assessment.objects.filter(pk__in=ids)
        .annotate(code=Subquery(last))
        .values_list("pk", "code")
        if code
    }
