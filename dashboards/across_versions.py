"""A city's trend across a version change, for a partner's dashboard on the newer version.

A city that moved from 2018 to 2.0 shared assessments on both. The dashboard's figures are of
one version (queries.dashboard_version); its trend by year still shows such a city's earlier
years, by reading each older assessment through the version crosswalk onto the dashboard's
version, as carrying it forward would bring its answers (assessments.carry.inputs_through),
and scoring it there; "moved up" compares such a city the same way. The page says how many it
read so. Five queries whatever the number of cities (the older assessments, their met
actions, the moved cities' latest, how many each shared on this version, their stages), none
on a version no crosswalk leads to.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.db.models.functions import ExtractYear

from accounts.models import Partner
from assessments.carry import inputs_through
from assessments.models import Assessment
from assessments.results import inputs_by_assessment
from maturity.crosswalk import crosswalks
from maturity.models import ModelVersion
from maturity.structure import load_structure

from . import queries
from .filters import apply_filters


@dataclass(frozen=True)
class TrendThrough:
    """Year → {overall level on the dashboard's version: number of assessments}, of the
    older-version assessments read through a crosswalk, and the versions they came from;
    `moved`: the cities whose only assessment on this version is compared with their latest
    older one read so (with_previous, overall, subdimension, as queries.moved_up counts)."""

    counts: dict[int, dict[int, int]] = field(default_factory=dict)
    assessments: int = 0
    versions: tuple[str, ...] = ()  # the older versions' names
    moved: dict[str, int] = field(
        default_factory=lambda: {"with_previous": 0, "overall": 0, "subdimension": 0}
    )


def trend_through_crosswalk(
    partner: Partner, filters: dict, version: ModelVersion | None
) -> TrendThrough:
    """The assessments shared with the partner on another version than `version` by cities
    that also shared one on `version` (they moved), each scored on `version` through the
    crosswalk from its own; those no crosswalk leads from are left out, never mixed in. No
    query when no crosswalk leads to `version`; five whatever the number of cities
    otherwise."""
    leads_here = (
        {older: walk for (older, newer), walk in crosswalks().items() if newer == version.slug}
        if version
        else {}
    )
    if not leads_here:  # no older version reads onto this one (2018): no query at all
        return TrendThrough()
    shared = Assessment.objects.filter(shares__partner=partner)
    moved = apply_filters(shared, filters).values("city_id")
    other_filters = {k: v for k, v in filters.items() if k != "version"}
    older = (
        apply_filters(shared.filter(city_id__in=moved), other_filters)
        .filter(model_version__slug__in=leads_here)
        .annotate(year=ExtractYear("reference_date"), slug=F("model_version__slug"))
        .values_list("pk", "city_id", "reference_date", "year", "slug", "model_version__name")
        .order_by()
        .distinct()
    )
    rows = {
        pk: (city, day, year, leads_here[slug], name) for pk, city, day, year, slug, name in older
    }
    if not rows:
        return TrendThrough()
    structure = load_structure(version)
    inputs = inputs_by_assessment(rows)
    cards = {
        pk: structure.score(*inputs_through(walk, *inputs[pk]))
        for pk, (_c, _d, _y, walk, _n) in rows.items()
    }
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for pk, (_city, _day, year, _walk, _name) in rows.items():
        counts[year][cards[pk].overall.level] += 1
    names = tuple(sorted({name for *_rest, name in rows.values()}))
    return TrendThrough(
        {y: dict(c) for y, c in counts.items()},
        len(rows),
        names,
        _moved_up(partner, filters, version, rows, cards),
    )


def _moved_up(partner, filters, version, rows, cards) -> dict[str, int]:
    """Each moved city whose latest shared assessment is its only one on `version`, against
    its latest older one read through the crosswalk (queries.moved_up pairs the others)."""
    latest_older: dict[int, int] = {}
    for pk, (city, _day, *_rest) in sorted(rows.items(), key=lambda r: (r[1][1], r[0])):
        latest_older[city] = pk  # the newest wins
    on_version = (
        queries.latest_shared(partner, filters)
        .filter(city_id__in=list(latest_older))
        .values_list("pk", "city_id", "overall_level")
    )
    latest = {city: (pk, level) for pk, city, level in on_version}
    alone = {
        city
        for city, n in Assessment.objects.filter(
            shares__partner=partner, model_version=version, city_id__in=list(latest)
        )
        .values_list("city_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        if n == 1
    }
    pairs = {city: latest[city] for city in alone}
    levels = queries.levels_for([pk for pk, _level in pairs.values()]) if pairs else {}
    moved = {"with_previous": len(pairs), "overall": 0, "subdimension": 0}
    for city, (pk, level) in pairs.items():
        before = cards[latest_older[city]]
        moved["overall"] += int((level or 0) > before.overall.level)
        moved["subdimension"] += int(
            any(lv > before.subdimensions[code].level for code, lv in levels[pk].items()
                if code in before.subdimensions)
        )  # fmt: skip
    return moved


def moved_up(same_version: dict[str, int], through: TrendThrough) -> dict[str, int]:
    """queries.moved_up's counts (pairs on the version) with the pairs across a version
    change read through the crosswalk added."""
    return {key: same_version[key] + through.moved.get(key, 0) for key in same_version}


def merged(trend: dict[int, dict[int, int]], through: TrendThrough) -> dict[int, dict[int, int]]:
    """The version's own trend with the assessments read through the crosswalk added, by
    year in order."""
    years: dict[int, dict[int, int]] = {y: dict(c) for y, c in trend.items()}
    for year, counts in through.counts.items():
        row = years.setdefault(year, {})
        for level, n in counts.items():
            row[level] = row.get(level, 0) + n
    return dict(sorted(years.items()))
