"""What a campaign partner sees of the exchange: the experiences it features on its dashboard
and how many its cities (those sharing an assessment with it) published per subdimension."""

from django.db.models import Count, Exists, OuterRef

from assessments.models import Share

from .access import visible_to
from .models import Experience, FeaturedExperience, Visibility


def featured(partner, user) -> list[Experience]:
    """The partner's featured experiences that `user` may still read, newest choice first."""
    chosen = FeaturedExperience.objects.filter(partner=partner).values("experience_id")
    return list(
        visible_to(user)
        .listed()
        .filter(pk__in=chosen)
        .for_list()
        .order_by("-pk")  # stable; the choice's own order is kept by FeaturedExperience
    )


def counts_per_subdimension(partner) -> list[tuple[str, int]]:
    """(subdimension code, experiences) published beyond the city (for partners, signed-in
    cities or the public) by the cities that share an assessment with the partner; one query."""
    shares = Share.objects.filter(assessment__city=OuterRef("city"), partner=partner)
    rows = (
        Experience.objects.listed()
        .exclude(visibility=Visibility.CITY)
        .filter(Exists(shares))
        .values("action__subdimension__code")
        .annotate(n=Count("pk"))
        .order_by("action__subdimension__code")
    )
    return [(row["action__subdimension__code"], row["n"]) for row in rows]
