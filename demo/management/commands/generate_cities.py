import time

from django.core.management.base import BaseCommand, CommandError

from demo.generated import generate
from maturity.models import ModelVersion


class Command(BaseCommand):
    help = (
        "Create N synthetic cities with K yearly submitted assessments each, shared with a "
        "partner; about 40 % of them also share a submitted Scorecard (needs load_catalogue)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cities", type=int, required=True)
        parser.add_argument("--assessments", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--partner", default="generated-partner")

    def handle(self, *args, cities: int, assessments: int, seed: int, partner: str, **options):
        if cities < 1 or assessments < 1:
            raise CommandError("--cities and --assessments must be at least 1.")
        if ModelVersion.objects.current() is None:
            raise CommandError("Load the maturity model first: manage.py load_maturity_model")
        start = time.perf_counter()
        obj = generate(cities, assessments, seed, partner)
        elapsed = time.perf_counter() - start
        scorecards = obj.scorecard_shares.count()
        self.stdout.write(
            f"Created {cities} cities × {assessments} assessments, shared with {obj.name}, "
            f"in {elapsed:.0f} s; {scorecards} cities share a Scorecard with it."
        )
