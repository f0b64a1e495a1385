"""Write a Scorecard's answers into a copy of the official workbook."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scorecard import services
from scorecard.models import ScorecardAssessment
from scorecard.workbook_files import BLANK_WORKBOOK
from scorecard.workbook_writer import write_workbook


class Command(BaseCommand):
    help = "Export a Scorecard into the official workbook (every part of the package kept)."

    def add_arguments(self, parser):
        parser.add_argument("scorecard", type=int)
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, scorecard, output, **options):
        item = ScorecardAssessment.objects.filter(pk=scorecard).first()
        if item is None:
            raise CommandError(f"no Scorecard assessment with id {scorecard}")
        data = write_workbook(
            BLANK_WORKBOOK.read_bytes(), services.answer_rows(item), services.info_sheet(item)
        )
        Path(output).write_bytes(data)
        self.stdout.write(f"Scorecard {item.pk} written to {output}")
