from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from policies.catalogue import CatalogueError, import_catalogue, read_catalogue

DEFAULT_FILE = Path(settings.BASE_DIR) / "fixtures" / "policy-catalogue.json"


class Command(BaseCommand):
    help = "Import the policy catalogue and Essentials crosswalk from a JSON file (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args, path: str, **options):
        try:
            counts = import_catalogue(read_catalogue(Path(path)))
        except CatalogueError as exc:
            raise CommandError(f"{path}: {exc}. Nothing was imported.") from exc
        summary = ", ".join(f"{n} {key.replace('_', ' ')}" for key, n in counts.items())
        self.stdout.write(f"Catalogue imported: {summary}.")
