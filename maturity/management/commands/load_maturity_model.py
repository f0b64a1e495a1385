from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from maturity.loader import ModelFileError, load_model, read_model_file

DEFAULT_FILE = Path(settings.BASE_DIR) / "fixtures" / "smr-rmm-2018.json"


class Command(BaseCommand):
    help = "Load a maturity model version from a JSON file (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args, path: str, **options):
        try:
            result = load_model(read_model_file(Path(path)))
        except ModelFileError as exc:
            raise CommandError(f"{path}: {exc}. Nothing was loaded.") from exc
        verb = "Loaded" if result.created else "Already loaded, unchanged:"
        self.stdout.write(f"{verb} {result.version.name} ({result.actions} actions).")
