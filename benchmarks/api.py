"""The JSON API: an assessment's 90 records in one page, a Scorecard's 47 answers in one page,
and a partner's figures at 5,000 cities (K=3 assessments each, made by generate_cities), each
read with a personal token.

Runs on PostgreSQL (BENCH_DATABASE_URL, default: a `resilience_bench_api` database on
127.0.0.1:5432, user postgres), which it creates and empties. BENCH_API_CITIES changes the
number of cities (default 5000). The token's rate is lifted: the benchmark measures the API,
not its throttle (whose database-cache queries are counted all the same).
"""

import os
import subprocess
import time
from urllib.parse import urlparse

os.environ.setdefault(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/resilience_bench_api"
)
os.environ.setdefault("API_THROTTLE_RATE", "1000000/minute")
_db = urlparse(os.environ["BENCH_DATABASE_URL"])
subprocess.run(
    ["createdb", "-h", _db.hostname or "127.0.0.1", "-p", str(_db.port or 5432),
     "-U", _db.username or "postgres", _db.path.lstrip("/")],
    capture_output=True,
)  # fmt: skip

from harness import filled_assessment, measure, report, setup_django  # noqa: E402

setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import Partner, User  # noqa: E402
from api.models import ApiToken  # noqa: E402
from demo.generated import generate  # noqa: E402
from scorecard import services as scorecard_services  # noqa: E402

CITIES = int(os.environ.get("BENCH_API_CITIES", "5000"))


def _token(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {ApiToken.issue(user, 'bench')[1]}"}


def answered_scorecard(city, user):
    """A Scorecard whose 47 questions are all answered, each with its four texts."""
    with open(os.devnull, "w") as quiet:
        call_command("load_catalogue", verbosity=0, stdout=quiet)
    scorecard = scorecard_services.start_scorecard(city, user=user, title="Bench")
    scorecard.answers.update(score=2, verification="Council minutes and the published plan.",
                             actions="Review yearly.", institution="Resilience office",
                             timescale="2027")  # fmt: skip
    return scorecard


def main() -> None:
    _session, assessment = filled_assessment()
    client = Client()
    headers = _token(assessment.created_by)
    records = reverse("api:records", args=[assessment.city.slug, assessment.pk])
    assert client.get(records, **headers).json()["count"] == 90
    median, queries = measure(lambda: client.get(records, **headers), repeat=30)
    report("api_records", 90, median, queries)

    scorecard = answered_scorecard(assessment.city, assessment.created_by)
    answers = reverse("api:scorecard_answers", args=[assessment.city.slug, scorecard.pk])
    assert client.get(answers, **headers).json()["count"] == 47
    median, queries = measure(lambda: client.get(answers, **headers), repeat=30)
    report("api_scorecard_answers", 47, median, queries)

    start = time.perf_counter()
    generate(CITIES, 3, seed=1, partner_slug="bench", progress=lambda *a: None)
    report("generate_cities", CITIES, (time.perf_counter() - start) * 1000, 0)
    partner_user = User.objects.create_user("partner@bench.org", password="x" * 12)
    Partner.objects.get(slug="bench").members.add(partner_user)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    headers = _token(partner_user)
    figures = reverse("api:figures", args=["bench"])
    assert client.get(figures, **headers).json()["city_count"] == CITIES
    for bench, query in [("api_figures", ""), ("api_figures_population", "?population=large")]:
        median, queries = measure(lambda q=query: client.get(figures + q, **headers), repeat=9,
                                  warmup=2)  # fmt: skip
        report(bench, CITIES, median, queries)


if __name__ == "__main__":
    main()
