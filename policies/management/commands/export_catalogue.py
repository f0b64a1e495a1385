import json

from django.core.management.base import BaseCommand, CommandError

from maturity.models import ModelVersion
from policies.catalogue import export_catalogue


class Command(BaseCommand):
    help = "Export the policy catalogue and Essentials crosswalk as JSON."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument(
            "--model-version", help="a version's slug (default: the current version)"
        )

    def handle(self, *args, output: str, model_version: str, **options):
        versions = ModelVersion.objects.all()
        version = (
            versions.filter(slug=model_version).first() if model_version else versions.current()
        )
        if version is None:
            raise CommandError(f"Model version {model_version!r} is not loaded.")
        with open(output, "w", encoding="utf-8") as fh:
            json.dump(export_catalogue(version), fh, ensure_ascii=False, indent=1)
        self.stdout.write(f"Catalogue written to {output}.")
