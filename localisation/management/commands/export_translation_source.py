import json

from django.core.management.base import BaseCommand, CommandError

from localisation.content import source_catalogue
from maturity.models import ModelVersion


class Command(BaseCommand):
    help = "Print the English texts to translate as JSON {key: text} (for translators)."

    def handle(self, *args, **options):
        # Every published version's texts (keys name their version; the catalogue's repeat).
        versions = list(ModelVersion.objects.published().order_by("loaded_at", "pk"))
        if not versions:
            raise CommandError("No published model version: run load_maturity_model first.")
        source: dict[str, str] = {}
        for version in versions:
            source.update(source_catalogue(version))
        self.stdout.write(json.dumps(source, ensure_ascii=False, indent=1))
