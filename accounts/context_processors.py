"""The signed-in user's cities, for the city switcher in the navigation bar."""

from django.utils.functional import SimpleLazyObject

from .access import cities_of


def my_cities(request) -> dict:
    # Lazy: the query runs only on pages that render the switcher.
    return {
        "my_cities": SimpleLazyObject(lambda: list(cities_of(request.user).only("name", "slug")))
    }
