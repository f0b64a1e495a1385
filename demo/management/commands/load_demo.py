from django.core.management.base import BaseCommand, CommandError

from demo.cities import load_demo
from maturity.models import ModelVersion


class Command(BaseCommand):
    help = "Create the demo cities, people and assessments (idempotent) and print the sign-ins."

    def handle(self, *args, **options):
        if ModelVersion.objects.current() is None:
            raise CommandError("Load the maturity model first: manage.py load_maturity_model")
        sign_ins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo sign-ins (password for all shown):"))
        for who, email, password in sign_ins:
            self.stdout.write(f"  {who:<38} {email:<36} {password}")
