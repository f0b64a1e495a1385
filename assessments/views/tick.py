"""The quick status change on an action card, and everything it changes on the page.

One response carries the card and, out of band, the subdimension's header (badge, progress,
missing list), the headline (overall and dimension badges, "held back by", the count, the
chart) and a polite announcement of any stage that moved. Without JavaScript it is a plain
POST that redirects back to the card.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maturity import wording
from maturity.structure import StageProfile, load_structure

from .. import services
from ..access import get_assessment
from ..forms import TickForm
from ..matrix import Card, record_for_card, summary_context
from ..page_cache import PageVersions
from ..results import stage_move
from .matrix import card_base, with_card_html


@login_required
@require_POST
def tick(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk, write=True)
    if not assessment.is_draft:
        if request.htmx:
            return HttpResponse(_("This assessment is submitted and read-only."), status=409)
        messages.error(request, _("This assessment is submitted and read-only."))
        return redirect("assessments:matrix", slug=slug, pk=pk)
    record = record_for_card(assessment, code)
    form = TickForm(request.POST)
    notice, status = "", 200
    old_status = record.status
    if not form.is_valid():
        notice, status = _("That status is not valid."), 400
    else:
        try:
            services.update_record(
                record,
                {"status": form.cleaned_data["status"]},
                revision=form.cleaned_data["revision"],
                user=request.user,
            )
        except services.StaleRecord:
            notice, status = (
                _("Someone changed this action meanwhile: here is its latest state."),
                409,
            )
            record = record_for_card(assessment, code)  # the colleague's latest state
            old_status = record.status
    if not request.htmx:
        if notice:
            messages.error(request, notice)
        url = reverse("assessments:matrix", kwargs={"slug": slug, "pk": pk})
        return redirect(f"{url}#card-{code}")
    structure = load_structure(assessment.model_version)
    # The update scored the assessment when a stage could move; else score it once here.
    move = getattr(record, "stage_move", None) or stage_move(assessment, code, old_status)
    before, after = move.before, move.after
    changed = _moved(before, after)
    sub = record.action.subdimension
    card = Card(action=record.action, record=record)
    page = PageVersions.of(assessment, access, card_base(assessment))
    if not notice:
        # Into the page cache too: the next load of the matrix finds the card as it is.
        with_card_html(request, [card], page)
    return render(
        request,
        "assessments/_tick_response.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "card": card,
            "card_base": page.base,
            "sub": sub,
            "result": after.subdimensions[sub.code],
            "sub_changed": sub.code in changed,
            "summary": summary_context(structure, after, frozenset(changed)),
            "announcement": _announce(structure, before, after, changed),
            "notice": notice,
        },
        # htmx ignores 4xx bodies by default; the card still needs replacing on a conflict.
        status=200 if status == 409 else status,
    )


def _moved(before: StageProfile, after: StageProfile) -> set[str]:
    """Codes of the subdimensions and dimensions, and "overall", whose stage moved."""
    moved = {c for c, r in after.subdimensions.items() if r.level != before.subdimensions[c].level}
    moved |= {c for c, r in after.dimensions.items() if r.level != before.dimensions[c].level}
    if after.overall.level != before.overall.level:
        moved.add("overall")
    return moved


def _announce(structure, before: StageProfile, after: StageProfile, changed: set[str]) -> str:
    """One sentence per stage that moved, for the screen reader's polite live region."""
    names = [s.name for s in structure.stages]
    lines = []
    for sub in structure.subdimensions:
        if sub.code in changed:
            lines.append(
                _moved_line(
                    sub.code, before.subdimensions[sub.code], after.subdimensions[sub.code], names
                )
            )
    for dim in structure.dimensions:
        if dim.code in changed:
            lines.append(
                _moved_line(
                    dim.name, before.dimensions[dim.code], after.dimensions[dim.code], names
                )
            )
    if "overall" in changed:
        lines.append(_moved_line(_("Overall"), before.overall, after.overall, names))
    return " ".join(lines)


def _moved_line(who: str, before, after, names: list[str]) -> str:
    stage = wording.level_label(after.level, names)
    if after.level > before.level:
        return _("%(who)s reached %(stage)s.") % {"who": who, "stage": after.reached.name}
    return _("%(who)s is back to %(stage)s.") % {"who": who, "stage": stage}
