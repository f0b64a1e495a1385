from django.conf import settings
from django.core.management.base import BaseCommand

from assessments.owners import send_reminders


class Command(BaseCommand):
    help = (
        "Email each member named responsible their overdue actions and those due within 14 "
        "days, in draft assessments: one email per person, each action at most once a week. "
        "Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"),
            help="the site's address, for the links in the emails",
        )

    def handle(self, *args, base_url: str, **options):
        sent = send_reminders(base_url.rstrip("/"))
        self.stdout.write(f"{sent} reminder email(s) sent.")
