"""The public pages: the directory of published cities and each city's profile, its badge,
and the sitemap and robots.txt. Anonymous, read-only, cached under versioned keys
(profiles.versions); whether a profile is public is read on every request, before any cached
part, so unpublishing takes effect at once."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assessments.page_cache import cached_parts, remembered
from assessments.results import stage_profile
from dashboards.presenters import country_name
from experiences.models import Experience
from maturity import wording
from maturity.models import ModelVersion
from maturity.structure import load_structure
from rendering.charts import profile_chart, rows_for, scorecard_radar
from reviews.models import Review
from scorecard.scoring import totals_of

from . import badge, geo, preview, queries
from .forms import DirectoryFilters
from .models import PublicProfile
from .versions import directory_version, experiences_version

# Shared caches and browsers ask again each time: a profile unpublished is gone at once.
PUBLIC_CACHE_CONTROL = "no-cache"


def _public(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = PUBLIC_CACHE_CONTROL
    return response


def _stage_choices() -> list[tuple[int, str]]:
    def read():
        version = ModelVersion.objects.current()
        names = [s.name for s in version.stages.all()] if version else []
        return [(level, wording.level_label(level, names)) for level in range(len(names) + 1)]

    version_key = (
        ModelVersion.objects.published()
        .order_by("-loaded_at", "-pk")
        .values_list("pk", "loaded_at", "texts_revised_at")[:1]
    )
    return remembered(("profile-stages", tuple(version_key)), read)


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    version = directory_version()
    countries = remembered(
        ("profile-countries", version),
        lambda: sorted(
            set(PublicProfile.objects.published().values_list("city__country", flat=True))
        ),
    )
    form = DirectoryFilters(
        request.GET,
        countries=[(c, country_name(c)) for c in countries],
        stages=_stage_choices(),
    )
    if not form.is_valid():
        response = render(request, "profiles/directory.html", {"form": form}, status=400)
        return _public(response)
    filters = {k: v for k, v in form.cleaned_data.items() if k != "page"}
    number = form.cleaned_data["page"] or 1
    key = (version, tuple((k, str(getattr(v, "pk", v))) for k, v in sorted(filters.items())))

    def body(_ident) -> dict:
        paginator = Paginator(queries.directory(filters), queries.PAGE_SIZE)
        page = paginator.get_page(number)
        names = dict(_stage_choices())
        rows = [(p, names.get(p.level) if p.show_stages else None) for p in page]
        points = [(p.city.name, p.latitude, p.longitude) for p in page if p.latitude is not None]
        return {
            "page": page,
            "rows": rows,
            "map": geo.map_svg(points),
            "country_name": {c: country_name(c) for c in countries},
            "query": {k: "" if v is None else getattr(v, "pk", v) for k, v in filters.items()},
        }

    parts = cached_parts(
        request, "profiles/_directory_body.html", {"body": (key, number)}, body, fill_csrf=False
    )
    return _public(
        render(request, "profiles/directory.html", {"form": form, "body": parts["body"]})
    )


def _profile_or_404(slug: str) -> PublicProfile:
    profile = queries.profile_for(slug)
    if profile is None:
        raise Http404(_("No such public profile."))
    return profile


def _standing_key(assessment) -> tuple | None:
    if assessment is None:
        return None
    return (assessment.pk, assessment.version, assessment.model_version.content_version)


@require_safe
def profile(request: HttpRequest, city: str) -> HttpResponse:
    profile = _profile_or_404(city)
    city = profile.city
    standing = queries.standing(city) if profile.show_stages else None
    shown = experiences_version(city) if profile.show_experiences else None
    scorecard = city.scorecards.standing() if profile.show_scorecard else None
    # A signed-off Scorecard is read-only; signed off again, it has a new sign-off time.
    scored = (scorecard.pk, scorecard.submitted_at) if scorecard else None
    # Whether critical friends reviewed it (reviews app): returned reviews only, by whom and
    # when. Part of the key: a review returned later does not move the assessment's version.
    reviewed_by = (
        list(
            Review.objects.returned()
            .filter(assessment=standing)
            .order_by("returned_at")
            .values_list("reviewer__name", "returned_at")
        )
        if standing is not None
        else []
    )
    key = (profile.pk, profile.version, _standing_key(standing), shown, scored, reviewed_by)

    def body(_ident) -> dict:
        context = {
            "profile": profile,
            "city": city,
            "country": country_name(city.country),
            "standing": standing,
            "reviewed_by": reviewed_by,
            "networks": list(city.networks.all()) if profile.show_networks else [],
            "experiences": list(
                Experience.objects.public().filter(city=city).for_list()
                if profile.show_experiences
                else []
            ),
        }
        if scorecard is not None:
            totals = totals_of(scorecard)
            context["scorecard"] = scorecard
            context["scorecard_totals"] = totals
            context["radar"] = scorecard_radar(
                [(e.number, e.title, e.score, e.maximum, e.unanswered) for e in totals.essentials],
                chart_id="public-scorecard",
            )
        if standing is not None:
            structure = load_structure(standing.model_version)
            scored = stage_profile(standing, structure)
            context["card"] = scored
            context["chart"] = profile_chart(
                rows_for(scored), [s.name for s in structure.stages], chart_id="public-profile"
            )
        return context

    parts = cached_parts(
        request, "profiles/_profile_body.html", {"body": key}, body, fill_csrf=False
    )
    context = {"profile": profile, "city": city, "body": parts["body"]}
    return _public(render(request, "profiles/profile.html", context))


@require_safe
def profile_badge(request: HttpRequest, city: str) -> HttpResponse:
    """An SVG badge for the city's own website: its name and overall stage."""
    profile = _profile_or_404(city)
    standing = queries.standing(profile.city) if profile.show_stages else None
    key = ("profile-badge", profile.pk, profile.version, _standing_key(standing))
    svg = remembered(key, lambda: badge.badge_svg(profile, standing))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return _public(response)


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """Every public page: the directory and each published profile."""
    version = directory_version()

    def draw() -> str:
        profiles = PublicProfile.objects.published().order_by("city__slug")
        urls = [request.build_absolute_uri(reverse("profiles:directory"))]
        urls += [
            request.build_absolute_uri(reverse("profiles:profile", args=[slug]))
            for slug in profiles.values_list("city__slug", flat=True)
        ]
        return render_to_string("profiles/sitemap.xml", {"urls": urls})

    host = request.get_host()
    xml = remembered(("sitemap", version, host, request.scheme), draw)
    return _public(HttpResponse(xml, content_type="application/xml; charset=utf-8"))


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public pages only; the sitemap lists them."""
    lines = [
        "User-agent: *",
        f"Allow: {reverse('profiles:directory')}",
        "Disallow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('profiles:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def profile_preview(request: HttpRequest, city: str) -> HttpResponse:
    """The image social media show beside a link to the profile."""
    profile = _profile_or_404(city)
    city = profile.city
    standing = queries.standing(city) if profile.show_stages else None
    key = ("profile-preview", profile.pk, profile.version, _standing_key(standing))

    def draw() -> bytes:
        rows, top = [], 5
        if standing is not None:
            structure = load_structure(standing.model_version)
            scored = stage_profile(standing, structure)
            rows = [(s.code, r.level, wording.short_label(r)) for s, r in scored.rows]
            top = len(structure.stages)
        return preview.preview_png(city.name, country_name(city.country), rows, top)

    response = HttpResponse(remembered(key, draw), content_type="image/png")
    return _public(response)
