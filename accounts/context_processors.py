"""The signed-in user's cities and partner organisations, for the navigation bar."""

from django.utils.functional import SimpleLazyObject

from .access import cities_of


def my_cities(request) -> dict:
    # Lazy: the query runs only on pages that render the switcher.
    return {
        "my_cities": SimpleLazyObject(lambda: list(cities_of(request.user).only("name", "slug"))),
        "my_partners": SimpleLazyObject(
            lambda: (
                list(request.user.partners.only("name", "slug"))
                if request.user.is_authenticated
                else []
            )
        ),
    }
