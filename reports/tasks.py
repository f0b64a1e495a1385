"""The PDF report and the blank worksheet as jobs (jobs/): rendered by a worker when there is
a broker, in the request otherwise, and kept until what they show changes."""

from django.db.models import Count, Sum
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessments.access import get_assessment
from jobs.registry import Output, asked_in_language, kept_file
from jobs.services import submit
from maturity.models import ModelVersion
from maturity.structure import load_structure
from rendering.pdf import render_pdf

from .builder import report_context
from .scorecard_section import report_scorecard

PDF = "application/pdf"


def _scorecard_mark(city) -> tuple:
    """What of the city's Scorecard the report shows has changed: which one, its status,
    and its answers' revisions (a Scorecard's edits do not move the assessment's version)."""
    scorecard = report_scorecard(city)
    if scorecard is None:
        return ()
    answers = scorecard.answers.aggregate(n=Count("pk"), revisions=Sum("revision"))
    return (scorecard.pk, scorecard.status, answers["n"], answers["revisions"])


def report_job(request, assessment, access):
    """The reader's report of this assessment at its current version, in their language."""
    key = (
        assessment.pk,
        assessment.version,
        assessment.status,
        assessment.model_version.content_version,
        _scorecard_mark(assessment.city),
        translation.get_language(),
        request.user.pk,
        access.partner,
        access.sees_private,
    )
    params = asked_in_language(slug=assessment.city.slug, pk=assessment.pk)
    return submit("report_pdf", key, params, request.user)


def _may_read_report(user, job) -> bool:
    if user.pk != job.requested_by_id:
        return False
    try:
        get_assessment(user, job.params["slug"], job.params["pk"])
    except Exception:  # Http404 / PermissionDenied: the access rule said no
        return False
    return True


@kept_file("report_pdf", title=lambda job: _("The PDF report"), may_read=_may_read_report)
def _run_report(job) -> Output:
    params = job.params
    # The access rule again, as the job runs: a member removed since gets nothing.
    assessment, access = get_assessment(job.requested_by, params["slug"], params["pk"])
    pdf = render_pdf(
        "reports/assessment_report.html",
        report_context(assessment, access, job.requested_by),
        draft=assessment.is_draft,
    )
    name = f"{slugify(assessment.city.name)}-{slugify(assessment.title)}.pdf"
    return Output(pdf, name, PDF)


def worksheet_job(request, version: ModelVersion):
    """The blank worksheet of a model version: the same for every reader of a language."""
    params = asked_in_language(version=version.slug)
    key = (version.slug, version.content_version, params["language"])
    return submit("worksheet_pdf", key, params, None)


@kept_file(
    "worksheet_pdf",
    title=lambda job: _("The blank paper worksheet"),
    may_read=lambda user, job: user.is_authenticated,
)
def _run_worksheet(job) -> Output:
    structure = load_structure(ModelVersion.objects.get(slug=job.params["version"]))
    pdf = render_pdf("reports/worksheet.html", {"structure": structure})
    return Output(pdf, f"{job.params['version']}-worksheet.pdf", PDF)
