"""Submit, reopen and share an assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.access import get_city
from lifecycle.forms import ShareForm
from lifecycle.views import apply_sharing, partner_rows, reopen_with_reason, take_step
from maturity.structure import load_structure

from .. import services
from ..access import get_assessment
from ..lifecycle import LIFECYCLE
from ..matrix import summary_context
from ..models import EvidenceFile
from ..page_cache import summary_key
from ..results import scoring_inputs


@login_required
def submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Sign-off asks first: the page shows the profile being signed and what becomes
    read-only; only its confirming POST submits."""
    assessment, access = get_assessment(request.user, slug, pk, write=True)
    if not assessment.is_draft:
        messages.error(request, _("This assessment is already submitted."))
        return redirect("assessments:matrix", slug=slug, pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        done = _("Assessment submitted and signed off.")
        take_step(request, lambda: services.submit(assessment, request.user), done)
        return redirect("assessments:matrix", slug=slug, pk=pk)
    structure = load_structure(assessment.model_version)
    card = structure.score(*scoring_inputs(assessment))
    return render(
        request,
        "assessments/submit_confirm.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "summary": summary_context(structure, card),
            "summary_key": summary_key(assessment.city, assessment),
            "terms": _sign_off_terms(card.overall.total - card.overall.met),
        },
    )


def _sign_off_terms(open_actions: int) -> list[str]:
    terms = [
        _(
            "The assessment becomes read-only: no status, note, link, file, owner or date can "
            "change."
        ),
        _("Its stages count in the city's history and can then be shared with campaign partners."),
    ]
    if open_actions:
        terms.append(
            ngettext(
                "%(n)s action is still open; it stays open in this signed version.",
                "%(n)s actions are still open; they stay open in this signed version.",
                open_actions,
            )
            % {"n": open_actions}
        )
    return terms


@login_required
@require_POST
def reopen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk, write=True)
    context = {"assessment": assessment, "access": access, "city": assessment.city}

    def form_page(form):
        return render(request, "assessments/reopen.html", {**context, "form": form}, status=400)

    done = _("Assessment reopened as a draft.")
    refused = reopen_with_reason(request, LIFECYCLE, assessment, form_page, done)
    return refused or redirect("assessments:matrix", slug=slug, pk=pk)


@login_required
def sharing(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Which campaign partners see a submitted assessment: the city's editors decide.

    Reached through the city rule, not the assessment's: a partner who was shared this
    assessment still is no member of the city, so the page (and who else it is shared
    with) is a 404 for them; viewers get 403.
    """
    access = get_city(request.user, slug, write=True)
    assessment = (
        access.city.assessments.select_related("model_version", "submitted_by")
        .filter(pk=pk)
        .first()
    )
    if assessment is None:
        raise Http404(_("No such assessment."))
    status = 200
    if request.method == "POST":
        shared_messages = (
            _("Shared with %(p)s, with evidence files and names."),
            _("Shared with %(p)s, without evidence files or names."),
        )
        if apply_sharing(request, LIFECYCLE, assessment, ShareForm(request.POST), shared_messages):
            return redirect("assessments:sharing", slug=slug, pk=pk)
        status = 400
    records = assessment.records.all()
    private = {
        "files": EvidenceFile.objects.filter(record__assessment=assessment).count(),
        "owners": records.exclude(responsible_member=None, responsible="").count(),
        "changes": assessment.audit_entries.record_changes().count(),
    }
    return render(
        request,
        "assessments/sharing.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "private": private,
            "partners": partner_rows(assessment),
        },
        status=status,
    )
