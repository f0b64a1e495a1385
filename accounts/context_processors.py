"""The signed-in user's cities and partner organisations, for the navigation bar."""

from django.utils.functional import SimpleLazyObject

from .access import cities_of
from .models import Partner


def my_cities(request) -> dict:
    # Lazy: the query runs only on pages that render the switcher. A request refused before
    # the authentication middleware ran (a foreign Host header) has no user: no cities.
    user = getattr(request, "user", None)
    if user is None:
        return {"my_cities": [], "my_partners": []}
    return {
        "my_cities": SimpleLazyObject(
            lambda: list(cities_of(user).only("name", "slug")) if user.is_authenticated else []
        ),
        "my_partners": SimpleLazyObject(
            lambda: (
                list(Partner.objects.filter(members=user).only("name", "slug"))
                if user.is_authenticated
                else []
            )
        ),
    }
