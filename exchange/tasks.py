"""The exchange import read as a job (jobs/): the upload staged in the storage evidence uses
(staging.py), read and checked against this installation by a worker when there is a broker
and in the request otherwise, within the same bounds (reader.read_exchange: EXCHANGE_MAX_*
size unpacked, parts, seconds). What the import would create waits for its preview; the
confirmation reads the staged upload again and creates the assessment, as before."""

import json
import uuid

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.access import get_city, may_read_own_upload
from assessments.models import ActionStatus
from jobs.registry import Kind, Output, Refused, register
from jobs.services import submit

from . import staging
from .reader import ExchangeRefused, read_exchange
from .services import Plan, plan_import

KIND = "exchange_import"


def import_job(request, city, data: bytes, name: str):
    """A new job for this upload (each upload is its own, even of the same file)."""
    params = {
        "city": city.slug,
        "staged": staging.stage(data),
        "name": name[:200],
        "language": translation.get_language(),
    }
    return submit(KIND, (uuid.uuid4().hex,), params, request.user)


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


def _run(job) -> Output:
    params = job.params
    data = staging.read(params["staged"])
    if data is None:  # swept: more than an hour in the queue
        raise Refused(_("The upload expired; please upload the file again."))
    with translation.override(params["language"]):
        # The access rule again, as the job runs: an editor removed since gets nothing.
        city = get_city(job.requested_by, params["city"], write=True).city
        try:
            plan = plan_import(city, read_exchange(data))
        except ExchangeRefused as exc:
            staging.discard(params["staged"])
            raise Refused(str(exc)) from exc
        content = json.dumps(summary(plan), default=str).encode()
    return Output(content, "import-plan.json", "application/json")


register(
    Kind(
        name=KIND,
        title=lambda job: _("Reading the exchange file"),
        run=_run,
        may_read=may_read_own_upload,
        next_url=lambda job: reverse("exchange:import_preview", args=[job.params["city"], job.pk]),
        again_url=lambda job: reverse("exchange:import", args=[job.params["city"]]),
    )
)
