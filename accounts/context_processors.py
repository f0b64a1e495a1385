"""The signed-in user's cities and partner organisations, for the navigation bar."""

from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject

from .models import City, Partner


@dataclass(frozen=True)
class Place:
    """A city or partner as the navigation links to it."""

    name: str
    slug: str


def _places(queryset) -> list[Place]:
    # Plain (name, slug) rows, by name: every signed-in page draws the navigation, and
    # model instances cost more than the query. (One UNION of the two compiled slower than
    # both: 0.86 ms against 0.57 ms.) A user's memberships are unique per city: no DISTINCT.
    return [Place(*row) for row in queryset.order_by("name").values_list("name", "slug")]


def my_cities(request) -> dict:
    # Lazy: the queries run only on pages that render the navigation. A request refused
    # before the authentication middleware ran (a foreign Host header) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_cities": [], "my_partners": []}
    return {
        "my_cities": SimpleLazyObject(lambda: _places(City.objects.filter(memberships__user=user))),
        "my_partners": SimpleLazyObject(lambda: _places(Partner.objects.filter(members=user))),
    }
