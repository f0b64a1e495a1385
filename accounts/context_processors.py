"""The signed-in user's cities and partner organisations, for the navigation bar."""

from django.utils.functional import SimpleLazyObject

from .access import cities_of
from .models import Partner


def my_cities(request) -> dict:
    # Lazy: the query runs only on pages that render the switcher.
    user = request.user
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
