"""Export an assessment in the exchange format; import one, with a preview first."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.access import get_city
from assessments.access import get_members_assessment
from jobs import imports
from jobs.models import JobState

from . import staging, tasks
from .document import SCHEMA_NAME, SCHEMA_PATH, export_bytes, filename
from .forms import ConfirmForm, ImportForm

CONTENT_TYPES = {"json": "application/json", "zip": "application/zip"}


@require_GET
def schema_file(request: HttpRequest) -> FileResponse:
    """The published JSON Schema of the exchange format (public: anyone may write a file)."""
    return FileResponse(
        SCHEMA_PATH.open("rb"), content_type="application/schema+json", filename=SCHEMA_NAME
    )


def _export(request: HttpRequest, slug: str, pk: int, kind: str) -> HttpResponse:
    # The city's members and site admins: the file names people and holds the private
    # files, which a partner's share may not include.
    assessment = get_members_assessment(request.user, slug, pk)
    response = HttpResponse(export_bytes(assessment, kind), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename(assessment, kind)}"'
    return response


@login_required
@require_GET
def export_json(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The assessment as one JSON document, its files listed with their checksums."""
    return _export(request, slug, pk, "json")


@login_required
@require_GET
def export_zip(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The assessment as a zip of assessment.json and its files."""
    return _export(request, slug, pk, "zip")


def _preview(request: HttpRequest, context: dict, job) -> HttpResponse:
    """What the file the job read would create, to confirm with the ticket to its upload."""
    name = job.params["name"]
    ticket = staging.ticket(
        job.params["staged"], city_id=context["city"].pk, user_id=request.user.pk, name=name
    )
    context.update({"plan": tasks.for_preview(job), "ticket": ticket, "name": name})
    return render(request, "exchange/import_preview.html", context)


@imports.preview_page(tasks.FLOW, "upload_job", partial(get_city, write=True))
def import_preview(request: HttpRequest, access, job) -> HttpResponse:
    """The preview of a file a worker read (the job's page leads here once it is done)."""
    return _preview(request, {"access": access, "city": access.city}, job)


def _confirm(request: HttpRequest, city) -> HttpResponse:
    """Creates the assessment the preview showed, as a job (jobs.imports.confirm)."""
    confirm = ConfirmForm(request.POST)
    kept = confirm.is_valid() and staging.named(
        confirm.cleaned_data["ticket"], city_id=city.pk, user_id=request.user.pk
    )
    if not kept:
        messages.error(request, _("The upload expired; please upload the file again."))
        return redirect("exchange:import", slug=city.slug)
    staged, name = kept
    params = tasks.create_params(staged, name, confirm.cleaned_data["as_history"])
    return imports.confirm(
        tasks.FLOW,
        request,
        city,
        confirm.cleaned_data["ticket"],
        params,
    )


@login_required
def import_file(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload an exchange file: checked whole, what it creates shown, created on confirmation.
    Editors only; a refused file is a 400 with the reason, and nothing is kept."""
    access = get_city(request.user, slug, write=True)
    city = access.city
    context = {"access": access, "city": city}
    if request.method == "POST" and "ticket" in request.POST:
        return _confirm(request, city)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = tasks.import_job(request, city, form.cleaned_data["file"], request.FILES["file"].name)
        if job.state == JobState.DONE:  # read in this request: no job queue
            return _preview(request, context, job)
        if job.state != JobState.FAILED:  # a worker reads it; its page follows
            return redirect("jobs:job", job=job.pk)
        # Refused in this request: said beside the field, as any invalid form (400).
        form.add_error("file", job.error)
    context["form"] = form
    # A refused file (too large, not the format, a code the model lacks) is the client's error.
    status = 400 if form.is_bound else 200
    return render(request, "exchange/import.html", context, status=status)
