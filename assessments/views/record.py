"""Recording one action: status, evidence note, links and files, with stale-edit protection."""

import copy
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Textarea
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from audit.models import as_read_by
from maturity.structure import load_structure
from rendering.downloads import attachment

from .. import services
from ..access import get_assessment
from ..forms import RecordForm
from ..matrix import record_for_page
from ..models import ActionRecord
from ..page_cache import TEXT_SLOT, cached_parts, evidence_key, field_key, history_key
from .matrix import tools_html

logger = logging.getLogger(__name__)


def _record(assessment, code: str) -> ActionRecord:
    """One action's record, with the model structure's own action (404 when the code is not
    in this assessment's model)."""
    return record_for_page(assessment, code)


def _locked(request, assessment, slug):
    messages.error(request, _("This assessment is submitted and read-only."))
    return redirect("assessments:matrix", slug=slug, pk=assessment.pk)


@login_required
def action_detail(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk, write=request.method == "POST")
    record = _record(assessment, code)
    if request.method != "POST":
        form = RecordForm(
            instance=record, initial={"revision": record.revision}, city=assessment.city
        )
        return _page(request, record, access, form)
    if not assessment.is_draft:
        return _locked(request, assessment, slug)
    # The form validates a copy: ModelForm writes the cleaned values onto its instance,
    # and the service compares them with the record as it was loaded.
    form = RecordForm(request.POST, request.FILES, instance=copy.copy(record), city=assessment.city)
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
    _previous, following = neighbours(assessment, code)
    if "save_next" in request.POST and following:
        code = following.code  # "Save and next": on to the next action in matrix order
    return redirect("assessments:action", slug=assessment.city.slug, pk=assessment.pk, code=code)


def neighbours(assessment, code: str):
    """The actions before and after this one in matrix order (None at either end)."""
    actions = load_structure(assessment.model_version).actions
    index = next(i for i, a in enumerate(actions) if a.code == code)
    return (
        actions[index - 1] if index > 0 else None,
        actions[index + 1] if index + 1 < len(actions) else None,
    )


def _as_typed(request: HttpRequest, saved: ActionRecord) -> RecordForm:
    """The form as the user posted it, at the revision of `saved` so that a resubmit saves."""
    data = request.POST.copy()
    data["revision"] = str(saved.revision)
    form = RecordForm(data, instance=saved, city=saved.assessment.city)
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
    previous, following = neighbours(assessment, record.action.code)
    return render(
        request,
        "assessments/action_detail.html",
        {
            "previous": previous,
            "next": following,
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "record": record,
            "overdue": record.is_overdue(),
            "action": record.action,
            "form": form,
            "form_html": None if form.is_bound else _cached_form(request, form, record),
            "conflict": conflict,
            **_cached_details(request, record, access),
        },
        status=status,
    )


def _cached_details(request: HttpRequest, record: ActionRecord, access) -> dict:
    """The action page's evidence, policies and history, from the page cache: each is read
    from the database only when its part is not there (page_cache.evidence_key,
    policies_key, history_key)."""
    assessment = record.assessment
    editable = access.can_edit and assessment.is_draft
    # A partner whose share leaves out the private parts sees no evidence file, and the
    # history without who changed what and without names of people or files.
    private = access.sees_private
    evidence = cached_parts(
        request,
        "assessments/_action_evidence.html",
        {"e": evidence_key(record, editable, private)},
        lambda _key: {
            "city": {"slug": assessment.city.slug},
            "assessment": {"pk": assessment.pk},
            "action": {"code": record.action.code},
            "editable": editable,
            "access": {"sees_private": private},
            "links": list(record.links.all()),
            "files": list(record.files.all()) if private else [],
        },
    )
    policies = tools_html(request, [record.action], assessment.model_version)
    history = cached_parts(
        request,
        "assessments/_action_history.html",
        {"h": history_key(record, private)},
        lambda _key: {
            "access": {"sees_private": private},
            "changes": as_read_by(record.audit_entries.select_related("user")[:100], access),
        },
    )
    return {
        "evidence_html": evidence["e"],
        "policies_html": policies[record.action.pk],
        "history_html": history["h"],
    }


def _cached_form(request: HttpRequest, form: RecordForm, record: ActionRecord) -> SafeString:
    """The unbound form's HTML, field by field from the page cache (page_cache.field_key): a
    save changes a field or two and the revision, so only those are drawn again. The text
    areas (the note, the reason) are drawn once with a slot for their text, filled in here:
    a new note, the commonest save, redraws no field but the revision."""
    offered = form.fields["responsible_member"].queryset
    members = tuple(offered.values_list("pk", "full_name", "email"))
    texts = {name for name, f in form.fields.items() if isinstance(f.widget, Textarea)}
    keys = {name: field_key(form[name], members, slotted=name in texts) for name in form.fields}

    def context_for(name: str) -> dict:
        if name not in texts:
            return {"field": form[name]}
        slotted = copy.copy(form)
        slotted.initial = {**form.initial, name: TEXT_SLOT}
        return {"field": form.fields[name].get_bound_field(slotted, name)}

    html = cached_parts(request, "assessments/_record_field.html", keys, context_for)
    for name in texts:
        # As the text area's template writes it: escaped, and nothing for an empty text.
        value = form[name].value()
        text = escape(value) if value not in ("", None) else ""
        html[name] = html[name].replace(TEXT_SLOT, text)
    return mark_safe("".join(html[name] for name in form.fields))  # noqa: S308 (escaped parts)


@login_required
@require_safe
def evidence_file(request: HttpRequest, slug: str, pk: int, code: str, file_pk: int):
    assessment, access = get_assessment(request.user, slug, pk)
    if not access.sees_private:
        raise Http404(_("No such file."))
    record = _record(assessment, code)
    evidence = get_object_or_404(record.files, pk=file_pk)
    return attachment(evidence.file, evidence.original_name, evidence.content_type)


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
