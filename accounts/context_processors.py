"""The signed-in user's cities and partner organisations, for the navigation bar."""

from django.utils.functional import SimpleLazyObject

from .access import cities_of
from .compiled import CompiledQuery
from .models import City, Partner, User

# Stands for the user's id while the queries are compiled (no id is negative).
_ANY_USER = -7_041_997
# On every signed-in page: compiled once per process (see compiled.py).
_CITIES = CompiledQuery(City, lambda user_id: cities_of(User(pk=user_id)).only("name", "slug"))
_PARTNERS = CompiledQuery(
    Partner, lambda user_id: Partner.objects.filter(members=user_id).only("name", "slug")
)


def my_cities(request) -> dict:
    # Lazy: the query runs only on pages that render the switcher. A request refused before
    # the authentication middleware ran (a foreign Host header) has no user: no cities.
    user = getattr(request, "user", None)
    if user is None:
        return {"my_cities": [], "my_partners": []}
    return {
        "my_cities": SimpleLazyObject(
            lambda: _CITIES.rows({_ANY_USER: user.pk}) if user.is_authenticated else []
        ),
        "my_partners": SimpleLazyObject(
            lambda: _PARTNERS.rows({_ANY_USER: user.pk}) if user.is_authenticated else []
        ),
    }
