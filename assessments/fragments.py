"""Cached HTML fragments of the hot pages (the matrix's cards, the action page's form), keyed
by everything they show.

A fragment's key is a digest of its template, the active language and every value the
fragment shows, so any change to what it shows is a different key: nothing needs
invalidating and nothing can be stale. Old entries age out of the per-process local-memory
cache `fragments` (settings.CACHES).

A fragment never holds a CSRF token, which is the user's secret: its forms carry CSRF_SLOT,
replaced by the request's token each time the fragment leaves the cache.
"""

import hashlib
import secrets
from collections.abc import Callable, Hashable, Iterable

from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Hex only, so escaping leaves it as it is; random per process, so no user text can match it.
CSRF_SLOT = f"csrf-slot-{secrets.token_hex(12)}"
TIMEOUT = 6 * 60 * 60


def fragment_key(template_name: str, shown: Iterable) -> str:
    """The cache key of a fragment: its template, the language and what it shows."""
    text = "\x1f".join(map(str, (template_name, get_language(), *shown)))
    return "fragment:" + hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def cached_fragments(
    request: HttpRequest,
    template_name: str,
    shown: dict[Hashable, tuple],
    context_for: Callable[[Hashable], dict],
    *,
    fill_csrf: bool = True,
) -> dict[Hashable, SafeString]:
    """{id: HTML} for every id of `shown`, which gives each fragment every value it shows.

    Fragments missing from the cache are rendered with `context_for(id)` and stored. The
    template must depend on nothing but that context and the active language. With
    `fill_csrf` off, the HTML keeps CSRF_SLOT, for a fragment that goes into another one.
    """
    cache = caches["fragments"]
    keys = {ident: fragment_key(template_name, values) for ident, values in shown.items()}
    found = cache.get_many(keys.values())
    rendered = {}
    html = {}
    for ident, key in keys.items():
        fragment = found.get(key)
        if fragment is None:
            context = {**context_for(ident), "csrf_token": CSRF_SLOT}
            fragment = rendered[key] = render_to_string(template_name, context)
        html[ident] = fragment
    if rendered:
        cache.set_many(rendered, TIMEOUT)
    token = get_token(request) if fill_csrf else CSRF_SLOT
    # Rendered by the template engine, which escaped what it showed.
    return {ident: mark_safe(h.replace(CSRF_SLOT, token)) for ident, h in html.items()}  # noqa: S308
