"""Partner dashboard, heatmap page and CSV export at 100, 1,000 and 5,000 cities (K=3).

Runs on PostgreSQL (BENCH_DATABASE_URL, default: a `resilience_bench` database on
127.0.0.1:5432, user postgres), which it creates and empties. Target (issue 6): the same
query count at every size; dashboard under 200 ms median at 5,000 cities.
"""

import os
import subprocess

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/resilience_bench")
subprocess.run(
    ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "CREATE DATABASE resilience_bench"],
    capture_output=True,
)

from harness import measure, report, setup_django  # noqa: E402

setup_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import City, Partner, User  # noqa: E402
from dashboards.generate import generate  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "100,1000,5000").split(",")]


def main() -> None:
    user = User.objects.create_user("partner@bench.org", password="x" * 12)
    client = Client()
    client.force_login(user)
    made = 0
    for size in SIZES:
        generate(size - made, 3, seed=size, partner_slug="bench", progress=lambda *a: None)
        made = size
        Partner.objects.get(slug="bench").members.add(user)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        assert City.objects.count() == size
        for bench, url in [
            ("dashboard", reverse("dashboards:dashboard", args=["bench"])),
            ("heatmap", reverse("dashboards:heatmap", args=["bench"]) + "?sort=-overall"),
            ("csv_export", reverse("dashboards:heatmap_export", args=["bench", "csv"])),
        ]:
            median, queries = measure(lambda url=url: client.get(url), repeat=9, warmup=2)
            report(bench, size, median, queries)


if __name__ == "__main__":
    main()
