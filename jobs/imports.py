"""An import in two jobs, the same for every instrument (the Scorecard workbook, the exchange
file): one reads the upload for its preview, one creates what the person confirmed.

Each app hands over what only it knows (how to read, how to create, who may follow the job)
and the URL namespace of its `import` and `import_preview` pages; the jobs' pages, their
access check and their way back to the upload page are written once, here.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import Job, JobState
from .registry import Kind, Output, Refused, get, register
from .services import job_key, submit


@dataclass(frozen=True)
class ImportFlow:
    app: str  # the URL namespace of the import pages
    read_kind: str
    create_kind: str
    may_read: Callable[[object, object], bool]  # (user, job) → may follow the job


def register_import(
    app: str,
    read: Callable[[object], Output],
    create: Callable[[object], dict],
    may_read: Callable[[object, object], bool],
    *,
    titles: tuple[str, str],
    said: Callable[[dict], str],
) -> ImportFlow:
    """Registers the app's two kinds: `<app>_import` reads, `<app>_create` creates; `titles`
    are what their progress pages call them (lazy: said in the reader's language), and
    `said(made)` what the created object's page says on arrival, in or after a worker.

    `create(job)` writes what the job's params describe and returns what it made as
    {"id": …, "url": …}; it is run at most once per job (see `create_once`)."""
    flow = ImportFlow(app, f"{app}_import", f"{app}_create", may_read)

    def again_url(job) -> str:
        return reverse(f"{app}:import", args=[job.params["city"]])

    def preview_url(job) -> str:
        return reverse(f"{app}:import_preview", args=[job.params["city"], job.pk])

    register(
        Kind(
            name=flow.read_kind,
            title=lambda job: str(titles[0]),
            run=read,
            may_read=may_read,
            next_url=preview_url,
            again_url=again_url,
        )
    )
    register(
        Kind(
            name=flow.create_kind,
            title=lambda job: str(titles[1]),
            run=lambda job: create_once(job, create),
            may_read=may_read,
            next_url=lambda job: created(job)["url"],
            again_url=again_url,
            said=lambda job: said(created(job)),
        )
    )
    return flow


def create_once(job, create: Callable[[object], dict]) -> Output:
    """Runs `create` and writes what it made into the job in the same transaction, so a job
    delivered twice (its worker killed before it acknowledged) creates one thing: the second
    delivery finds it recorded."""
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        made = locked.params.get("created")
        if made is None:
            try:
                made = create(locked)
            except (Http404, PermissionDenied) as exc:
                # `create` checks the access rule again as the job runs: an editor removed
                # since the preview is told so once, not retried.
                raise Refused(_("You may no longer change this city's data.")) from exc
            Job.objects.filter(pk=job.pk).update(params={**locked.params, "created": made})
    job.params = {**job.params, "created": made}
    return Output(json.dumps(made).encode(), "created.json", "application/json")


def created(job) -> dict:
    """What a finished create job made: {"id": …, "url": …}."""
    return job.params["created"]


def preview_page(flow: ImportFlow, job_arg: str, city_access: Callable):
    """Makes `show(request, access, job)` the preview page of the city's upload the job read.

    `city_access(user, slug)` is the city's access rule, called first (a viewer's 403, an
    outsider's 404, as every city page); then the job: 404 when there is no such job of this
    city or the user may not follow it, its page while it is on its way. `job_arg` is the
    URL's name for the job."""

    def decorate(show):
        @login_required
        @require_safe
        @wraps(show)
        def view(request: HttpRequest, slug: str, **url) -> HttpResponse:
            access = city_access(request.user, slug)
            found = Job.objects.filter(pk=url[job_arg], kind=flow.read_kind, params__city=slug)
            job = found.first()
            if job is None or not flow.may_read(request.user, job):
                raise Http404(_("No such file."))
            if job.state != JobState.DONE:
                return redirect("jobs:job", job=job.pk)
            return show(request, access, job)

        return view

    return decorate


def confirm(flow: ImportFlow, request, city, confirmation: str, params: dict) -> HttpResponse:
    """Creates what the person confirmed as a job, and the page that follows.

    The job's key is the signed confirmation the preview handed out: submitting it twice
    (a double click, a reload) finds the first job and creates nothing more. A failed one
    is tried again with the choices of this submission (`as_history` ticked after a
    conflict). Without a broker the job ran here: on to what it made, with the flow's
    `said`, or back to the upload page with its error; with one, to the job's page."""
    key_parts = (city.slug, request.user.pk, confirmation)
    params = {**params, "city": city.slug}
    Job.objects.filter(key=job_key(flow.create_kind, *key_parts), state=JobState.FAILED).update(
        params=params
    )
    job = submit(flow.create_kind, key_parts, params, request.user)
    if job.state == JobState.DONE:
        messages.success(request, get(flow.create_kind).said(job))
        return redirect(created(job)["url"])
    if job.state == JobState.FAILED:
        messages.error(request, job.error)
        return redirect(f"{flow.app}:import", city.slug)
    return redirect("jobs:job", job=job.pk)
