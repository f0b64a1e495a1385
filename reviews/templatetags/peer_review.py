"""The hooks other apps' templates use to show peer reviews, without importing this app:
the city page, the matrix (open findings), the partner view and the report."""

from django import template

from assessments.page_cache import cached_parts

from ..models import CriticalFriend, Review, ReviewState
from ..results import review_results

register = template.Library()


def _latest_returned(assessment):
    return (
        Review.objects.returned()
        .filter(assessment=assessment)
        .select_related("reviewer", "assessment__model_version", "assessment__city")
        .order_by("-returned_at", "-pk")
        .first()
    )


@register.simple_tag(takes_context=True)
def city_reviews(context, city, access, standing):
    """The city page: its standing's returned review side by side, its open reviews and
    the critical-friend offer; from the page cache under the city's `reviews_revision`
    (reviews.freshness), the standing at its version and the titles of the city's
    assessments (edited without a service), read afresh only when one of those moved."""
    titles = tuple((a.pk, a.title) for a in context.get("assessments", ()))
    shown = None
    if standing is not None:
        shown = (standing.pk, standing.version, standing.model_version.content_version)
    key = (city.pk, city.name, city.slug, city.reviews_revision, access.can_edit, shown, titles)
    return cached_parts(
        context["request"],
        "reviews/_city_section.html",
        {"r": key},
        lambda _ident: _city_section(city, access, standing),
    )["r"]


def _city_section(city, access, standing) -> dict:
    # Every review the city asked for, in one query (a city has a few a year): the ten newest
    # are listed, and the standing's latest returned one is among them all.
    every = list(
        Review.objects.filter(assessment__city=city)
        .select_related("reviewer", "assessment__model_version", "assessment__city")
        .order_by("-requested_at", "-pk")
    )
    returned = [
        r
        for r in every
        if standing is not None and r.assessment_id == standing.pk and not r.is_open
    ]
    review = max(returned, key=lambda r: (r.returned_at, r.pk), default=None)
    return {
        "city": city,
        "access": {"can_edit": access.can_edit},
        "standing": standing,
        "review": review,
        "results": review_results(review) if review else None,
        "reviews": every[:10],
        "is_friend": CriticalFriend.objects.filter(city=city).exists(),
    }


@register.inclusion_tag("reviews/_partner_note.html")
def partner_review_note(assessment):
    """A partner's view of a shared assessment: whether, by whom and where the peer-reviewed
    stage differs (no findings, no names of people)."""
    review = _latest_returned(assessment)
    results = review_results(review) if review else None
    differs = [r for r in results.rows if r.differs] if results else []
    return {"review": review, "results": results, "differs": differs}


@register.inclusion_tag("reviews/_report_chapter.html")
def peer_review_chapter(assessment, sees_private=True):
    """The report's "Peer review" chapter (ISO 22392: scope, reviewers, evidence seen,
    findings, recommendations, follow-up) for each returned review of the assessment."""
    reviews = list(
        Review.objects.returned()
        .filter(assessment=assessment)
        .select_related("reviewer", "assessment__model_version")
        .prefetch_related("findings__answer", "findings__action", "notes")
        .order_by("returned_at", "pk")
    )
    return {
        "chapters": [(r, review_results(r)) for r in reviews],
        "sees_private": sees_private,
        "closed": ReviewState.CLOSED,
    }


@register.simple_tag(takes_context=True)
def open_findings(context, city):
    """The matrix's mark of the actions whose peer-review findings wait for the city's
    answer (returned reviews of any of its assessments), each linking to the finding; from
    the page cache under the city's `reviews_revision`, which each finding, answer and review
    step moves (reviews.freshness)."""
    key = (city.pk, city.slug, city.reviews_revision)
    return cached_parts(
        context["request"],
        "reviews/_open_findings.html",
        {"f": key},
        lambda _ident: {"city": city, "findings": _open_findings(city)},
        fill_csrf=False,
    )["f"]


def _open_findings(city) -> list:
    from ..models import Finding, Verdict

    return list(
        Finding.objects.filter(
            review__assessment__city=city,
            review__state=ReviewState.RETURNED,
            answer__isnull=True,
        )
        .exclude(verdict=Verdict.AGREE)
        .select_related("action", "review__reviewer")
        .order_by("action__code")
    )
