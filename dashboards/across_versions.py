"""A city's trend across a version change, for a partner's dashboard on the newer version.

A city that moved from 2018 to 2.0 shared assessments on both. The dashboard's figures are of
one version (queries.dashboard_version); its trend by year still shows such a city's earlier
years, by reading each older assessment through the version crosswalk onto the dashboard's
version, as carrying it forward would bring its answers (assessments.carry.inputs_through),
and scoring it there. The page says how many it read so. Two queries whatever the number of
cities: the older assessments, and their met actions.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F
from django.db.models.functions import ExtractYear

from accounts.models import Partner
from assessments.carry import inputs_through
from assessments.models import Assessment
from assessments.results import inputs_by_assessment
from maturity.crosswalk import crosswalks
from maturity.models import ModelVersion
from maturity.structure import load_structure

from .filters import apply_filters


@dataclass(frozen=True)
class TrendThrough:
    """Year → {overall level on the dashboard's version: number of assessments}, of the
    older-version assessments read through a crosswalk, and the versions they came from."""

    counts: dict[int, dict[int, int]] = field(default_factory=dict)
    assessments: int = 0
    versions: tuple[str, ...] = ()  # the older versions' names


def trend_through_crosswalk(
    partner: Partner, filters: dict, version: ModelVersion | None
) -> TrendThrough:
    """The assessments shared with the partner on another version than `version` by cities
    that also shared one on `version` (they moved), each scored on `version` through the
    crosswalk from its own; those no crosswalk leads from are left out, never mixed in. No
    query when no crosswalk leads to `version`."""
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
        .values_list("pk", "year", "slug", "model_version__name")
        .order_by()
        .distinct()
    )
    walks = {pk: (year, leads_here[slug], name) for pk, year, slug, name in older}
    if not walks:
        return TrendThrough()
    structure = load_structure(version)
    inputs = inputs_by_assessment(walks)
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for pk, (year, walk, _name) in walks.items():
        level = structure.score(*inputs_through(walk, *inputs[pk])).overall.level
        counts[year][level] += 1
    names = tuple(sorted({name for _year, _walk, name in walks.values()}))
    return TrendThrough({y: dict(c) for y, c in counts.items()}, len(walks), names)


def merged(trend: dict[int, dict[int, int]], through: TrendThrough) -> dict[int, dict[int, int]]:
    """The version's own trend with the assessments read through the crosswalk added, by
    year in order."""
    years: dict[int, dict[int, int]] = {y: dict(c) for y, c in trend.items()}
    for year, counts in through.counts.items():
        row = years.setdefault(year, {})
        for level, n in counts.items():
            row[level] = row.get(level, 0) + n
    return dict(sorted(years.items()))
