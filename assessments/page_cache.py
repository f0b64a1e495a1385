"""Rendered HTML of the hot pages' parts (the matrix's rows and cards, the headline, the
action page's form), cached under keys made of versions.

A part's key is its template, the language, and the versions of what it shows (the key
functions below give the last; `part_key` adds the first two), each moved
by the code that changes it:

- a record's `revision`: every save of an action and every change of its evidence (its
  `evidence_revision`: only the latter), and the
  assessment's `version`, which moves with each of those and with each lifecycle step
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
from collections.abc import Callable, Hashable
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
# Where a text area's text goes in its cached field (field_key), filled in for each request.
TEXT_SLOT = f"text-slot-{secrets.token_hex(12)}"


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
    return (*card.version, page)  # (record id, revision); page names the content


def row_key(row, page: PageVersions) -> tuple:
    """A subdimension's row: its cards, stage by stage (the filters choose which), by their
    records' revisions; its result is scored from those records."""
    cells = tuple((stage.pk, tuple(c.version for c in cards)) for stage, cards in row.cells)
    return (row.subdimension.pk, cells, page)


def matrix_key(assessment, page: PageVersions, filters: dict) -> tuple:
    """The whole matrix (filters, heads, rows) of an assessment at its version."""
    return (assessment.pk, assessment.version, page, tuple(sorted(filters.items())))


def assessment_item_key(assessment) -> tuple:
    """An assessment as the city page lists it (title, state, date, stages) at its
    version; the title and date move it too (they are edited without a service)."""
    content = assessment.model_version.content_version
    return (assessment.pk, assessment.version, content, _item_shown(assessment))


def item_results_key(assessment, card) -> tuple:
    """The same drawn from its results (`card`, a StageProfile), whatever its version: a
    pure function of them, so a tick undone finds the part drawn before it (as the
    headline does, headline_key)."""
    content = assessment.model_version.content_version
    shown = _item_shown(assessment)
    return (assessment.pk, content, shown, repr(card.overall), repr(card.subdimensions))


def _item_shown(assessment) -> tuple:
    return (assessment.title, assessment.reference_date, assessment.status, assessment.city.slug)


def next_steps_key(assessment, page: PageVersions) -> tuple:
    """The next steps (each subdimension's result, the missing actions, their tools) of an
    assessment at its version."""
    return (assessment.pk, assessment.version, page)


def summary_key(city, assessment) -> tuple:
    """The headline of an assessment at its version, as a page shows it (a tick's response,
    which marks the stages it moved, is drawn from headline_key alone)."""
    content = assessment.model_version.content_version
    return (city.pk, city.name, assessment.pk, assessment.version, content)


def headline_key(card, content: str, moved: tuple) -> tuple:
    """The headline drawn from its results (matrix.summary_context): a pure function of
    them, the model's texts and the stages just moved, whatever the assessment's version
    (the city's name is added by the headline's tag)."""
    return (repr(card), content, moved)


def field_key(field, members: tuple, *, slotted: bool = False) -> tuple:
    """One field of the action page's unbound form: its HTML is a function of its name and
    value (labels, help and choices come with the language), and for the choice of owner,
    of the city's members (read fresh: they are that select's own query; every field keys
    on them, which costs a redraw of the form when someone joins or leaves). A `slotted`
    field (a text area) is drawn with TEXT_SLOT for its text, which the page fills in: its
    HTML does not depend on the text, so a saved note redraws nothing."""
    return (field.name, TEXT_SLOT if slotted else repr(field.value()), members)


def _record_version(record) -> tuple:
    """A record at its revision. The model's content version comes along: it holds the
    model's load time, so a database loaded afresh (ids counted from 1 again) never meets
    the parts of the one before it in a cache server that outlived it."""
    return (record.pk, record.revision, record.assessment.model_version.content_version)


def evidence_key(record, editable: bool, private: bool) -> tuple:
    """An action's links and files: each change of them moves the record's
    `evidence_revision` (a saved note does not); `private`: the reader sees the files."""
    city = record.assessment.city.slug  # in the links
    content = record.assessment.model_version.content_version  # see _record_version
    return (record.pk, record.evidence_revision, content, editable, private, city)


def history_key(record, private: bool) -> tuple:
    """An action's history: every entry comes with a move of the record's revision."""
    return (*_record_version(record), private)


def policies_key(action, version) -> tuple:
    """An action's policies and crosswalk links, as the catalogue has them."""
    return (action.pk, version.content_version)


def drawn(key: Hashable, draw: Callable[[], str]) -> SafeString:
    """The output of a pure drawing function (a chart) from the cache: `key` names the
    drawing and holds every input of `draw`, so it is never out of date."""
    return mark_safe(remembered(key, lambda: str(draw())))  # noqa: S308 (charts escape)


def remembered(key: Hashable, compute: Callable[[], object]):
    """`compute()` once per `key` (which names what it computes and holds every input) and
    language, from the cache after that."""
    cache = caches["fragments"]
    cache_key = _digest(key)
    found = cache.get(cache_key)
    if found is None:
        found = compute()
        cache.set(cache_key, found)
    return found


def part_key(template_name: str, key: Hashable) -> str:
    """The cache key of a part: its template, the language and its versions."""
    return _digest((template_name, key))


def _digest(key: Hashable) -> str:
    return hashlib.sha256(repr((get_language(), key)).encode()).hexdigest()


def cached_parts(
    request: HttpRequest,
    template_name: str,
    keys: dict[Hashable, Hashable],
    context_for: Callable[[Hashable], dict],
    *,
    fill_csrf: bool = True,
    along: Callable[[], dict[Hashable, Hashable]] | None = None,
    drawing: Callable[[list], None] | None = None,
) -> dict[Hashable, SafeString]:
    """{id: HTML} for every id of `keys` (id → its versioned key).

    Parts missing from the cache are rendered with `context_for(id)` and stored. The template
    must show nothing that its key's versions do not name. With `fill_csrf` off, the HTML
    keeps CSRF_SLOT, for a part that goes into another one. `along()` gives more ids and
    their keys: when a part of `keys` is missing, those of them missing too are drawn and
    stored with it (not returned), for parts whose data is read in one go for all of them.
    `drawing(ids)` is told, before any is drawn, which parts are missing: their data can
    then be read in one go for those alone.
    """
    cache = caches["fragments"]
    names = {ident: part_key(template_name, key) for ident, key in keys.items()}
    found = cache.get_many(names.values())
    if along and len(found) < len(names):
        names_along = {i: part_key(template_name, k) for i, k in along().items() if i not in keys}
        found_along = cache.get_many(names_along.values())
        names.update((i, n) for i, n in names_along.items() if n not in found_along)
    rendered = {}
    html = {}
    if drawing is not None and len(found) < len(names):
        drawing([ident for ident, name in names.items() if name not in found])
    for ident, name in names.items():
        part = found.get(name)
        if part is None:
            context = {**context_for(ident), "csrf_token": CSRF_SLOT}
            part = rendered[name] = render_to_string(template_name, context)
        html[ident] = part
    if rendered:
        cache.set_many(rendered)
    # A token is masked anew for each call: only for parts that hold a form.
    if fill_csrf and any(CSRF_SLOT in html[ident] for ident in keys):
        token = get_token(request)
        html = {ident: html[ident].replace(CSRF_SLOT, token) for ident in keys}
    # Rendered by the template engine, which escaped what it showed.
    return {ident: mark_safe(html[ident]) for ident in keys}  # noqa: S308
