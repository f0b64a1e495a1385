"""Creates the load test's officers: one city, editor and draft assessment each (idempotent)."""

from datetime import date

from django.db import transaction

from accounts.models import City, Membership, Role, User
from assessments import services
from maturity.models import ModelVersion

PASSWORD = "load-test-password-2026"


@transaction.atomic
def prepare(officers: int = 60) -> None:
    version = ModelVersion.objects.current()
    for n in range(1, officers + 1):
        city, _ = City.objects.get_or_create(
            slug=f"load-city-{n}", defaults={"name": f"Load City {n}", "country": "GB"}
        )
        user = User.objects.filter(email=f"officer{n}@load.test").first()
        if user is None:
            user = User.objects.create_user(f"officer{n}@load.test", password=PASSWORD)
        Membership.objects.get_or_create(user=user, city=city, defaults={"role": Role.EDITOR})
        if not city.assessments.exists():
            services.start_assessment(
                city, version, title="Load test", reference_date=date(2026, 6, 30), user=user
            )


prepare()
