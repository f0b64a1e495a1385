"""Recording one action: status, evidence note, links and files, with stale-edit protection."""

import copy
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from policies.queries import policies_by_action

from .. import services
from ..access import get_assessment
from ..forms import RecordForm, TickForm
from ..matrix import Card, with_card_counts
from ..models import ActionRecord
from ..results import subdimension_result

logger = logging.getLogger(__name__)


def _record(assessment, code: str):
    record = (
        with_card_counts(assessment.records.all())
        .select_related("action__stage", "action__subdimension__dimension", "updated_by")
        .filter(action__code=code)
        .first()
    )
    if record is None:
        raise Http404(_("No such action in this assessment."))
    record.assessment = assessment
    return record


def _locked(request, assessment, slug):
    messages.error(request, _("This assessment is submitted and read-only."))
    return redirect("assessments:matrix", slug=slug, pk=assessment.pk)


@login_required
def action_detail(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk, write=request.method == "POST")
    record = _record(assessment, code)
    if request.method != "POST":
        form = RecordForm(instance=record, initial={"revision": record.revision})
        return _page(request, record, access, form)
    if not assessment.is_draft:
        return _locked(request, assessment, slug)
    # The form validates a copy: ModelForm writes the cleaned values onto its instance,
    # and the service compares them with the record as it was loaded.
    form = RecordForm(request.POST, request.FILES, instance=copy.copy(record))
    if not form.is_valid():
        return _page(request, record, access, form, status=400)
    return _save(request, record, access, form)


def _save(request: HttpRequest, record: ActionRecord, access, form: RecordForm) -> HttpResponse:
    """Save a valid form; when the save is refused, the page again with what the user typed."""
    data = form.cleaned_data
    try:
        services.record_action(
            record,
            form.record_changes(),
            revision=data["revision"],
            user=request.user,
            link=(data["link_url"], data["link_label"]) if data["link_url"] else None,
            upload=data["upload"],
        )
    except services.StaleRecord as exc:
        conflict = exc.current
        form = _as_typed(request, copy.copy(conflict))
        return _page(request, record, access, form, conflict=conflict, status=409)
    except services.EvidenceStorageError as exc:
        logger.exception(
            "Evidence upload for %s in assessment %s not stored; the save was rolled back",
            record.action.code,
            record.assessment.pk,
        )
        # The transaction was rolled back, but the record in memory took the changes: reload.
        record = _record(record.assessment, record.action.code)
        messages.error(
            request,
            _(
                "%(reason)s Nothing was saved: not the file, and not your other changes. "
                "What you typed is still in the form; choose the file again and save once "
                "more, or save without the file and tell an administrator."
            )
            % {"reason": exc},
        )
        form = _as_typed(request, copy.copy(record))
        return _page(request, record, access, form, status=503)
    assessment, code = record.assessment, record.action.code
    messages.success(request, _("%(code)s saved.") % {"code": code})
    return redirect("assessments:action", slug=assessment.city.slug, pk=assessment.pk, code=code)


def _as_typed(request: HttpRequest, saved: ActionRecord) -> RecordForm:
    """The form as the user posted it, at the revision of `saved` so that a resubmit saves."""
    data = request.POST.copy()
    data["revision"] = str(saved.revision)
    form = RecordForm(data, instance=saved)
    form.is_valid()
    return form


def _page(
    request: HttpRequest,
    record: ActionRecord,
    access,
    form: RecordForm,
    *,
    conflict: ActionRecord | None = None,
    status: int = 200,
) -> HttpResponse:
    assessment = record.assessment
    return render(
        request,
        "assessments/action_detail.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "record": record,
            "action": record.action,
            "form": form,
            "conflict": conflict,
            "changes": record.changes.select_related("changed_by")[:100],
            "links": record.links.all(),
            "files": record.files.all(),
            "policy_links": policies_by_action([record.action_id]).get(record.action_id, []),
        },
        status=status,
    )


@login_required
@require_POST
def tick(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    """Change one action's status from its card; htmx swaps the card and the stage badge."""
    assessment, access = get_assessment(request.user, slug, pk, write=True)
    if not assessment.is_draft:
        if request.htmx:
            return HttpResponse(_("This assessment is submitted and read-only."), status=409)
        return _locked(request, assessment, slug)
    record = _record(assessment, code)
    form = TickForm(request.POST)
    notice = ""
    http_status = 200
    if not form.is_valid():
        notice = _("That status is not valid.")
        http_status = 400
    else:
        try:
            services.update_record(
                record,
                {"status": form.cleaned_data["status"]},
                revision=form.cleaned_data["revision"],
                user=request.user,
            )
        except services.StaleRecord:
            notice = _("Someone changed this action meanwhile: here is its latest state.")
            http_status = 409
    if not request.htmx:
        if notice:
            messages.error(request, notice)
        url = reverse("assessments:matrix", kwargs={"slug": slug, "pk": pk})
        return redirect(f"{url}#card-{code}")
    if notice and http_status == 409:
        record = _record(assessment, code)  # show the colleague's latest state
    card = Card(action=record.action, record=record)
    sub = record.action.subdimension
    return render(
        request,
        "assessments/_tick_response.html",
        {
            "assessment": assessment,
            "access": access,
            "card": card,
            "subdimension": sub,
            "result": subdimension_result(assessment, sub),
            "notice": notice,
        },
        # htmx ignores 4xx bodies by default; the card still needs replacing on a conflict.
        status=200 if http_status == 409 else http_status,
    )


@login_required
@require_safe
def evidence_file(request: HttpRequest, slug: str, pk: int, code: str, file_pk: int):
    assessment, _access = get_assessment(request.user, slug, pk)
    record = _record(assessment, code)
    evidence = get_object_or_404(record.files, pk=file_pk)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def remove_evidence(request: HttpRequest, slug: str, pk: int, code: str, kind: str, item: int):
    assessment, _access = get_assessment(request.user, slug, pk, write=True)
    if not assessment.is_draft:
        return _locked(request, assessment, slug)
    record = _record(assessment, code)
    related = {"link": record.links, "file": record.files}.get(kind)
    if related is None:
        raise Http404
    services.remove_evidence(record, get_object_or_404(related, pk=item), request.user)
    messages.success(request, _("Evidence removed."))
    return redirect("assessments:action", slug=slug, pk=pk, code=code)
