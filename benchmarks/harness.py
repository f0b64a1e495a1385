"""Shared set-up for the benchmarks: a throw-away database and a timing helper.

Each benchmark prints one JSON object per measurement:
{"bench": ..., "size": ..., "median_ms": ..., "queries": ...[, "peak_mb": ...]}
"""

import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message="No directory at")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(default_db: str = "sqlite") -> None:
    """Point Django at a fresh database: SQLite in a temp folder unless BENCH_DATABASE_URL."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resilience_site.settings_test")
    if "BENCH_DATABASE_URL" in os.environ:
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        path = Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("flush", "--noinput", verbosity=0) if _migrated() else None
    call_command("migrate", "--noinput", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_maturity_model", verbosity=0, stdout=quiet)


def _migrated() -> bool:
    from django.db import connection

    return "django_migrations" in connection.introspection.table_names()


def measure(fn, repeat: int = 30, warmup: int = 3) -> tuple[float, int]:
    """Median wall time in ms of `fn()` and the number of SQL queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        fn()
    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), queries


def report(bench: str, size: int, median_ms: float, queries: int, **extra) -> None:
    print(json.dumps({"bench": bench, "size": size, "median_ms": round(median_ms, 1),
                      "queries": queries, **extra}), flush=True)  # fmt: skip
