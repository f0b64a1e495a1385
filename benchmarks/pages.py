"""Times an officer's pages as production renders them, each beside the sign-in page.

The sign-in page (middleware, base layout, one form) is the floor: every line carries the
same run's sign-in median as `floor` and the page's `ratio` to it, so figures from a busy
machine can still be compared. Pages are timed in turn, round after round (see
harness.measure_pages), in three runs; `ratio_runs` gives each run's ratio.

Pages, on a fully filled assessment (every action done, with a note and a link), as its
editor with a browser's Accept-Encoding: the matrix (chart and live-update targets), an
action page (P1S1, with a history of three saves), next steps, a tick with every live update
(each action in turn set not started, then done again; half the ticks make a state never
seen before, some move a stage), the matrix reloaded right after that tick (it must show
the tick: checked, outside the timing), the city page and the start page. The pages whose
work grows with the model are timed again on a filled SMR Maturity Model 2.0 assessment
(124 actions, five dimensions; names ending `_2_0`), in the same rounds against the same
floor, so their ratios read beside the 2018 ones.

With BENCH_CATALOGUE=1 (or a catalogue file's path) the policy catalogue and crosswalk are
loaded first, as `make run` does, so the action page shows P1S1's policy and Essential links.

`python benchmarks/pages.py --profile matrix_page` prints a cProfile of 20 renders of one
page instead (top 30 lines by cumulative and by own time); for a cold page, each after its
change, which is not profiled. `--queries matrix_page` prints the SQL of one render.

Cold variants (`*_cold`, and matrix_after_tick) time a page drawn first after a change to
what it shows: a new note on an action, saved from its page, for that page (the next action
each time), a tick (in the walk above) for next steps and the city page; the change itself
is not timed.

Targets (issue 16), on SQLite: matrix ≤ 4.5× the floor and ≤ 15 queries; action page, next
steps and tick ≤ 3×; city page and home ≤ 3×.
"""

import contextlib
import cProfile
import gzip
import os
import pstats
import re
import statistics
import sys
from pathlib import Path

from harness import after_change, filled_assessment, measure_pages, report, setup_django

setup_django()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from maturity.structure import load_structure  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}
MODEL_2_0 = str(Path(__file__).resolve().parent.parent / "fixtures" / "smr-maturity-model-2.0.json")
REVISION = re.compile(r'name="revision" value="(\d+)"')


def text(response) -> str:
    """The page as the browser shows it (the test client does not undo the gzip)."""
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


# The pages also timed on a 2.0 assessment (suffix _2_0): those whose work grows with the
# model (matrix, tick, action page, next steps, city page).
PAGES_ON_2_0 = (
    "tick",
    "matrix_after_tick",
    "matrix_page",
    "action_page",
    "next_steps_page",
    "city_page",
)


def get(c, url):
    def page():
        response = c.get(url, **BROWSER)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return page


def officer_pages(client, assessment) -> tuple[dict, dict]:
    """The officer's pages of one filled assessment, by name (see the module docstring), and
    the variants timed alone by --profile and --queries."""
    _history(assessment, "P1S1")
    slug, pk = assessment.city.slug, assessment.pk
    matrix_url = reverse("assessments:matrix", args=[slug, pk])

    # The ticks walk the actions in model order, setting each not started and then done
    # again: the assessment stays full, as the figures assume, and every other tick
    # leaves it in a state it was never in before (no cached headline or row from an earlier
    # tick fits it); some of them move a stage.
    revisions = dict(assessment.records.values_list("action__code", "revision"))
    codes = [a.code for a in load_structure(assessment.model_version).actions]
    state = {"ticks": 0, "code": "", "status": ""}

    def tick():
        n = state["ticks"]
        state["ticks"] += 1
        code = state["code"] = codes[(n // 2) % len(codes)]
        status = state["status"] = "not_started" if n % 2 == 0 else "done"
        url = reverse("assessments:tick", args=[slug, pk, code])
        data = {"status": status, "revision": revisions[code]}
        response = client.post(url, data, HTTP_HX_REQUEST="true", **BROWSER)

        def check():
            assert response.status_code == 200, response.status_code
            # The card in the response carries the new revision, as the browser's page does.
            revisions[code] = int(REVISION.search(text(response))[1])

        return check

    def matrix_after_tick():
        response = client.get(matrix_url, **BROWSER)

        def check():
            assert response.status_code == 200, response.status_code
            code, status = state["code"], state["status"]
            pressed = rf'id="tick-{code}-{status}" class="[^"]+" aria-pressed="true"'
            assert re.search(pressed, text(response)), "the reload does not show the tick"

        return check

    notes = {"n": 0, "code": "P1S1"}

    def new_note():
        """A new note on the next action in model order (each page's history grows by one
        line per pass over the model, as an action's does in use), saved by an officer who
        had its page open, as one does: its page, next timed, is drawn anew after the save
        (the parts the note did not change, its links and files, stay in the cache)."""
        from assessments import services

        notes["n"] += 1
        code = notes["code"] = codes[notes["n"] % len(codes)]
        noted_page()  # the page the officer saves from
        record = assessment.records.select_related("action").get(action__code=code)
        record.assessment = assessment
        note = f"Council decision, revision {notes['n']}."
        services.update_record(record, {"note": note}, revision=record.revision, user=user)
        revisions[code] = record.revision  # the ticks post the revision they last saw

    def noted_page():
        return get(client, reverse("assessments:action", args=[slug, pk, notes["code"]]))()

    def untimed_tick():
        tick()()

    user = assessment.created_by
    action_url = reverse("assessments:action", args=[slug, pk, "P1S1"])
    steps_url = reverse("assessments:next_steps", args=[slug, pk])
    city_url = reverse("assessments:city", args=[slug])
    # Each page drawn first after a change to what it shows (cold: the tick's matrix, the
    # `*_cold` pages), then again at once, from the cache (warm).
    pages = {
        "tick": tick,
        "matrix_after_tick": matrix_after_tick,
        "matrix_page": get(client, matrix_url),
        "action_page_cold": after_change(new_note, noted_page),
        "action_page": get(client, action_url),
        "next_steps_cold": after_change(untimed_tick, get(client, steps_url)),
        "next_steps_page": get(client, steps_url),
        "city_page_cold": after_change(untimed_tick, get(client, city_url)),
        "city_page": get(client, city_url),
        "home_page": get(client, reverse("home")),
    }
    # Alone, the reload follows a tick of its own (in the rounds, the timed one).
    return pages, {"matrix_after_tick": after_change(untimed_tick, matrix_after_tick)}


def main() -> None:
    if os.environ.get("BENCH_CATALOGUE"):
        _load_catalogue(os.environ["BENCH_CATALOGUE"])
    client, assessment = filled_assessment()
    anonymous = Client()
    pages = {"sign_in_page": get(anonymous, reverse("login"))}
    timed, alone = officer_pages(client, assessment)
    pages |= timed
    sizes = dict.fromkeys(pages, assessment.records.count())
    # The same pages on a 2.0 assessment (124 actions, five dimensions), in the same rounds
    # against the same floor: loaded after the 2018 one so that stays the bench city's model.
    client_2_0, assessment_2_0 = filled_assessment(version=_load_2_0(), slug="bench-2-0")
    timed, alone_2_0 = officer_pages(client_2_0, assessment_2_0)
    for name in PAGES_ON_2_0:
        pages[f"{name}_2_0"] = timed[name]
        sizes[f"{name}_2_0"] = assessment_2_0.records.count()
    alone |= {f"{name}_2_0": page for name, page in alone_2_0.items()}
    for option, look in (("--profile", profile), ("--queries", print_queries)):
        if option in sys.argv:
            name = sys.argv[sys.argv.index(option) + 1]
            look(alone.get(name, pages[name]))
            return
    runs = [measure_pages(pages, rounds=ROUNDS) for _ in range(RUNS)]
    floors = [run["sign_in_page"][0] for run in runs]
    floor = statistics.median(t for run in runs for t in run["sign_in_page"][2])
    for name in pages:
        median = statistics.median(t for run in runs for t in run[name][2])
        report(
            name,
            sizes[name],
            median,
            runs[0][name][1],
            floor=round(floor, 1),
            ratio=round(median / floor, 2),
            ratio_runs=[round(run[name][0] / f, 2) for run, f in zip(runs, floors, strict=True)],
        )


def _load_2_0():
    """The SMR Maturity Model 2.0, loaded as `make run` loads it beside 2018."""
    from django.core.management import call_command

    from maturity.models import ModelVersion

    with open(os.devnull, "w") as quiet:
        call_command("load_maturity_model", MODEL_2_0, verbosity=0, stdout=quiet)
    return ModelVersion.objects.current()


def _load_catalogue(path: str) -> None:
    """The policy catalogue and crosswalk, as `make run` loads them: the action page and the
    cards then show each action's policy and Essential links (BENCH_CATALOGUE=1, or the path
    of another catalogue file)."""
    from django.core.management import call_command

    args = [] if path == "1" else [path]
    with open(os.devnull, "w") as quiet:
        call_command("load_catalogue", *args, verbosity=0, stdout=quiet)


def _history(assessment, code: str) -> None:
    """Three saves of an action, as a page's history usually shows."""
    from datetime import date

    from assessments import services

    user = assessment.created_by
    for changes in ({"note": "Plan adopted."}, {"target_date": date(2027, 6, 30)},
                    {"responsible": "Resilience Office"}):  # fmt: skip
        record = assessment.records.select_related("action").get(action__code=code)
        record.assessment = assessment
        services.update_record(record, changes, revision=record.revision, user=user)


def _render(page, around=None) -> None:
    """One render of `page` as measure_pages times it, inside the context manager `around`
    (a profiler, a query capture): a cold page's change (`before`) first and the page's
    check after, both outside it."""
    before = getattr(page, "before", None)
    if before is not None:
        before()
    with around if around is not None else contextlib.nullcontext():
        check = page()
    if callable(check):
        check()


def print_queries(page) -> None:
    """The SQL of one render of `page` (a cold page's after its change)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        _render(page)
    ctx = CaptureQueriesContext(connection)
    _render(page, ctx)
    for query in ctx.captured_queries:
        print(query["sql"], end="\n\n")


def profile(page) -> None:
    """20 renders of `page` under cProfile; a cold page's change (`before`) runs outside it."""
    for _ in range(3):
        _render(page)
    profiler = cProfile.Profile()
    for _ in range(20):
        _render(page, profiler)
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
