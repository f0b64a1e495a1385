"""The maturity matrix, the next steps and the timeline of one assessment."""

from itertools import chain

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from policies.queries import policies_by_action

from .. import results
from ..access import get_assessment
from ..filters import MatrixFilterForm
from ..fragments import cached_fragments
from ..matrix import Card, Row, build_matrix
from ..models import ActionStatus, RecordChange


def card_base(assessment) -> str:
    """The URL prefix of the assessment's action pages, built once per page, not per card."""
    return reverse("assessments:matrix", args=[assessment.city.slug, assessment.pk]) + "actions/"


def with_row_html(request: HttpRequest, rows: list[Row], assessment, access, base: str) -> None:
    """Give each matrix row its HTML (`row.html`: the subdimension's header and its cards),
    from the fragment cache where it is there.

    The key holds every value the row shows: the subdimension's result (stage, counts, what
    is missing), and per card its status, revision, overdue state and counts. A tick, a new
    evidence link or a passed target date each make a new key; only the row that changed is
    rendered again, from its cards' own cached fragments (`with_card_html`)."""
    editable = access.can_edit and assessment.is_draft
    texts = model_texts(assessment.model_version)
    shown = {
        row.subdimension.code: (
            row.subdimension.code,
            texts or row.subdimension.title,
            repr(row.result),
            editable,
            base,
            *(
                (stage.pk, texts or stage.name, *(_card_shown(card, texts) for card in cards))
                for stage, cards in row.cells
            ),
        )
        for row in rows
    }
    by_code = {row.subdimension.code: row for row in rows}

    def context_for(code: str) -> dict:
        row = by_code[code]
        cards = [card for _stage, cards in row.cells for card in cards]
        with_card_html(request, cards, assessment, access, base, fill_csrf=False)
        return {"row": row, "card_base": base}  # the missing actions' links

    html = cached_fragments(request, "assessments/_matrix_row.html", shown, context_for)
    for code, row in by_code.items():
        row.html = html[code]


def with_card_html(
    request: HttpRequest, cards: list[Card], assessment, access, base: str, *, fill_csrf=True
) -> None:
    """Give each card its HTML (`card.html`), from the fragment cache where it is there,
    keyed by every value the card shows."""
    editable = access.can_edit and assessment.is_draft
    texts = model_texts(assessment.model_version)
    by_code = {card.action.code: card for card in cards}
    shown = {code: (*_card_shown(card, texts), editable, base) for code, card in by_code.items()}
    html = cached_fragments(
        request,
        "assessments/_card.html",
        shown,
        lambda code: {
            "card": by_code[code],
            "card_base": base,
            # Only what the key holds: the fragment may not show anything else.
            "access": {"can_edit": access.can_edit},
            "assessment": {"is_draft": assessment.is_draft},
        },
        fill_csrf=fill_csrf,
    )
    for code, card in by_code.items():
        card.html = html[code]


def header_html(request: HttpRequest, assessment, access) -> str:
    """The assessment's header (title, state, downloads, tabs), from the fragment cache when
    nothing it shows has changed: its ten links cost ten URL reversals to build."""
    submitted_by = assessment.submitted_by.get_full_name() if assessment.submitted_by else ""
    shown = (
        assessment.pk,
        assessment.city.slug,
        assessment.title,
        assessment.status,
        submitted_by,
        assessment.submitted_at,
        assessment.reference_date,
        assessment.model_version.name,
        assessment.model_version.slug,
        access.sees_private,
        access.can_edit,
        request.path,
    )
    context = {
        "assessment": assessment,
        "city": assessment.city,
        "access": {"sees_private": access.sees_private, "can_edit": access.can_edit},
        "request": {"path": request.path},
    }
    return cached_fragments(
        request, "assessments/_assessment_header.html", {"header": shown}, lambda _: context
    )["header"]


def model_texts(version) -> tuple | None:
    """What identifies a published model version's texts (action texts, titles, stage names)
    in every language, or None for a draft version, whose texts must be keyed one by one.

    A published version is read-only but for its translations, and revising those sets
    `texts_revised_at` (which load_structure's cache also keys on)."""
    if not version.published:
        return None
    return (version.pk, version.loaded_at, version.texts_revised_at)


def _names(structure) -> tuple:
    """A draft model's texts that the matrix's filters and column heads show."""
    return (
        *(
            (s.letter, s.name, s.title, *(g.name for g in s.stakeholders.all()))
            for s in structure.stages
        ),
        *((d.code, d.name) for d in structure.dimensions),
    )


def _card_shown(card: Card, texts: tuple | None) -> tuple:
    record = card.record
    return (
        card.action.code,
        texts or card.action.text,
        record.status,
        record.revision,
        card.overdue,
        record.target_date,
        card.evidence_count,
        card.policy_count,
    )


@login_required
@require_safe
def matrix(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    form = MatrixFilterForm(request.GET)
    filters = form.filters()
    m = build_matrix(assessment, **filters)
    if form.errors:
        messages.error(request, _("A filter was not valid and is not applied."))
    base = card_base(assessment)
    with_row_html(request, m.rows, assessment, access, base)
    return render(
        request,
        "assessments/matrix.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "matrix": m,
            "summary": m.summary(),
            "card_base": base,
            "header": header_html(request, assessment, access),
            "model_texts": model_texts(assessment.model_version) or _names(m.structure),
            "filters": filters,
            "status_choices": ActionStatus.choices,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def next_steps(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    m = build_matrix(assessment)
    steps = results.next_steps(m.structure, m.scorecard)
    links = policies_by_action([s.action.pk for s in steps])
    return render(
        request,
        "assessments/next_steps.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "matrix": m,
            "card_base": card_base(assessment),
            "header": header_html(request, assessment, access),
            "model_texts": model_texts(assessment.model_version)
            or [sub.title for sub in m.structure.subdimensions],
            "results": repr(m.scorecard.subdimensions),
            "steps": [
                (s.subdimension, s.result, m.cards[s.action.code], links.get(s.action.pk, []))
                for s in steps
            ],
        },
    )


# Changes whose values name people or files: without the private parts a partner sees that
# they changed, not to what.
PRIVATE_FIELDS = ("responsible_member", "responsible", "file")


@login_required
@require_safe
def timeline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    changes = RecordChange.objects.filter(record__assessment=assessment).select_related(
        "changed_by", "record__action"
    )[:300]
    events = assessment.events.select_related("user")[:100]
    withheld = () if access.sees_private else PRIVATE_FIELDS
    entries = sorted(
        chain(
            ({"at": c.changed_at, "change": c, "withheld": c.field in withheld} for c in changes),
            ({"at": e.at, "event": e} for e in events),
        ),
        key=lambda e: e["at"],
        reverse=True,
    )
    return render(
        request,
        "assessments/timeline.html",
        {"assessment": assessment, "access": access, "city": assessment.city, "entries": entries},
    )
