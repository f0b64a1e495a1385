"""A job's progress page and its file, both behind the job's kind's access rule."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from . import registry, services
from .models import Job, JobState


def deliver(request: HttpRequest, job: Job) -> HttpResponse:
    """The file when it is ready; else the page that follows the job."""
    if job.state == JobState.DONE:
        return _file_response(job)
    return redirect("jobs:job", job=job.pk)


def _file_response(job: Job) -> HttpResponse:
    # Read through the storage and streamed by the app, after the access check: never a
    # link to the bucket.
    if job.content_type.startswith("text/csv"):
        # A table of every city (20,000 of them and more) is streamed in pieces, as its
        # export always was, rather than held whole in the worker's memory.
        response = StreamingHttpResponse(_chunks(job), content_type=job.content_type)
        response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
        return response
    with job.file.open("rb") as stream:
        response = HttpResponse(stream.read(), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


def _chunks(job: Job):
    with job.file.open("rb") as stream:
        yield from stream.chunks()


def _get_job(user, job_id: UUID) -> Job:
    """The job, if its kind lets this user see it; 404 otherwise (nothing told about others')."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not registry.get(job.kind).may_read(user, job):
        raise Http404(_("No such file."))
    return job


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def job_page(request: HttpRequest, job: UUID) -> HttpResponse:
    """GET follows the job; POST asks again for one that failed."""
    found = _get_job(request.user, job)
    if request.method == "POST":
        services.retry(found)
        return redirect("jobs:job", job=found.pk)
    services.ensure_queued(found)
    found.refresh_from_db()
    kind = registry.get(found.kind)
    context = {"job": found, "title": kind.title(found)}
    if found.state == JobState.DONE and kind.next_url:
        # An import's parse: on to its preview; its creation: on to what it made, saying so
        # there (htmx follows the header, as a browser would).
        if kind.said:
            messages.success(request, kind.said(found))
        if request.htmx:
            return HttpResponse(headers={"HX-Redirect": kind.next_url(found)})
        return redirect(kind.next_url(found))
    if found.state == JobState.FAILED and kind.again_url:
        context["again_url"] = kind.again_url(found)
    template = "jobs/_job_state.html" if request.htmx else "jobs/job.html"
    return render(request, template, context)


@login_required
@require_safe
def job_file(request: HttpRequest, job: UUID) -> HttpResponse:
    found = _get_job(request.user, job)
    if found.state != JobState.DONE:
        return redirect("jobs:job", job=found.pk)
    next_url = registry.get(found.kind).next_url
    if next_url:  # what an import's parse found is read on its preview, not downloaded
        return redirect(next_url(found))
    return _file_response(found)
