"""One PDF rendered once for the tests of a module that each read the very same document.

Rendering a report took a few seconds, and several tests read the same one, each checking its
own part. A module-scoped fixture builds the data and renders it with `rendered_once`, outside
any test: in a transaction rolled back as soon as the PDF is written, so no row of it reaches
a test (the module's other tests build their own Glasgow), and the tests get the bytes.
"""

from collections.abc import Callable

from django.core.cache import caches
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation


def rendered_once(django_db_blocker, media_root, build: Callable[[], bytes]) -> bytes:
    """The PDF `build` returns, its database changes rolled back and its uploads in `media_root`.

    Before and after, the process's caches are emptied as between two tests (the model
    structure, the page parts) and English made active: a rolled-back id comes back in the
    next test, and must not bring this document's parts with it.
    """
    from maturity import structure

    def fresh():
        structure._CACHE.clear()
        caches["fragments"].clear()
        translation.activate("en")

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        fresh()
        try:
            with transaction.atomic():
                built = build()
                transaction.set_rollback(True)
        finally:
            fresh()
    return built
