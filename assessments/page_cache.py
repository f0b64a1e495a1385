"""Rendered HTML of the hot pages' parts (the matrix's rows and cards, the headline, the
action page's form), cached under keys made of versions.

A part's key is its template, the language, and the versions of what it shows, each moved
by the code that changes it:

- a record's `revision`: every save of an action and every change of its evidence
  (assessments.services);
- the model version's `content_version`: its texts (a translation loaded or corrected) and
  the catalogue linked to its actions (policies.versions);
- the reader: whether they may edit (an editor's card carries the tick buttons);
- the day: a target date passes at midnight.

A part under a version that moved is never read again and ages out of the cache. A change in
one assessment moves only its own records' revisions: no other city's parts are dropped.

The cache is `fragments` (settings.CACHES): each process's memory, or the shared cache
server when CACHE_URL names one. A part never holds a CSRF token, which is the user's secret:
its forms carry CSRF_SLOT, replaced by the request's token each time the part is served.
"""

import hashlib
import secrets
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Hex only, so escaping leaves it as it is; random per process, so no user text can match it.
CSRF_SLOT = f"csrf-slot-{secrets.token_hex(12)}"
TIMEOUT = 6 * 60 * 60


@dataclass(frozen=True)
class PageVersions:
    """What every cached part of one assessment page is keyed by, besides its own records."""

    content: str  # the model version's texts and catalogue (ModelVersion.content_version)
    editable: bool  # the reader may change the assessment (an editor, and a draft)
    base: str  # the URL prefix of the assessment's action pages
    today: date

    @classmethod
    def of(cls, assessment, access, base: str) -> "PageVersions":
        return cls(
            content=assessment.model_version.content_version,
            editable=access.can_edit and assessment.is_draft,
            base=base,
            today=timezone.localdate(),
        )


def card_key(card, page: PageVersions) -> tuple:
    return ("card", card.record.pk, card.record.revision, page)


def row_key(row, page: PageVersions) -> tuple:
    """A subdimension's row: its cards, stage by stage (the filters choose which), by their
    records' revisions; its result is scored from those records."""
    cells = tuple(
        (stage.pk, tuple((c.record.pk, c.record.revision) for c in cards))
        for stage, cards in row.cells
    )
    return ("row", row.subdimension.pk, cells, page)


def summary_key(city, content: str, met: Iterable[str], na: Iterable[str], moved) -> tuple:
    """The headline is scored from the met and not-applicable actions alone (the scoring
    rule is a pure function of them and the model's content)."""
    return ("summary", city.pk, city.name, content, tuple(sorted(met)), tuple(sorted(na)), moved)


def form_key(record, members: tuple) -> tuple:
    """The action page's form: the record at its revision, and the city's members it offers
    as responsible (read fresh: they are the select's own query)."""
    return ("form", record.pk, record.revision, members)


def part_key(template_name: str, key: Hashable) -> str:
    text = repr((template_name, get_language(), key))
    return "part:" + hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def cached_parts(
    request: HttpRequest,
    template_name: str,
    keys: dict[Hashable, Hashable],
    context_for: Callable[[Hashable], dict],
    *,
    fill_csrf: bool = True,
) -> dict[Hashable, SafeString]:
    """{id: HTML} for every id of `keys` (id → its versioned key).

    Parts missing from the cache are rendered with `context_for(id)` and stored. The template
    must show nothing that its key's versions do not name. With `fill_csrf` off, the HTML
    keeps CSRF_SLOT, for a part that goes into another one.
    """
    cache = caches["fragments"]
    names = {ident: part_key(template_name, key) for ident, key in keys.items()}
    found = cache.get_many(names.values())
    rendered = {}
    html = {}
    for ident, name in names.items():
        part = found.get(name)
        if part is None:
            context = {**context_for(ident), "csrf_token": CSRF_SLOT}
            part = rendered[name] = render_to_string(template_name, context)
        html[ident] = part
    if rendered:
        cache.set_many(rendered, TIMEOUT)
    token = get_token(request) if fill_csrf else CSRF_SLOT
    # Rendered by the template engine, which escaped what it showed.
    return {ident: mark_safe(h.replace(CSRF_SLOT, token)) for ident, h in html.items()}  # noqa: S308
