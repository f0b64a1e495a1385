"""Times the public pages (issue 31) as an anonymous reader, beside the sign-in page, at
growing numbers of published cities (BENCH_SIZES, default 50 and 5,000).

Each size gets a fresh set of cities: each with a published profile (coordinates for the map)
and one signed-off assessment; one of them, the profile timed, has its 90 records, two
networks and a public experience. Pages: the directory (first page, every city), filtered
by country, and one city's profile, each warm (from the versioned cache) and cold (first
drawn after a change to what it shows: a profile's setting saved through the service).
One JSON line per page and size (bench, size, median_ms, queries, floor, ratio); the query
counts must be the same at every size.
"""

import os
import random
import statistics
from datetime import date

from harness import after_change, measure_pages, report, setup_django

setup_django()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "50,5000").split(",")]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
COUNTRIES = ["GB", "NO", "ES", "IT", "LV", "DK", "FR", "DE", "SE", "PT"]


def _world(size: int) -> str:
    """`size` published cities; returns the slug of the one with a full profile."""
    from accounts.models import City, Network, User
    from assessments import services
    from assessments.models import Assessment
    from experiences.models import Experience
    from maturity.models import ModelVersion
    from profiles.models import PublicProfile

    for model in (Experience, PublicProfile, Assessment, City):
        model.objects.all().delete()
    version = ModelVersion.objects.current()
    rng = random.Random(size)
    cities = City.objects.bulk_create(
        City(name=f"City {n:05d}", slug=f"city-{n:05d}", country=COUNTRIES[n % 10])
        for n in range(size)
    )
    PublicProfile.objects.bulk_create(
        PublicProfile(
            city=c, published=True, latitude=rng.uniform(35, 65), longitude=rng.uniform(-10, 30)
        )
        for c in cities
    )
    Assessment.objects.bulk_create(
        Assessment(
            city=c, model_version=version, title="2025", reference_date=date(2025, 6, 30),
            status="submitted", overall_level=rng.randint(0, 3),
        )
        for c in cities[1:]
    )  # fmt: skip
    full = cities[0]
    user = User.objects.filter(email="bench@example.org").first() or User.objects.create_user(
        "bench@example.org", password="x" * 12
    )
    assessment = services.start_assessment(
        full, version, title="2025", reference_date=date(2025, 6, 30), user=user
    )
    assessment.records.filter(action__stage__order__lte=2).update(status="done")
    services.submit(assessment, user)
    for name in ("SMR", "MCR2030"):
        full.networks.add(Network.objects.get_or_create(name=name)[0])
    action = assessment.records.select_related("action").first().action
    Experience.objects.create(
        city=full, action=action, title="How we did it", what_was_done="Plans.",
        visibility="public",
    )  # fmt: skip
    return full.slug


def main() -> None:
    from profiles import services
    from profiles.models import PublicProfile

    anonymous = Client()

    def get(url):
        def page():
            response = anonymous.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return page

    for size in SIZES:
        slug = _world(size)
        profile = PublicProfile.objects.get(city__slug=slug)

        def change(profile=profile):
            # A setting saved through the service moves the profile's version and so the
            # directory's: both are drawn afresh.
            found = PublicProfile.objects.get(pk=profile.pk)
            before = {name: getattr(found, name) for name in services.SETTINGS}
            found.text = f"Revised {random.random()}"
            services.save_profile(found, before, None)

        directory, mine = reverse("profiles:directory"), reverse("profiles:profile", args=[slug])
        by_country = get(directory + "?country=GB")
        # Each cold page follows a change; its warm page is timed right after it. The
        # filtered directory is drawn once first (untimed), after the change before it.
        pages = {
            "sign_in_page": get(reverse("login")),
            "profile_cold": after_change(change, get(mine)),
            "profile_page": get(mine),
            "directory_cold": after_change(change, get(directory)),
            "directory_page": get(directory),
            "directory_by_country": after_change(by_country, by_country),
        }
        run = measure_pages(pages, rounds=ROUNDS)
        floor = statistics.median(run["sign_in_page"][2])
        for name, (median, queries, _times) in run.items():
            report(
                name, size, median, queries, floor=round(floor, 1), ratio=round(median / floor, 2)
            )


if __name__ == "__main__":
    main()
