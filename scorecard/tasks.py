"""The Scorecard workbook's import read as a job (jobs/): the upload is kept where evidence is
(jobs.services.keep_upload), read by a worker when there is a broker and in the request
otherwise, within the same bounds (workbook.read_answers: size unpacked, parts); what it
found waits for its preview, where the person confirms it as before."""

import json
import uuid

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.access import may_read_own_upload
from jobs.registry import Kind, Output, Refused, register
from jobs.services import discard_upload, keep_upload, read_upload, submit

from .workbook import AnswerRow, InfoSheet, WorkbookError, read_answers

KIND = "scorecard_import"


def import_job(request, city, upload, replace: bool):
    """A new job for this upload (each upload is its own, even of the same file)."""
    params = {
        "city": city.slug,
        "upload": keep_upload(upload, "scorecard"),
        "name": upload.name[:200],
        "replace": replace,
        "language": translation.get_language(),
    }
    return submit(KIND, (uuid.uuid4().hex,), params, request.user)


def _run(job) -> Output:
    params = job.params
    with translation.override(params["language"]):
        try:
            rows, info = read_answers(read_upload(params["upload"]))
        except WorkbookError as exc:
            discard_upload(params["upload"])
            raise Refused(str(exc)) from exc
    discard_upload(params["upload"])  # what the preview needs is in the job's file
    found = {"rows": [r.__dict__ for r in rows], "info": info.__dict__}
    return Output(json.dumps(found).encode(), "workbook.json", "application/json")


def found(job) -> tuple[list[AnswerRow], InfoSheet]:
    """What the job read from the workbook."""
    with job.file.open("rb") as stream:
        data = json.loads(stream.read())
    return [AnswerRow(**r) for r in data["rows"]], InfoSheet(**data["info"])


register(
    Kind(
        name=KIND,
        title=lambda job: _("Reading the Scorecard workbook"),
        run=_run,
        may_read=may_read_own_upload,
        next_url=lambda job: reverse("scorecard:import_preview", args=[job.params["city"], job.pk]),
        again_url=lambda job: reverse("scorecard:import", args=[job.params["city"]]),
    )
)
