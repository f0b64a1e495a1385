"""The maturity matrix, the next steps and the timeline of one assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from audit.models import as_read_by
from maturity.structure import load_structure
from policies.queries import policies_by_action

from .. import results
from ..access import get_assessment
from ..filters import MatrixFilterForm
from ..matrix import Card, Row, build_matrix
from ..models import ActionStatus
from ..page_cache import (
    PageVersions,
    cached_parts,
    card_key,
    matrix_key,
    next_steps_key,
    policies_key,
    row_key,
    summary_key,
)


def card_base(assessment) -> str:
    """The URL prefix of the assessment's action pages, built once per page, not per card."""
    return reverse("assessments:matrix", args=[assessment.city.slug, assessment.pk]) + "actions/"


def with_row_html(
    request: HttpRequest,
    rows: list[Row],
    page: PageVersions,
    *,
    fill_csrf: bool = True,
    drawing=None,
) -> None:
    """Give each matrix row its HTML (`row.html`: the subdimension's header and its cards),
    from the cache where it is there (page_cache.row_key). A tick or a new evidence link
    moves one record's revision: only that row is drawn again, from its cards' own cached
    parts (`with_card_html`). `drawing(cards)` is told the cards of the rows to draw first
    (Matrix.will_draw: their records are read for them alone)."""
    by_code = {row.subdimension.code: row for row in rows}

    def missing(codes: list) -> None:
        if drawing is not None:
            drawing(
                [card for code in codes for _stage, cards in by_code[code].cells for card in cards]
            )

    def context_for(code: str) -> dict:
        row = by_code[code]
        cards = [card for _stage, cards in row.cells for card in cards]
        with_card_html(request, cards, page, fill_csrf=False)
        return {"row": row, "card_base": page.base}  # the missing actions' links

    keys = {code: row_key(row, page) for code, row in by_code.items()}
    html = cached_parts(
        request,
        "assessments/_matrix_row.html",
        keys,
        context_for,
        fill_csrf=fill_csrf,
        drawing=missing,
    )
    for code, row in by_code.items():
        row.html = html[code]


def with_card_html(
    request: HttpRequest, cards: list[Card], page: PageVersions, *, fill_csrf=True
) -> None:
    """Give each card its HTML (`card.html`), from the cache where it is there
    (page_cache.card_key)."""
    by_code = {card.action.code: card for card in cards}
    html = cached_parts(
        request,
        "assessments/_card.html",
        {code: card_key(card, page) for code, card in by_code.items()},
        lambda code: {
            "card": by_code[code],
            "card_base": page.base,
            # Only what the key names: the part may not show anything else.
            "access": {"can_edit": page.editable},
            "assessment": {"is_draft": page.editable},
        },
        fill_csrf=fill_csrf,
    )
    for code, card in by_code.items():
        card.html = html[code]


@login_required
@require_safe
def matrix(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    form = MatrixFilterForm(request.GET)
    filters = form.filters()
    if form.errors:
        messages.error(request, _("A filter was not valid and is not applied."))
    page = PageVersions.of(assessment, access, card_base(assessment))
    # Built only when the table or the headline is not in the page cache.
    built = SimpleLazyObject(lambda: _drawn(request, assessment, filters, page))

    def table_context(_key) -> dict:
        return {
            "matrix": built,
            "filters": filters,
            "status_choices": ActionStatus.choices,
            "matrix_url": request.path,
            "content": page.content,
        }

    key = matrix_key(assessment, page, filters)
    table = cached_parts(request, "assessments/_matrix_table.html", {"t": key}, table_context)
    return _assessment_page(
        request,
        "assessments/matrix.html",
        assessment,
        access,
        table=table["t"],
        summary=SimpleLazyObject(lambda: built.summary()),
        summary_key=summary_key(assessment.city, assessment),
        status=400 if form.errors else 200,
    )


def _assessment_page(request, template: str, assessment, access, status=200, **context):
    """One of the assessment's pages, with what its header and breadcrumbs show."""
    context.update(assessment=assessment, access=access, city=assessment.city)
    return render(request, template, context, status=status)


def _drawn(request: HttpRequest, assessment, filters: dict, page: PageVersions):
    """The matrix with each row's HTML, its CSRF slots left for the table to fill."""
    m = build_matrix(assessment, **filters)
    with_row_html(request, m.rows, page, fill_csrf=False, drawing=m.will_draw)
    return m


@login_required
@require_safe
def next_steps(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    page = PageVersions.of(assessment, access, card_base(assessment))

    def body_context(_key) -> dict:
        # The statuses are all it shows of the records: no cards, no evidence counts.
        structure = load_structure(assessment.model_version)
        statuses = results.statuses(assessment)
        scorecard = structure.score(*results.inputs_from(structure, statuses))
        steps = results.next_steps(structure, scorecard)
        links = tools_html(request, [s.action for s in steps], assessment.model_version)
        labels = dict(ActionStatus.choices)
        return {
            "scorecard": scorecard,
            "card_base": page.base,
            "steps": [
                (
                    s.subdimension,
                    s.result,
                    s.action,
                    labels[statuses[s.action.pk]],
                    links[s.action.pk],
                )
                for s in steps
            ],
        }

    key = next_steps_key(assessment, page)
    body = cached_parts(request, "assessments/_next_steps_body.html", {"b": key}, body_context)
    return _assessment_page(
        request, "assessments/next_steps.html", assessment, access, body=body["b"]
    )


def tools_html(request: HttpRequest, actions, version) -> dict:
    """Action id → the HTML of its policies and crosswalk links, from the page cache
    (page_cache.policies_key). When one is not there, those of every action of the model
    are drawn with it, read in the same queries: the catalogue is the same for every city
    and changes seldom (a change moves every key), so the next action's page finds its own."""
    every = load_structure(version).actions
    missing = SimpleLazyObject(lambda: policies_by_action([a.pk for a in every]))
    return cached_parts(
        request,
        "policies/_links.html",
        {a.pk: policies_key(a, version) for a in actions},
        lambda pk: {"links": missing.get(pk, [])},
        along=lambda: {a.pk: policies_key(a, version) for a in every},
    )


@login_required
@require_safe
def timeline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    entries = as_read_by(
        assessment.audit_entries.select_related("user", "record__action")[:400], access
    )
    return render(
        request,
        "assessments/timeline.html",
        {"assessment": assessment, "access": access, "city": assessment.city, "entries": entries},
    )
