"""Read a filled official Scorecard workbook into a city's Scorecard draft."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import City
from scorecard import services
from scorecard.forms import MAX_UPLOAD
from scorecard.workbook import WorkbookError, read_answers, resolve_import


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
        parser.add_argument(
            "--clear-reset",
            action="store_true",
            help="answers a spreadsheet program cleared (FALSE in their cell) clear the saved "
            "ones too; by default the saved answers are kept",
        )

    def handle(self, *args, city, workbook, replace, clear_reset, **options):
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
        current = {row.ref: row for row in services.answer_rows(scorecard)}
        cleared = [row.ref for row in rows if row.cleared]
        rows = resolve_import(
            rows, current, replace=replace, clear=set(cleared) if clear_reset else set()
        )
        changes = services.apply_import(
            scorecard, rows, info, None, replace=True, filename=path.name
        )
        if cleared:
            done = "cleared" if clear_reset else "kept (--clear-reset clears them)"
            self.stdout.write(
                f"{len(cleared)} answers cleared by the spreadsheet program (FALSE in the "
                f"file), the saved ones {done}: {', '.join(cleared)}"
            )
        self.stdout.write(f"{len(changes)} changes imported into Scorecard {scorecard.pk}")
