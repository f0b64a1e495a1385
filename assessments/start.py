"""What an officer's start page shows for each of their cities, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.compiled import CompiledQuery
from accounts.models import City, Membership, Role
from maturity.structure import Scorecard, load_structure
from rendering.charts import profile_thumbnail, rows_for

from .models import MET_STATUSES, ActionRecord, Assessment, RecordChange
from .results import inputs_by_assessment


@dataclass
class CityStart:
    city: City
    role: str  # the role's name in the reader's language
    can_start: bool = False  # an editor, who may start the city's first assessment
    assessment: Assessment | None = None
    scorecard: Scorecard | None = None
    thumbnail: str = ""
    continue_code: str = ""  # the last action this user changed in the assessment
    overdue: list = field(default_factory=list)


# Stand for the user's id and the assessments' ids while the queries are compiled: no id is
# negative.
_ANY_USER = -7_041_998
_ANY_ASSESSMENT = -7_042_100  # the first of them; the next ones count down


def _memberships(user_id):
    """The user's memberships with their city and the id of its latest assessment."""
    latest = (
        Assessment.objects.filter(city=OuterRef("city_id"))
        .order_by("-reference_date", "-pk")
        .values("pk")[:1]
    )
    return (
        Membership.objects.filter(user_id=user_id)
        .select_related("city")
        .annotate(latest=Subquery(latest))
        .order_by("city__name")
    )


def _assessments(user_id, *ids):
    """The assessments with their model version, each with the code of the action this user
    changed last in it (`continue_code`, None when they changed none)."""
    last = (
        RecordChange.objects.filter(changed_by_id=user_id, record__assessment_id=OuterRef("pk"))
        .order_by("-changed_at", "-pk")
        .values("record__action__code")[:1]
    )
    return (
        Assessment.objects.filter(pk__in=ids)
        .select_related("model_version")
        .annotate(continue_code=Subquery(last))
        .order_by()
    )


def _with_target_dates(user_id, *ids):
    """The user's open actions with a target date (today's date is compared in Python, so
    that the SQL stays the same from one day to the next)."""
    return (
        ActionRecord.objects.filter(
            assessment__in=ids, responsible_member_id=user_id, target_date__isnull=False
        )
        .exclude(status__in=MET_STATUSES)
        .select_related("action")
        .order_by("target_date", "action__code")
    )


# The start page's queries, compiled once per process (and number of cities): compiling
# them cost the ORM more than half of the page's time (accounts.compiled).
_MEMBERSHIPS = CompiledQuery(Membership, _memberships)
_ASSESSMENTS = CompiledQuery(Assessment, _assessments)
_WITH_TARGET_DATES = CompiledQuery(ActionRecord, _with_target_dates)


def _ids(pks: list[int]) -> dict:
    return {_ANY_ASSESSMENT - n: pk for n, pk in enumerate(pks)}


def officer_start(user) -> list[CityStart]:
    memberships = _MEMBERSHIPS.rows({_ANY_USER: user.pk})
    latest = sorted({m.latest for m in memberships if m.latest})
    found = (
        _ASSESSMENTS.rows({_ANY_USER: user.pk, **_ids(latest)}, shape=len(latest)) if latest else []
    )
    assessments = {a.city_id: a for a in found}
    last_changed = {a.pk: a.continue_code for a in found if a.continue_code}
    overdue = _overdue_by_assessment(user, assessments.values())
    inputs = inputs_by_assessment(a.pk for a in assessments.values())
    structures: dict = {}
    starts = []
    for m in memberships:
        start = CityStart(city=m.city, role=m.get_role_display(), can_start=m.role == Role.EDITOR)
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
    drafts = [a.pk for a in assessments if a.is_draft]
    if not drafts:
        return result
    today = timezone.localdate()
    values = {_ANY_USER: user.pk, **_ids(drafts)}
    for record in _WITH_TARGET_DATES.rows(values, shape=len(drafts)):
        if record.target_date < today:
            result.setdefault(record.assessment_id, []).append(record)
    return result
