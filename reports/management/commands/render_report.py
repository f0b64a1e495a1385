from django.core.management.base import BaseCommand, CommandError

from assessments.models import Assessment
from rendering.pdf import render_pdf
from reports.builder import report_context


class Command(BaseCommand):
    help = "Render an assessment's PDF report to a file (for batch use)."

    def add_arguments(self, parser):
        parser.add_argument("assessment_id", type=int)
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, assessment_id: int, output: str, **options):
        assessment = Assessment.objects.with_header().filter(pk=assessment_id).first()
        if assessment is None:
            raise CommandError(f"No assessment with id {assessment_id}.")
        pdf = render_pdf(
            "reports/assessment_report.html",
            report_context(assessment),
            draft=assessment.is_draft,
        )
        with open(output, "wb") as fh:
            fh.write(pdf)
        self.stdout.write(f"Report for {assessment} written to {output} ({len(pdf)} bytes).")
