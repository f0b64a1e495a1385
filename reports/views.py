"""Downloads: the PDF report, spreadsheets and the blank worksheet, all behind the access rule."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assessments.access import get_assessment
from indicators import report as indicator_report
from jobs.views import deliver
from maturity.models import ModelVersion
from rendering.sheets import to_csv, to_xlsx, to_xlsx_book

from . import scorecard_section, spreadsheets
from .tasks import report_job, worksheet_job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _name(assessment, suffix: str) -> str:
    return f"{slugify(assessment.city.name)}-{slugify(assessment.title)}{suffix}"


@login_required
@require_safe
def report_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The report as a job (jobs/): the file at once when it is ready (made in this request
    when there is no job queue, or kept from an earlier request at the same version), else
    the job's progress page."""
    assessment, access = get_assessment(request.user, slug, pk)
    return deliver(request, report_job(request, assessment, access))


@login_required
@require_safe
def assessment_xlsx(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    part = scorecard_section.scorecard_part(assessment.city, request.user, partner=access.partner)
    indicators = indicator_report.indicator_part(assessment, request.user, partner=access.partner)
    content = to_xlsx_book(
        [
            (
                _("Assessment"),
                spreadsheets.assessment_columns(),
                spreadsheets.assessment_rows(assessment, access),
            ),
            (_("Summary"), spreadsheets.summary_columns(), spreadsheets.summary_rows(assessment)),
            (_("Scorecard"), scorecard_section.columns(), scorecard_section.rows(part)),
            (_("Indicators"), indicator_report.columns(), indicator_report.rows(indicators)),
        ]
    )
    return _download(content, XLSX, _name(assessment, ".xlsx"))


@login_required
@require_safe
def assessment_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The XLSX's Assessment sheet as CSV: one row per action, written by the same cell
    writer (text that starts a formula is prefixed, dates are ISO)."""
    assessment, access = get_assessment(request.user, slug, pk)
    content = to_csv(
        spreadsheets.assessment_columns(), spreadsheets.assessment_rows(assessment, access)
    )
    return _download(content, "text/csv; charset=utf-8", _name(assessment, ".csv"))


@login_required
@require_safe
def workplan(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    rows = spreadsheets.workplan_rows(assessment, access)
    if fmt == "csv":
        content = to_csv(spreadsheets.workplan_columns(), rows)
        return _download(content, "text/csv; charset=utf-8", _name(assessment, "-work-plan.csv"))
    content = to_xlsx(_("Work plan"), spreadsheets.workplan_columns(), rows)
    return _download(content, XLSX, _name(assessment, "-work-plan.xlsx"))


@login_required
@require_safe
def worksheet_pdf(request: HttpRequest, version: str) -> HttpResponse:
    """A blank, printable worksheet of the model for workshops on paper."""
    return deliver(request, worksheet_job(request, get_object_or_404(ModelVersion, slug=version)))
