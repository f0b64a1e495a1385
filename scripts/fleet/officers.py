"""The load test's officer accounts, made before loadtest/prepare.py runs: the password hashed
once for all of them (a hash per account costs about a CPU-second each on a busy machine).
Accounts kept from an earlier run get it too, so every officer's is stored as the site now
stores passwords (a hash of an older kind would be stored again at each one's first sign-in,
all within the load's first seconds)."""

import os

from django.contrib.auth.hashers import make_password

from accounts.models import User

PASSWORD = "load-test-password-2026"
hashed = make_password(PASSWORD)
wanted = {f"officer{n}@load.test" for n in range(1, int(os.environ["FLEET_OFFICERS"]) + 1)}
have = set(User.objects.filter(email__in=wanted).values_list("email", flat=True))
User.objects.filter(email__in=have).update(password=hashed)
User.objects.bulk_create([User(email=email, password=hashed) for email in sorted(wanted - have)])
