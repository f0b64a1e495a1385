"""When the cities themselves change (a country, a region, a population, a network), the
cached dashboard figures must follow: the filters group cities by those fields.

The shares' fingerprint catches shares added or withdrawn; this counter catches edits to the
cities. It lives in the shared cache, so every worker sees an edit made in any of them.
"""

from django.core.cache import cache

CITIES_VERSION = "dashboard:cities-version"


def cities_version() -> int:
    return cache.get_or_set(CITIES_VERSION, 0, None)


def cities_changed(**kwargs) -> None:
    try:
        cache.incr(CITIES_VERSION)
    except ValueError:  # not set yet, or evicted: any new value makes new keys
        cache.set(CITIES_VERSION, 1, None)
