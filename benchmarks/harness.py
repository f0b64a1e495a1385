"""Shared set-up for the benchmarks: a throw-away database and timing helpers.

Each benchmark prints one JSON object per measurement:
{"bench": ..., "size": ..., "median_ms": ..., "queries": ...[, "peak_mb": ...]}
Page benchmarks add "floor" (the same run's sign-in page median) and "ratio" (page / floor).

Pages are rendered as production renders them: DEBUG off, the cached template loader, and
no test environment (its template-rendered signal instrumentation copies every template
context, which inflates template-heavy pages several times over).
"""

import atexit
import json
import os
import shutil
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
    os.environ["DEBUG"] = "false"  # time what production runs, whatever the shell says
    if "BENCH_DATABASE_URL" in os.environ:
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        # In memory-backed /dev/shm where there is one: SQLite's fsyncs on a disk shared with
        # other jobs would time the disk, not the app (PostgreSQL's commits are in `make
        # loadtest`). BENCH_TMPDIR chooses another place.
        shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
        where = os.environ.get("BENCH_TMPDIR", shm)
        folder = tempfile.mkdtemp(prefix="bench-", dir=where)
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = Path(folder) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command

    _assert_production_rendering()
    call_command("flush", "--noinput", verbosity=0) if _migrated() else None
    call_command("migrate", "--noinput", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_maturity_model", verbosity=0, stdout=quiet)


def _assert_production_rendering() -> None:
    """Refuse to time pages in a set-up production would not run."""
    from django.conf import settings
    from django.template import engines
    from django.test.signals import template_rendered

    assert not settings.DEBUG, "benchmarks run with DEBUG off"
    loaders = engines["django"].engine.template_loaders
    assert [type(x).__name__ for x in loaders] == ["Loader"] and hasattr(
        loaders[0], "get_template_cache"
    ), "benchmarks run with the cached template loader"
    assert not template_rendered.receivers, "the test environment's instrumentation is on"


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


def measure_pages(pages: dict, rounds: int = 30, warmup: int = 3) -> dict:
    """{name: (median ms, queries of one call, [every time])} for page callables timed in
    turn, round after round, so that a burst of load from elsewhere on the machine falls
    on every page alike and the ratios between them hold. A callable may return a check
    (another callable): it runs after the clock stops. A callable with a `before`
    attribute (see `after_change`) has it called first, outside the clock and the query
    count: a change, so that the page is timed as first drawn after it (cold)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def prepare(fn) -> None:
        before = getattr(fn, "before", None)
        if before is not None:
            before()

    for _ in range(warmup):
        for fn in pages.values():
            prepare(fn)
            check = fn()
            if callable(check):
                check()
    queries = {}
    for name, fn in pages.items():
        prepare(fn)
        with CaptureQueriesContext(connection) as ctx:
            check = fn()
        if callable(check):
            check()
        queries[name] = len(ctx.captured_queries)
    times = {name: [] for name in pages}
    # BENCH_CLOCK=cpu times the process's CPU (the test client, the views and SQLite all run
    # in it): steadier than the wall clock on a machine that other work shares.
    clock = time.process_time if os.environ.get("BENCH_CLOCK") == "cpu" else time.perf_counter
    for _ in range(rounds):
        for name, fn in pages.items():
            prepare(fn)
            start = clock()
            check = fn()
            times[name].append((clock() - start) * 1000)
            if callable(check):
                check()
    return {name: (statistics.median(t), queries[name], t) for name, t in times.items()}


def after_change(change, page):
    """`page`, timed right after `change()` (which is not timed): its first drawing after
    a change, with nothing it shows in the cache."""

    def timed():
        return page()

    timed.before = change
    return timed


def report(bench: str, size: int, median_ms: float, queries: int, **extra) -> None:
    print(json.dumps({"bench": bench, "size": size, "median_ms": round(median_ms, 1),
                      "queries": queries, **extra}), flush=True)  # fmt: skip


def filled_assessment(
    note: str = "Council decision, published plan and board minutes.",
    version=None,
    slug: str = "bench",
):
    """A city, its editor signed in on a test client, and an assessment with every action
    done, each with an evidence note and a link. Returns (client, assessment). On the current
    model version unless `version` is given; `slug` names the city (and its editor)."""
    from datetime import date

    from django.test import Client

    from accounts.models import City, Membership, User
    from assessments import services
    from assessments.models import ActionRecord, EvidenceLink
    from maturity.models import ModelVersion

    version = version or ModelVersion.objects.current()
    name = "Bench City" if slug == "bench" else f"Bench City ({slug})"
    city = City.objects.create(name=name, slug=slug, country="GB")
    user = User.objects.create_user(f"{slug}@example.org", password="x" * 12)
    Membership.objects.create(user=user, city=city, role="editor")
    assessment = services.start_assessment(
        city, version, title="Full", reference_date=date(2026, 1, 1), user=user
    )
    ActionRecord.objects.filter(assessment=assessment).update(status="done", note=note)
    EvidenceLink.objects.bulk_create(
        EvidenceLink(record=r, url="https://example.org/evidence", label="Plan")
        for r in assessment.records.all()
    )
    client = Client()
    client.force_login(user)
    return client, assessment
