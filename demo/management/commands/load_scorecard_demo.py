"""Add the Scorecard part of the demo (Glasgow's partly answered draft)."""

from django.core.management.base import BaseCommand

from demo.scorecards import load_scorecard_demo


class Command(BaseCommand):
    help = "Give the demo city Glasgow a partly answered Scorecard draft."

    def handle(self, *args, **options):
        load_scorecard_demo()
