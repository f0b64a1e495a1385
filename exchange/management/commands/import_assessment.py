from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import City
from exchange.reader import ExchangeRefused, read_exchange
from exchange.services import city_from_file, import_assessment, plan_import


class Command(BaseCommand):
    help = (
        "Import an assessment from an exchange file (.json or .zip) into the city named by its "
        "slug, as a new assessment. When no city has the slug, it is created from the file's "
        "city details (a site admin moving a city in)."
    )

    def add_arguments(self, parser):
        parser.add_argument("city_slug")
        parser.add_argument("file")
        parser.add_argument(
            "--as-history",
            action="store_true",
            help="when the file's draft meets the city's own draft, import it signed off",
        )

    def handle(self, *args, city_slug: str, file: str, as_history: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        if path.stat().st_size > settings.EXCHANGE_MAX_UPLOAD_BYTES:
            raise CommandError(
                f"{path}: larger than {settings.EXCHANGE_MAX_UPLOAD_BYTES:,} bytes "
                "(EXCHANGE_MAX_UPLOAD_BYTES)."
            )
        try:
            incoming = read_exchange(path.read_bytes())
            city = City.objects.filter(slug=city_slug).first()
            created = city is None
            if created:
                city = city_from_file(city_slug, incoming)
            plan = plan_import(city, incoming)
            assessment = import_assessment(
                city, incoming, None, as_history=as_history, name=path.name
            )
        except ExchangeRefused as exc:
            raise CommandError(f"{path}: {exc} Nothing was imported.") from exc
        if created:
            self.stdout.write(f"Created the city {city.name} ({city.slug}).")
        if incoming.missing:
            self.stdout.write(
                f"{len(incoming.missing)} files are listed without their bytes (a .json file): "
                "left out."
            )
        self.stdout.write(
            f"Imported “{assessment.title}” as assessment {assessment.pk} "
            f"({assessment.get_status_display()}), {sum(plan.statuses.values())} actions, "
            f"{plan.history} history entries."
        )
