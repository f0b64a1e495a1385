"""What the public pages read: published profiles with their city's standing (the latest
signed-off assessment), in a fixed number of queries whatever the number of cities."""

from django.db.models import OuterRef, Subquery

from assessments.models import Assessment

from .models import PublicProfile

PAGE_SIZE = 50


def _standing(field: str) -> Subquery:
    latest = Assessment.objects.submitted().filter(city=OuterRef("city")).newest_first()
    return Subquery(latest.values(field)[:1])


def directory(filters: dict):
    """Published profiles, by city name, with `level` (the overall stage level of the
    latest signed-off assessment, when the city shows its stages) and `assessed_on`."""
    found = (
        PublicProfile.objects.published()
        .select_related("city")
        .annotate(level=_standing("overall_level"), assessed_on=_standing("reference_date"))
        .order_by("city__name", "pk")
    )
    if filters.get("country"):
        found = found.filter(city__country=filters["country"])
    if filters.get("network"):
        found = found.filter(city__networks=filters["network"])
    if filters.get("stage") is not None:
        found = found.filter(show_stages=True, level=filters["stage"])
    return found


def profile_for(slug: str) -> PublicProfile | None:
    """The published profile of the city with this slug (None: not public)."""
    return PublicProfile.objects.published().select_related("city").filter(city__slug=slug).first()


def standing(city) -> Assessment | None:
    """The city's latest signed-off assessment, with its model version."""
    return city.assessments.submitted().newest_first().select_related("model_version").first()
