"""The start page after sign-in, by role: officers see their cities (each with its latest
assessment, its stage thumbnail, where they left off and what is overdue, in a fixed number of
queries), partners their dashboard, site admins an overview of the site."""

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.db.models import Max, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.models import City, Membership, Role
from assessments.models import ActionRecord, Assessment, AssessmentStatus
from assessments.page_cache import drawn
from assessments.results import inputs_by_assessment
from audit.models import AuditEntry
from maturity.structure import StageProfile, load_structure
from rendering.charts import profile_thumbnail, rows_for


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    starts = officer_start(user)
    partners = list(user.partners.all())
    if not starts and len(partners) == 1 and not user.is_staff:
        return redirect("dashboards:dashboard", partner=partners[0].slug)
    context = {"starts": starts, "partners": partners}
    if user.is_staff:
        context["site"] = _site_overview()
    return render(request, "start/home.html", context)


RECENT = 10  # assessments listed on the site start page; the rest are one link away


def _site_overview() -> dict:
    """The site at a glance. Counts say what they count: the signed-off ones are those of the
    latest reference year anything was signed off for (a 2025 assessment signed off in 2026
    counts for 2025, not as "submitted in 2026"); "recently started" is by the day each
    assessment was created, newest first, with how many there are in all."""
    signed_off = Assessment.objects.filter(status=AssessmentStatus.SUBMITTED)
    year = signed_off.aggregate(year=Max("reference_date__year"))["year"]
    return {
        "cities": City.objects.count(),
        "drafts": Assessment.objects.filter(status=AssessmentStatus.DRAFT).count(),
        "signed_off_for_year": signed_off.filter(reference_date__year=year).count() if year else 0,
        "year": year,
        "recent": Assessment.objects.select_related("city").order_by("-created_at", "-pk")[:RECENT],
        "assessments": Assessment.objects.count(),
    }


# What an officer's start page shows for each of their cities.


@dataclass
class CityStart:
    city: City
    role: str  # the role's name in the reader's language
    can_start: bool = False  # an editor, who may start the city's first assessment
    assessment: Assessment | None = None  # the latest: the open draft, when there is one
    scorecard: StageProfile | None = None
    # Where the city stands: its latest signed-off assessment and its stages (None when
    # nothing is signed off yet; the same as `assessment` when no draft is open).
    standing: Assessment | None = None
    standing_scorecard: StageProfile | None = None
    thumbnail: str = ""
    continue_code: str = ""  # the last action this user changed in the assessment
    overdue: list = field(default_factory=list)


def _memberships(user_id):
    """The user's memberships with their city and the ids of its latest assessment and of
    its latest signed-off one (its standing)."""
    of_city = Assessment.objects.filter(city=OuterRef("city_id"))
    latest = of_city.newest_first().values("pk")[:1]
    standing = of_city.submitted().newest_first().values("pk")[:1]
    return (
        Membership.objects.filter(user_id=user_id)
        .select_related("city")
        .annotate(latest=Subquery(latest), standing=Subquery(standing))
        .order_by("city__name")
    )


def _assessments(user_id, ids):
    """The assessments with their model version, each with the code of the action this user
    changed last in it (`continue_code`, None when they changed none)."""
    last = (
        AuditEntry.objects.record_changes()
        .filter(user_id=user_id, assessment_id=OuterRef("pk"))
        .order_by("-at", "-pk")
        .values("record__action__code")[:1]
    )
    return (
        Assessment.objects.filter(pk__in=ids)
        .select_related("model_version")
        .annotate(continue_code=Subquery(last))
        .order_by()
    )


def _overdue(user_id, ids, today):
    """The user's open actions whose target date has passed, in the given assessments."""
    return (
        ActionRecord.objects.overdue(today)
        .filter(assessment__in=ids, responsible_member_id=user_id)
        .select_related("action")
        .order_by("target_date", "action__code")
    )


def officer_start(user) -> list[CityStart]:
    memberships = list(_memberships(user.pk))
    wanted = sorted({pk for m in memberships for pk in (m.latest, m.standing) if pk})
    found = {a.pk: a for a in _assessments(user.pk, wanted)} if wanted else {}
    assessments = {m.city_id: found[m.latest] for m in memberships if m.latest}
    last_changed = {a.pk: a.continue_code for a in found.values() if a.continue_code}
    overdue = _overdue_by_assessment(user, assessments.values())
    inputs = inputs_by_assessment(found)
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
            standing = found.get(m.standing)
            if standing is not None:
                if standing.model_version_id not in structures:
                    structures[standing.model_version_id] = load_structure(standing.model_version)
                standing_structure = structures[standing.model_version_id]
                start.standing = standing
                start.standing_scorecard = standing_structure.score(*inputs[standing.pk])
            start.thumbnail = _thumbnail(structures[version_id], card, m.city.slug)
            start.continue_code = last_changed.get(assessment.pk, "")
            start.overdue = overdue.get(assessment.pk, [])
        starts.append(start)
    return starts


def _thumbnail(structure, card: StageProfile, slug: str):
    """The profile's thumbnail, drawn once per profile (a pure function of the results)."""
    key = ("thumbnail", structure.version.content_version, repr(card.subdimensions), slug)
    return drawn(key, lambda: profile_thumbnail(rows_for(card), chart_id=f"thumb-{slug}"))


def _overdue_by_assessment(user, assessments) -> dict[int, list[ActionRecord]]:
    """Assessment id → this user's overdue open actions in it, oldest target date first."""
    result: dict[int, list[ActionRecord]] = {}
    drafts = [a.pk for a in assessments if a.is_draft]
    if not drafts:
        return result
    for record in _overdue(user.pk, drafts, timezone.localdate()):
        result.setdefault(record.assessment_id, []).append(record)
    return result
