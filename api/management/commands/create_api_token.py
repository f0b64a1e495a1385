"""`manage.py create_api_token <email> [--write]`: a token for scripts, printed last."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api.models import ApiToken


class Command(BaseCommand):
    help = "Create a personal API token for a user; the token is the last word printed."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--write", action="store_true", help="a read-write token")
        parser.add_argument("--name", default="command line")

    def handle(self, *args, email: str, write: bool, name: str, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the email address {email!r}.")
        _token, key = ApiToken.issue(user, name, can_write=write)
        access = "read-write" if write else "read-only"
        self.stdout.write(f"A {access} API token for {user.email} (shown once): {key}")
