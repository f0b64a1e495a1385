"""The Scorecard workbook's import read as a job (jobs/): the upload is kept where evidence is
(jobs.services.keep_upload), read by a worker when there is a broker and in the request
otherwise, within the same bounds (workbook.read_answers: size unpacked, parts); what it
found waits for its preview, and what the person confirms there is written into the city's
draft by a second job (jobs.imports: the same two jobs as the exchange import's)."""

import json
import uuid

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import get_city, may_read_own_upload
from jobs.imports import register_import
from jobs.registry import Output, Refused
from jobs.services import discard_upload, keep_upload, read_upload, submit

from . import services
from .workbook import AnswerRow, InfoSheet, WorkbookError, read_answers, resolve_import


def import_job(request, city, upload, replace: bool):
    """A new job for this upload (each upload is its own, even of the same file)."""
    params = {
        "city": city.slug,
        "upload": keep_upload(upload, "scorecard"),
        "name": upload.name[:200],
        "replace": replace,
        "language": translation.get_language(),
    }
    return submit(FLOW.read_kind, (uuid.uuid4().hex,), params, request.user)


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


def current_answers(scorecard) -> dict[str, AnswerRow]:
    """The Scorecard's answers by reference (none without a Scorecard)."""
    return {row.ref: row for row in services.answer_rows(scorecard)} if scorecard else {}


def create_params(found: dict, clear: list[str]) -> dict:
    """What the create job needs: what the preview showed (its signed rows, Info sheet,
    `replace` and file name) and the cleared answers the person chose to clear."""
    return {**found, "clear": sorted(clear), "language": translation.get_language()}


def _create(job) -> dict:
    params = job.params
    with translation.override(params["language"]):
        # The access rule again, as the job runs: an editor removed since gets nothing.
        city = get_city(job.requested_by, params["city"], write=True).city
        scorecard = services.draft_for(city, job.requested_by)
        rows = resolve_import(
            [AnswerRow(**r) for r in params["rows"]],
            current_answers(scorecard),
            replace=params["replace"],
            clear=set(params["clear"]),
        )
        info = InfoSheet(**params["info"])
        changes = services.apply_import(
            scorecard, rows, info, job.requested_by, replace=True, filename=params["name"]
        )
    url = reverse("scorecard:detail", args=[city.slug, scorecard.pk])
    return {"id": scorecard.pk, "url": url, "changes": len(changes)}


# What the two jobs' progress pages call them.
TITLES = (
    gettext_lazy("Reading the Scorecard workbook"),
    gettext_lazy("Applying the Scorecard workbook"),
)
FLOW = register_import(
    "scorecard",
    _run,
    _create,
    may_read_own_upload,
    titles=TITLES,
    said=lambda made: _("%(n)d changes imported.") % {"n": made["changes"]},
)
