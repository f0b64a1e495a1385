"""The versions the public pages' cached parts are keyed by, and what moves them.

- A profile's `version`: its settings and a take-down (profiles.services);
- its city's public experiences: their count and latest change (`experiences_version`),
  read in one query, so the experiences app needs no knowledge of profiles.
- The directory's: the sum of every profile's version and the signed-off assessments of
  published cities (a sign-off or a reopening changes a city's stage), read in two
  aggregate queries, so no writer elsewhere has to remember the directory.
Unpublishing needs no cache at all: each request reads whether the profile is public before
any cached part is served.
"""

from django.db.models import Count, Max, Sum

from assessments.models import Assessment
from experiences.models import Experience

from .models import PublicProfile


def experiences_version(city) -> tuple:
    found = Experience.objects.public().filter(city=city).order_by()
    latest = found.aggregate(n=Count("pk"), at=Max("updated_at"))
    return (latest["n"], latest["at"])


def directory_version() -> tuple:
    profiles = PublicProfile.objects.order_by().aggregate(v=Sum("version"), n=Count("pk"))
    standing = (
        Assessment.objects.submitted()
        .filter(city__public_profile__published=True)
        .order_by()
        .aggregate(v=Sum("version"), n=Count("pk"))
    )
    return (profiles["v"], profiles["n"], standing["v"], standing["n"])
