"""Read a filled official Scorecard workbook into a city's Scorecard draft."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import City
from scorecard import services
from scorecard.forms import MAX_UPLOAD
from scorecard.workbook import WorkbookError, read_answers


class Command(BaseCommand):
    help = (
        "Import a filled UNDRR preliminary Scorecard workbook into the city's draft (created "
        "if none; carried forward when the latest is submitted). Prints the Scorecard's id last."
    )

    def add_arguments(self, parser):
        parser.add_argument("city")
        parser.add_argument("workbook")
        parser.add_argument(
            "--replace", action="store_true", help="blanks in the file clear saved answers"
        )

    def handle(self, *args, city, workbook, replace, **options):
        place = City.objects.filter(slug=city).first()
        if place is None:
            raise CommandError(f"no city with slug {city!r}")
        path = Path(workbook)
        try:
            # The upload page's limit, checked before a byte is read.
            if path.stat().st_size > MAX_UPLOAD:
                raise CommandError(f"file: larger than {MAX_UPLOAD // (1024 * 1024)} MB")
            rows, info = read_answers(path.read_bytes())
        except OSError as exc:
            raise CommandError(f"file: cannot read {path} ({exc.strerror})") from exc
        except WorkbookError as exc:
            raise CommandError(str(exc)) from exc
        scorecard = services.draft_for(place, None)
        changes = services.apply_import(
            scorecard, rows, info, None, replace=replace, filename=path.name
        )
        self.stdout.write(f"{len(changes)} changes imported into Scorecard {scorecard.pk}")
