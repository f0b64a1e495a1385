from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.models import Assessment
from exchange.document import export_bytes


class Command(BaseCommand):
    help = (
        "Write an assessment in the open exchange format: -o X.json (the document, its files "
        "listed with their checksums) or -o X.zip (assessment.json and the files)."
    )

    def add_arguments(self, parser):
        parser.add_argument("assessment_id", type=int)
        parser.add_argument("-o", "--output", required=True, help="a .json or .zip file")

    def handle(self, *args, assessment_id: int, output: str, **options):
        path = Path(output)
        kind = path.suffix.lower().lstrip(".")
        if kind not in ("json", "zip"):
            raise CommandError("The output must end in .json or .zip.")
        assessment = Assessment.objects.with_header().filter(pk=assessment_id).first()
        if assessment is None:
            raise CommandError(f"No assessment {assessment_id}.")
        path.write_bytes(export_bytes(assessment, kind))
        self.stdout.write(f"Wrote {assessment.city.name} – {assessment.title} to {path}")
