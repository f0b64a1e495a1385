"""Partner dashboard, city table (heatmap) and CSV export at 1,000, 5,000 and 20,000 cities
(K=3 assessments each; about 40 % of the cities also share a Scorecard, so the dashboard's
Scorecard figures, the city table's Scorecard column and the export's Scorecard columns are
measured at scale too), and how long generate_cities takes to make them. The overview's
aggregates are cached until the partner's shares change, so it is timed both warm
(`dashboard`) and on a first load after clearing the cache (`dashboard_uncached`).

Runs on PostgreSQL (BENCH_DATABASE_URL, default: a `resilience_bench` database on
127.0.0.1:5432, user postgres), which it creates and empties. BENCH_SIZES selects sizes, e.g.
BENCH_SIZES=1000,5000. Targets (issue 12): the same query count at every size for the
dashboard and the heatmap, with and without a country filter; at 20,000 cities the dashboard
≤ 200 ms and the heatmap ≤ 150 ms median; the CSV streams (flat `peak_mb`) and 20,000 rows
take ≤ 2 s to the last byte; generate_cities makes 20,000 × 3 in ≤ 3 minutes.
"""

import os
import subprocess
import time
import tracemalloc
from urllib.parse import urlparse

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/resilience_bench")
_db = urlparse(os.environ["BENCH_DATABASE_URL"])
subprocess.run(
    ["createdb", "-h", _db.hostname or "127.0.0.1", "-p", str(_db.port or 5432),
     "-U", _db.username or "postgres", _db.path.lstrip("/")],
    capture_output=True,
)  # fmt: skip

from harness import measure, report, setup_django  # noqa: E402

setup_django()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import City, Partner, User  # noqa: E402
from demo.generated import generate  # noqa: E402
from scorecard.models import ScorecardShare  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,5000,20000").split(",")]


def _consume(client: Client, url: str) -> int:
    """Fetch the URL and read the response to its last byte; the number of bytes."""
    response = client.get(url)
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def _peak_mb(fn) -> float:
    tracemalloc.start()
    fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 1e6, 1)


def main() -> None:
    with open(os.devnull, "w") as quiet:  # the Scorecard's 47 questions
        call_command("load_catalogue", stdout=quiet)
    user = User.objects.create_user("partner@bench.org", password="x" * 12)
    client = Client()
    client.force_login(user)
    made, generated_s, country = 0, 0.0, None
    for size in SIZES:
        start = time.perf_counter()
        generate(size - made, 3, seed=size, partner_slug="bench", progress=lambda *a: None)
        step_s = time.perf_counter() - start
        generated_s += step_s
        scorecards = ScorecardShare.objects.filter(partner__slug="bench").count()
        report("generate_cities", size, step_s * 1000, 0, added=size - made,
               total_s=round(generated_s, 1), scorecards=scorecards)  # fmt: skip
        made = size
        Partner.objects.get(slug="bench").members.add(user)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        assert City.objects.count() == size
        if country is None:  # the most common country at the first size, kept after
            top = City.objects.values("country").annotate(n=Count("pk")).order_by("-n").first()
            country = top["country"]
        dashboard = reverse("dashboards:dashboard", args=["bench"])
        heatmap = reverse("dashboards:heatmap", args=["bench"])
        csv_url = reverse("dashboards:heatmap_export", args=["bench", "csv"])
        page = client.get(dashboard).content.decode()
        assert f'figure-value">{scorecards:,}</span>' in page  # the Scorecard figures are there
        for bench, url in [
            ("dashboard", dashboard),
            ("dashboard_country", f"{dashboard}?country={country}"),
            ("heatmap", f"{heatmap}?sort=-overall"),
            ("heatmap_country", f"{heatmap}?sort=-overall&country={country}"),
        ]:
            median, queries = measure(lambda url=url: client.get(url), repeat=9, warmup=2)
            report(bench, size, median, queries)
        # The overview's aggregates are cached until a share changes: also time a first load.
        median, queries = measure(lambda u=dashboard: (cache.clear(), client.get(u)), repeat=3,
                                  warmup=0)  # fmt: skip
        report("dashboard_uncached", size, median, queries)
        median, queries = measure(lambda u=csv_url: _consume(client, u), repeat=5, warmup=1)
        peak = _peak_mb(lambda u=csv_url: _consume(client, u))
        report("csv_export", size, median, queries, peak_mb=peak, rows=size)


if __name__ == "__main__":
    main()
