"""The signed-in user's cities and partner organisations, for the navigation bar."""

from dataclasses import dataclass

from django.db.models import Value
from django.utils.functional import SimpleLazyObject

from .models import City, Partner


@dataclass(frozen=True)
class Place:
    """A city or partner as the navigation links to it."""

    name: str
    slug: str


def _places_of(user) -> dict[str, list[Place]]:
    """The user's cities and partners, each by name, in one query (every signed-in page
    draws the navigation)."""
    cities = City.objects.filter(memberships__user=user).annotate(kind=Value("city")).order_by()
    partners = Partner.objects.filter(members=user).annotate(kind=Value("partner")).order_by()
    rows = (
        cities.values_list("kind", "name", "slug")
        .union(partners.values_list("kind", "name", "slug"), all=True)
        .order_by("kind", "name")
    )
    places: dict[str, list[Place]] = {"city": [], "partner": []}
    for which, name, slug in rows:
        places[which].append(Place(name, slug))
    return places


def my_cities(request) -> dict:
    # Lazy: the query runs only on pages that render the navigation. A request refused
    # before the authentication middleware ran (a foreign Host header) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_cities": [], "my_partners": []}
    places = SimpleLazyObject(lambda: _places_of(user))
    return {
        "my_cities": SimpleLazyObject(lambda: places["city"]),
        "my_partners": SimpleLazyObject(lambda: places["partner"]),
    }
