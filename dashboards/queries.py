"""Cross-city aggregates for a partner, computed in SQL with a fixed number of queries.

Only assessments that a city shared with the partner are ever read, and shares are always
read live: withdrawing a share removes the city from the next page load.
"""

import hashlib
import json
from collections import defaultdict

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language

from accounts.models import Partner
from assessments.models import Assessment, Share, SubdimensionResult
from maturity.models import ModelVersion

from .filters import apply_filters
from .freshness import partner_version

SORTS = {"name": "city__name", "-name": "-city__name", "overall": "overall", "-overall": "-overall"}


def latest_shared(partner: Partner, filters: dict | None = None) -> QuerySet:
    """Each city's latest assessment shared with the partner, as one SQL query set."""
    latest = Assessment.objects.filter(shares__partner=partner, shares__latest=True)
    return apply_filters(latest, filters or {})


def dashboard_version(partner: Partner, filters: dict) -> tuple[ModelVersion | None, dict]:
    """The model version a partner's figures are about, and the filters that keep them to it.

    The version chosen (`version`, a slug), else the one most of the sharing cities' latest
    shared assessments use (ties: the newer version), else the newest. Every figure is drawn
    from the returned filters, so none mixes the 2018 model with 2.0.
    """
    published = ModelVersion.objects.published()
    version = published.filter(slug=filters["version"]).first() if filters.get("version") else None
    if version is None:
        most = (
            latest_shared(partner)
            .order_by()
            .values("model_version")
            .annotate(n=Count("pk"))
            .order_by("-n", "-model_version__loaded_at")
            .first()
        )
        version = published.filter(pk=most["model_version"]).first() if most else None
    version = version or published.current()
    return version, ({**filters, "version": version.slug} if version else filters)


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


def moved_up(partner: Partner, latest: QuerySet, version: ModelVersion | None = None) -> dict:
    """How many cities' latest shared assessment is a stage above their previous one shared
    with the partner: overall, and in at least one subdimension; and how many cities have a
    previous one at all. One query: each city's shared assessments ranked newest first
    (a window), the first two paired, their subdimension results joined once. With
    `version`, only assessments on it are paired: stages of two versions are never compared
    (a city's trend across a version change is across_versions')."""
    cities_sql, cities_params = latest.values("city_id").query.sql_with_params()
    same_version, version_params = (
        ("AND a.model_version_id = %s", [version.pk]) if version else ("", [])
    )
    assessment = Assessment._meta.db_table
    share = Share._meta.db_table
    result = SubdimensionResult._meta.db_table
    sql = f"""
        WITH ranked AS (
            SELECT a.id, a.city_id, a.overall_level, ROW_NUMBER() OVER (
                PARTITION BY a.city_id ORDER BY a.reference_date DESC, a.id DESC) AS rn
            FROM {assessment} a JOIN {share} s ON s.assessment_id = a.id
            WHERE s.partner_id = %s AND a.city_id IN ({cities_sql}) {same_version}
        ), pairs AS (
            SELECT l.id AS latest_id, p.id AS previous_id,
                   CASE WHEN l.overall_level > p.overall_level THEN 1 ELSE 0 END AS up
            FROM ranked l JOIN ranked p ON p.city_id = l.city_id AND p.rn = 2
            WHERE l.rn = 1
        )
        SELECT
            (SELECT COUNT(*) FROM pairs),
            (SELECT COALESCE(SUM(up), 0) FROM pairs),
            (SELECT COUNT(DISTINCT pairs.latest_id) FROM pairs
             JOIN {result} r ON r.assessment_id = pairs.latest_id
             JOIN {result} q ON q.assessment_id = pairs.previous_id AND q.code = r.code
             WHERE r.level > q.level)
    """  # noqa: S608 - table names from the models, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [partner.pk, *cities_params, *version_params])
        with_previous, overall, subdimension = cursor.fetchone()
    return {"with_previous": int(with_previous), "overall": int(overall),
            "subdimension": int(subdimension)}  # fmt: skip


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
    # No ordering: the model's default (by assessment) would join the assessments table.
    rows = (
        SubdimensionResult.objects.filter(assessment_id__any_of=assessment_ids)
        .values_list("assessment_id", "code", "level")
        .order_by()
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
# The rollup of a partner's unfiltered overview is kept longer: a new version replaces it,
# and the beat's refresh (tasks.refresh_stale_rollups) draws it again once it is gone.
ROLLUP_SECONDS = 24 * 3600


def cached(kind: str, partner: Partner, filters: dict, version_pk, compute, refresh=False):
    """`compute()` for the partner and filters, kept for a few minutes under a key that holds
    the partner's version (freshness.py): any share added, changed or withdrawn, or any edit
    of a city it sees, makes the next page load compute afresh, unless the rollup job
    (tasks.refresh_rollups, `refresh`) computed it first under the new version."""
    # The language too: some figures carry titles (Essentials) in the page's language.
    raw = json.dumps(
        [
            kind,
            partner.pk,
            version_pk,
            sorted(filters.items()),
            partner_version(partner.pk),
            get_language(),
        ]
    )
    key = "dashboard:" + hashlib.sha256(raw.encode()).hexdigest()
    value = None if refresh else cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, ROLLUP_SECONDS if refresh else CACHE_SECONDS)
    return value
