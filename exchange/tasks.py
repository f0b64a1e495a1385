"""The exchange import read as a job (jobs/): the upload staged in the storage evidence uses
(staging.py), read and checked against this installation by a worker when there is a broker
and in the request otherwise, within the same bounds (reader.read_exchange: EXCHANGE_MAX_*
size unpacked, parts, seconds). What the import would create waits for its preview; the
confirmation (and the API's import with `Prefer: respond-async`) is a second job that reads
the staged upload again and creates the assessment (jobs.imports: the same two jobs as the
Scorecard's)."""

import json
import uuid
from contextlib import contextmanager

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import get_city, may_read_own_upload
from assessments.models import ActionStatus
from jobs.imports import register_import
from jobs.registry import Output, Refused
from jobs.services import submit

from . import staging
from .reader import ExchangeRefused, read_exchange
from .services import DraftConflict, Plan, import_assessment, plan_import


def import_job(request, city, data: bytes, name: str):
    """A new job for this upload (each upload is its own, even of the same file)."""
    params = {
        "city": city.slug,
        "staged": staging.stage(data),
        "name": name[:200],
        "language": translation.get_language(),
    }
    return submit(FLOW.read_kind, (uuid.uuid4().hex,), params, request.user)


def summary(plan: Plan) -> dict:
    """What the preview shows of the plan, as JSON keeps it."""
    document = plan.document
    head, source = document["assessment"], document.get("city") or {}
    return {
        "document": {
            "assessment": {"title": head["title"], "reference_date": head["reference_date"]},
            "city": {"name": source.get("name", ""), "country": source.get("country", "")},
        },
        "version": {"name": plan.version.name},
        "draft": {"title": plan.draft.title} if plan.draft else None,
        "arrives_as_draft": plan.arrives_as_draft,
        "statuses": dict(plan.statuses),
        "links": plan.links,
        "files": plan.files,
        "history": plan.history,
        "not_in_file": plan.not_in_file,
        "members": {email: user.get_full_name() for email, user in plan.members.items()},
        "names": plan.names,
        "incoming": {"missing": plan.incoming.missing},
    }


def for_preview(job) -> dict:
    """The job's summary, with each status in the reader's words."""
    with job.file.open("rb") as stream:
        plan = json.loads(stream.read())
    plan["status_rows"] = [
        (ActionStatus(v).label, plan["statuses"].get(v, 0)) for v in ActionStatus.values
    ]
    return plan


@contextmanager
def _staged_file(job):
    """The job's city and its staged upload read whole, as the person who sent it (the
    access rule again, as the job runs: an editor removed since gets nothing) and in their
    language. A refused file is discarded and its reason told; the upload expires after an
    hour in the queue or after its preview."""
    params = job.params
    data = staging.read(params["staged"])
    if data is None:
        raise Refused(_("The upload expired; please upload the file again."))
    with translation.override(params["language"]):
        city = get_city(job.requested_by, params["city"], write=True).city
        try:
            yield city, read_exchange(data)
        except ExchangeRefused as exc:
            staging.discard(params["staged"])
            raise Refused(str(exc)) from exc


def _run(job) -> Output:
    with _staged_file(job) as (city, incoming):
        content = json.dumps(summary(plan_import(city, incoming)), default=str).encode()
    return Output(content, "import-plan.json", "application/json")


def create_params(staged: str, name: str, as_history: bool) -> dict:
    """What the create job needs: the staged upload and the person's choice."""
    language = translation.get_language()
    return {"staged": staged, "name": name[:200], "as_history": as_history, "language": language}


def _create(job) -> dict:
    params = job.params
    with _staged_file(job) as (city, incoming):
        try:
            assessment = import_assessment(
                city,
                incoming,
                job.requested_by,
                as_history=params["as_history"],
                name=params["name"],
            )
        except DraftConflict as exc:
            # The city has a draft (started since the preview): the upload is kept, so the
            # same confirmation with `as_history` can still bring it in.
            raise Refused(str(exc)) from exc
    # Discarded once the assessment is there for good; a rollback keeps it for a retry.
    transaction.on_commit(lambda: staging.discard(params["staged"]))
    url = reverse("assessments:matrix", args=[city.slug, assessment.pk])
    return {"id": assessment.pk, "url": url, "title": assessment.title}


# What the two jobs' progress pages call them.
TITLES = (gettext_lazy("Reading the exchange file"), gettext_lazy("Importing the assessment"))
FLOW = register_import(
    "exchange",
    _run,
    _create,
    may_read_own_upload,
    titles=TITLES,
    said=lambda made: _("The assessment “%(title)s” was imported.") % made,
)
