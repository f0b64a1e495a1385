"""A city's assessments: list with stage profiles, start a new one, compare two."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.access import get_city
from lifecycle.services import DraftOpen
from maturity import crosswalk
from maturity.structure import load_structure
from rendering.charts import ProfileColumn, compare_chart, progress_chart

from .. import services
from ..carry import inputs_through
from ..forms import NewAssessmentForm
from ..matrix import summary_context
from ..page_cache import (
    assessment_item_key,
    cached_parts,
    drawn,
    item_results_key,
    summary_key,
)
from ..results import compare, inputs_by_assessment


@login_required
@require_safe
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_city(request.user, slug)
    city = access.city
    assessments = list(city.assessments.select_related("model_version"))
    for a in assessments:
        a.city = city
    # Scored only when a part that shows the results is not in the page cache.
    scored = SimpleLazyObject(lambda: _profiles(assessments))
    a_by_pk = {a.pk: a for a in assessments}
    items = _by_version(
        request,
        "assessments/_city_assessment.html",
        assessments,
        lambda pk: {"city": city, "assessment": a_by_pk[pk], "card": scored[pk][1]},
        scored,
    )
    # The city's standing is its latest signed-off assessment; an open draft (at most one:
    # one_open_draft) is shown beside it as a draft, never as where the city stands.
    standing = next((a for a in assessments if not a.is_draft), None)
    open_draft = next((a for a in assessments if a.is_draft), None)
    context = {
        "access": access,
        "city": city,
        "assessments": assessments,
        "items": [items[a.pk] for a in assessments],
        "standing": standing,
        "open_draft": open_draft,
    }
    if open_draft is not None:
        context["draft_progress"] = _by_version(
            request,
            "assessments/_draft_progress.html",
            [open_draft],
            lambda pk: {"city": city, "draft": open_draft, "card": scored[pk][1]},
            scored,
        )[open_draft.pk]
    headline = standing or open_draft
    if headline is not None:
        context["latest"] = headline
        context["summary"] = SimpleLazyObject(
            lambda: summary_context(scored[headline.pk][2], scored[headline.pk][1])
        )
        context["summary_key"] = summary_key(city, headline)
        # Drawn only when the page shows it (two assessments or more), once per set of
        # assessments at their versions: templates call it.
        # The assessments the chart reads through a version crosswalk (the page says so).
        context["progress_through"] = [
            a
            for a in assessments
            if a.model_version_id != assessments[0].model_version_id
            and crosswalk.between(a.model_version, assessments[0].model_version)
        ]
        context["progress_chart"] = lambda: drawn(
            ("progress-chart", *(assessment_item_key(a) for a in assessments)),
            lambda: _progress_chart([scored[a.pk] for a in assessments]),
        )
    return render(request, "assessments/city_detail.html", context)


def _by_version(request, template: str, assessments, context_for, scored) -> dict:
    """Assessment id → its part (`template`, drawn with `context_for(id)`) from the page
    cache at the assessment's version (page_cache.assessment_item_key). A part missing
    there (every tick moves the version) comes from its results
    (page_cache.item_results_key): scored, but drawn again only for results never drawn."""
    by_pk = {a.pk: a for a in assessments}

    def from_results(pk: int) -> dict:
        key = item_results_key(by_pk[pk], scored[pk][1])
        # Its CSRF slots, if any, are left for the outer part to fill.
        html = cached_parts(request, template, {pk: key}, context_for, fill_csrf=False)
        return {"html": html[pk]}

    return cached_parts(
        request,
        "assessments/_html.html",
        # The inner template in the key: the list's item and the draft's progress share it.
        {a.pk: (template, assessment_item_key(a)) for a in assessments},
        from_results,
    )


def _profiles(assessments) -> dict:
    """Assessment id → (assessment, its scorecard, its model's structure)."""
    inputs = inputs_by_assessment(a.pk for a in assessments)
    structures = {}
    profiles = {}
    for a in assessments:
        if a.model_version_id not in structures:
            structures[a.model_version_id] = load_structure(a.model_version)
        structure = structures[a.model_version_id]
        profiles[a.pk] = (a, structure.score(*inputs[a.pk]), structure)
    return profiles


def _progress_chart(profiles):
    """Every assessment's profile side by side, oldest first, labelled by year, on the newest
    one's model version: one on an older version is read through the version crosswalk
    (marked †, the page says so); one no crosswalk leads from is left out, never mixed in."""
    structure = profiles[0][2]
    newest = profiles[0][0].model_version
    walks = {
        a.pk: crosswalk.between(a.model_version, newest)
        for a, _card, _s in profiles
        if a.model_version_id != newest.pk
    }
    through = inputs_by_assessment(pk for pk, walk in walks.items() if walk) if walks else {}
    ordered = [
        (a, structure.score(*inputs_through(walks[a.pk], *through[a.pk])) if a.pk in through
         else card)
        for a, card, _s in reversed(profiles)
        if a.pk in through or a.pk not in walks
    ]  # fmt: skip
    years = [a.reference_date.year for a, _card in ordered]
    columns = [
        ProfileColumn(
            label=(
                str(a.reference_date.year)
                if years.count(a.reference_date.year) == 1
                else f"{a.reference_date:%Y-%m}"
            )
            + ("†" if a.pk in through else ""),
            levels=card.profile(),
        )
        for a, card in ordered
    ]
    subs = [(sub.code, sub.title) for sub in structure.subdimensions]
    return progress_chart(columns, subs, [s.name for s in structure.stages])


@login_required
def new_assessment(request: HttpRequest, slug: str) -> HttpResponse:
    """Start an assessment; while the city has an open draft, refused with a link to it."""
    access = get_city(request.user, slug, write=True)
    context = {"access": access, "city": access.city}
    draft = access.city.assessments.open_draft()
    form = NewAssessmentForm(request.POST or None, city=access.city)
    if draft is None and request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                access.city,
                form.cleaned_data["model_version"],
                title=form.cleaned_data["title"],
                reference_date=form.cleaned_data["reference_date"],
                user=request.user,
                carry_from=form.cleaned_data["carry_from"],
            )
        except DraftOpen as exc:  # started by a colleague a moment ago
            draft = exc.draft
        else:
            messages.success(request, _("Assessment started."))
            carried = form.cleaned_data["carry_from"]
            if carried is not None and carried.model_version_id != assessment.model_version_id:
                # Across versions: first what could not come over.
                return redirect("assessments:carried_forward", slug=slug, pk=assessment.pk)
            return redirect("assessments:matrix", slug=slug, pk=assessment.pk)
    if draft is not None:
        status = 409 if request.method == "POST" else 200
        context["draft"] = draft
        return render(request, "assessments/new_assessment.html", context, status=status)
    context["form"] = form
    return render(
        request, "assessments/new_assessment.html", context, status=400 if form.errors else 200
    )


@login_required
@require_safe
def compare_view(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_city(request.user, slug)
    city = access.city
    assessments = list(city.assessments.all())
    try:
        a_pk, b_pk = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        a_pk = b_pk = None
    by_pk = {a.pk: a for a in assessments}
    if a_pk is None and len(assessments) >= 2:
        a_pk, b_pk = assessments[1].pk, assessments[0].pk
    comparison = chart = None
    status = 200
    if a_pk is not None:
        if a_pk not in by_pk or b_pk not in by_pk:
            messages.error(request, _("Choose two assessments of this city."))
            status = 400
        elif a_pk == b_pk:
            messages.error(request, _("Choose two different assessments."))
            status = 400
        else:
            comparison = compare(by_pk[a_pk], by_pk[b_pk])
            chart = compare_chart(
                [(r.code, r.title, r.level_before or 0, r.level_after) for r in comparison.rows],
                comparison.older.title,
                comparison.newer.title,
                comparison.stage_names,
            )
    return render(
        request,
        "assessments/compare.html",
        {
            "access": access,
            "city": city,
            "assessments": assessments,
            "comparison": comparison,
            "chart": chart,
            "a_pk": a_pk,
            "b_pk": b_pk,
        },
        status=status,
    )
