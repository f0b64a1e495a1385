"""Cross-city aggregates for a partner, computed in SQL with a fixed number of queries.

Only assessments that a city shared with the partner are ever read, and shares are always
read live: withdrawing a share removes the city from the next page load.
"""

import hashlib
import json
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
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
    """Action code → number of cities whose latest shared assessment has it done."""
    return completion_and_na(latest, codes_by_bit)[0]


def completion_and_na(
    latest: QuerySet, codes_by_bit: dict[str, list[str]]
) -> tuple[dict[str, int], int]:
    """Action code → number of cities whose latest shared assessment has it done, and the
    number of (city, action) pairs marked not applicable.

    Counts the bits of SubdimensionResult.done_mask and na_mask in SQL: one row per city and
    subdimension instead of one per action.
    """
    width = max((len(codes) for codes in codes_by_bit.values()), default=0)
    sums = {f"b{i}": Sum(F("done_mask").bitand(1 << i)) for i in range(width)}
    sums |= {f"n{i}": Sum(F("na_mask").bitand(1 << i)) for i in range(width)}
    rows = (
        SubdimensionResult.objects.filter(assessment__in=latest.values("pk"))
        .values("code")
        .annotate(**sums)
        .order_by()
    )
    counts: dict[str, int] = {}
    not_applicable = 0
    for row in rows:
        for i, code in enumerate(codes_by_bit.get(row["code"], [])):
            counts[code] = (row[f"b{i}"] or 0) >> i
            not_applicable += (row[f"n{i}"] or 0) >> i
    return counts, not_applicable


def moved_up(partner: Partner, latest: QuerySet) -> dict[str, int]:
    """How many cities' latest shared assessment is a stage above their previous one shared
    with the partner: overall, and in at least one subdimension. One query."""
    previous = Assessment.objects.filter(
        city=OuterRef("city"),
        shares__partner=partner,
        reference_date__lt=OuterRef("reference_date"),
    ).order_by("-reference_date", "-pk")
    before = SubdimensionResult.objects.filter(
        assessment=OuterRef(OuterRef("previous_pk")), code=OuterRef("code")
    ).values("level")[:1]
    rose = SubdimensionResult.objects.filter(assessment=OuterRef("pk"), level__gt=Subquery(before))
    return (
        latest.order_by()
        .annotate(
            previous_pk=Subquery(previous.values("pk")[:1]),
            previous_overall=Subquery(previous.values("overall_level")[:1]),
        )
        .annotate(rose=Exists(rose))
        .aggregate(
            with_previous=Count("pk", filter=Q(previous_pk__isnull=False)),
            overall=Count("pk", filter=Q(overall_level__gt=F("previous_overall"))),
            subdimension=Count("pk", filter=Q(rose=True)),
        )
    )


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


CACHE_SECONDS = 600


def shares_fingerprint(partner: Partner) -> tuple:
    """What identifies the set of the partner's shares: their number, and the sum and the
    largest of their ids. Ids only grow, so withdrawing, adding or replacing any share
    changes it (a set that lost shares and gained as many has a larger sum)."""
    agg = partner.shares.aggregate(n=Count("pk"), total=Sum("pk"), top=Max("pk"))
    return agg["n"], agg["total"] or 0, agg["top"] or 0


def cached(kind: str, partner: Partner, filters: dict, version_pk, compute):
    """`compute()` for the partner and filters, kept for a few minutes under a key that holds
    the shares' fingerprint: the next page load after a share is withdrawn (or added)
    computes afresh, so no cached figure ever counts a withdrawn share."""
    raw = json.dumps(
        [kind, partner.pk, version_pk, sorted(filters.items()), shares_fingerprint(partner)]
    )
    key = "dashboard:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value
