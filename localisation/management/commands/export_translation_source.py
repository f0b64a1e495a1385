import json

from django.core.management.base import BaseCommand, CommandError

from localisation.content import source_catalogue
from maturity.models import ModelVersion


class Command(BaseCommand):
    help = "Print the English texts to translate as JSON {key: text} (for translators)."

    def handle(self, *args, **options):
        version = ModelVersion.objects.current()
        if version is None:
            raise CommandError("No published model version: run load_maturity_model first.")
        self.stdout.write(json.dumps(source_catalogue(version), ensure_ascii=False, indent=1))
