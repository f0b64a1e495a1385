"""Cross-city aggregates for a partner, computed in SQL with a fixed number of queries.

Only assessments that a city shared with the partner are ever read, and shares are always
read live: withdrawing a share removes the city from the next page load.
"""

from collections import defaultdict

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear

from accounts.models import Partner
from assessments.models import Assessment, SubdimensionResult

from .filters import apply_filters

SORTS = {"name": "city__name", "-name": "-city__name", "overall": "overall", "-overall": "-overall"}


def latest_shared(partner: Partner, filters: dict | None = None) -> QuerySet:
    """Each city's latest assessment shared with the partner, as one SQL query set."""
    latest = Assessment.objects.filter(shares__partner=partner, shares__latest=True)
    return apply_filters(latest, filters or {})


def stage_distribution(latest: QuerySet) -> dict[str, dict[int, int]]:
    """Subdimension code → {level: number of cities}."""
    rows = (
        SubdimensionResult.objects.filter(assessment__in=latest.values("pk"))
        .values("code", "level")
        .annotate(n=Count("pk"))
    )
    result: dict[str, dict[int, int]] = defaultdict(dict)
    for row in rows:
        result[row["code"]][row["level"]] = row["n"]
    return result


def action_completion(latest: QuerySet, codes_by_bit: dict[str, list[str]]) -> dict[str, int]:
    """Action code → number of cities whose latest shared assessment has it done.

    Counts the bits of SubdimensionResult.done_mask in SQL: one row per city and
    subdimension instead of one per action.
    """
    width = max((len(codes) for codes in codes_by_bit.values()), default=0)
    sums = {f"b{i}": Sum(F("done_mask").bitand(1 << i)) for i in range(width)}
    rows = (
        SubdimensionResult.objects.filter(assessment__in=latest.values("pk"))
        .values("code")
        .annotate(**sums)
    )
    counts: dict[str, int] = {}
    for row in rows:
        for i, code in enumerate(codes_by_bit.get(row["code"], [])):
            counts[code] = (row[f"b{i}"] or 0) >> i
    return counts


def trend(partner: Partner, filters: dict) -> dict[int, dict[int, int]]:
    """Year → {overall level: number of cities} over every assessment shared with the partner."""
    rows = (
        apply_filters(Assessment.objects.filter(shares__partner=partner), filters)
        .annotate(year=ExtractYear("reference_date"))
        .values("year", "overall_level")
        .annotate(n=Count("pk"))
    )
    result: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        if row["overall_level"] is not None:
            result[row["year"]][row["overall_level"]] = row["n"]
    return dict(sorted(result.items()))


def heatmap_rows(latest: QuerySet, sort: str = "name", code: str = "") -> QuerySet:
    """Cities with their overall (lowest) level, sortable by name, overall or a subdimension."""
    qs = latest.select_related("city").annotate(overall=F("overall_level"))
    if code:
        level = SubdimensionResult.objects.filter(assessment=OuterRef("pk"), code=code)
        qs = qs.annotate(sort_level=Subquery(level.values("level")[:1]))
        return qs.order_by(F("sort_level").desc(nulls_last=True) if sort.startswith("-")
                           else F("sort_level").asc(nulls_last=True), "city__name")  # fmt: skip
    return qs.order_by(SORTS.get(sort, "city__name"), "city__name")


def levels_for(assessment_ids: list[int]) -> dict[int, dict[str, int]]:
    rows = SubdimensionResult.objects.filter(assessment_id__in=assessment_ids).values_list(
        "assessment_id", "code", "level"
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for assessment_id, code, level in rows:
        result[assessment_id][code] = level
    return result


def median_level(histogram: dict[int, int]) -> float | None:
    """The median of a {level: count} histogram (lower median on ties of halves)."""
    total = sum(histogram.values())
    if not total:
        return None
    seen = 0
    for level in sorted(histogram):
        seen += histogram[level]
        if seen * 2 >= total:
            return level
    return None


def countries(partner: Partner) -> list[str]:
    shared = Assessment.objects.filter(shares__partner=partner, shares__latest=True)
    return list(shared.values_list("city__country", flat=True).distinct().order_by("city__country"))
