"""The partner's view of the UNDRR Scorecards cities shared with it, aggregated in SQL.

Only Scorecards a city shared with the partner (`ScorecardShare`, the sharing rule of
`accounts.access.share_for`) are read; a city's latest shared one stands for the city. An
unanswered question is never a 0: totals out of 141 are compared (median, bands) only over
fully answered Scorecards, partly answered ones are counted apart, and an Essential's average
is over answered questions only.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accounts.models import Partner
from localisation.queries import localised
from rendering import charts
from scorecard.models import MAX_SCORE, ScorecardAnswer, ScorecardAssessment, ScorecardStatus

from .filters import apply_filters

# Bands of the total out of 141 for the distribution (fully answered Scorecards).
BANDS = [(0, 28), (29, 56), (57, 84), (85, 112), (113, 141)]


def latest_scorecards(partner: Partner, filters: dict | None = None) -> QuerySet:
    """Each city's latest Scorecard shared with the partner (the dashboard's filters apply to
    its city), as one SQL query set."""
    # The share's `latest` flag is kept by the lifecycle in each share change's transaction,
    # as for the SMR assessments' shares.
    latest = ScorecardAssessment.objects.filter(shares__partner=partner, shares__latest=True)
    return apply_filters(latest, filters or {})


def _with_totals(scorecards: QuerySet) -> QuerySet:
    """Per Scorecard: the sum of its answered scores, its answered and its questions."""
    return scorecards.order_by().annotate(
        total=Coalesce(Sum("answers__score"), 0),
        answered=Count("answers__score"),
        questions=Count("answers"),
    )


def totals_histogram(latest: QuerySet) -> list[tuple[str, int, bool, int]]:
    """(status, total, fully answered, number of cities): one query, at most a few hundred
    rows whatever the number of cities."""
    per_city = _with_totals(latest).values_list("status", "total", "answered", "questions")
    inner, params = per_city.query.sql_with_params()
    sql = f"""
        SELECT t.status, t.total, CASE WHEN t.answered = t.questions THEN 1 ELSE 0 END, COUNT(*)
        FROM ({inner}) t GROUP BY 1, 2, 3
    """  # noqa: S608 - Django's own SQL, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(status, int(total), bool(full), int(n)) for status, total, full, n in cursor]


def essential_averages(latest: QuerySet) -> list[dict]:
    """Per Essential: its answered scores summed, the answered and unanswered questions and
    the number of questions per Scorecard, over the cities' latest shared Scorecards."""
    rows = (
        ScorecardAnswer.objects.filter(scorecard__in=latest.values("pk"))
        .order_by()
        .annotate(essential_title=localised("question__essential__title"))
        .values("question__essential__number", "essential_title")
        .annotate(
            answered=Count("score"),
            points=Coalesce(Sum("score"), 0),
            answers=Count("pk"),
            scorecards=Count("scorecard", distinct=True),
        )
    )
    return sorted(
        (
            {
                "number": r["question__essential__number"],
                "title": r["essential_title"],
                "score": int(r["points"]),
                "answered": r["answered"],
                "unanswered": r["answers"] - r["answered"],
                "questions": r["answers"] // r["scorecards"] if r["scorecards"] else 0,
            }
            for r in rows
        ),
        key=lambda r: r["number"],
    )


def figures(latest: QuerySet) -> dict:
    """What the dashboard caches for its Scorecard section: two queries."""
    return {"histogram": totals_histogram(latest), "essentials": essential_averages(latest)}


def for_cities(partner: Partner, city_ids: Iterable[int]) -> dict[int, dict]:
    """City id → its latest Scorecard shared with the partner: total, answered, questions,
    status. One query for the cities given (a page or a batch of the city table)."""
    rows = (
        _with_totals(latest_scorecards(partner).filter(city_id__any_of=list(city_ids)))
        .values_list("city_id", "total", "answered", "questions", "status")
    )  # fmt: skip
    return {
        city: {"total": total, "answered": answered, "questions": questions, "status": status}
        for city, total, answered, questions, status in rows
    }


def median(histogram: dict[int, int]) -> float | None:
    """The median of a {value: count} histogram (the mean of the two middle values when the
    count is even)."""
    n = sum(histogram.values())
    if not n:
        return None

    def value_at(position: int) -> int:
        seen = 0
        for value in sorted(histogram):
            seen += histogram[value]
            if seen > position:
                return value
        raise AssertionError(position)

    return (value_at((n - 1) // 2) + value_at(n // 2)) / 2


def section(cached: dict) -> dict:
    """The Scorecard section of the dashboard and its PDF, from the cached figures."""
    complete: dict[int, int] = defaultdict(int)
    by_status: dict[str, int] = defaultdict(int)
    partial = 0
    for status, total, full, n in cached["histogram"]:
        by_status[status] += n
        if full:
            complete[total] += n
        else:
            partial += n
    cities = sum(by_status.values())
    mid = median(complete)
    essentials = cached["essentials"]
    answered = sum(e["answered"] for e in essentials)
    asked = answered + sum(e["unanswered"] for e in essentials)
    for e in essentials:
        e["average"] = round(e["score"] / e["answered"], 1) if e["answered"] else None
        e["maximum"] = MAX_SCORE
    bands = [
        {"low": low, "high": high, "n": sum(n for t, n in complete.items() if low <= t <= high)}
        for low, high in BANDS
    ]
    return {
        "cities": cities,
        "submitted": by_status.get(ScorecardStatus.SUBMITTED, 0),
        "draft": by_status.get(ScorecardStatus.DRAFT, 0),
        "complete": sum(complete.values()),
        "partial": partial,
        "median": None if mid is None else (int(mid) if mid == int(mid) else mid),
        "answered": answered,
        "asked": asked,
        "answered_pct": round(100 * answered / asked) if asked else None,
        "bands": bands,
        "essentials": essentials,
    }


def essentials_chart(essentials: list[dict], *, chart_id: str = "scorecard-essentials"):
    rows = [
        (
            f"E{e['number']}",
            e["title"],
            e["average"],
            MAX_SCORE,
            _("%(answered)s answers, %(unanswered)s unanswered")
            % {
                "answered": charts.grouped(e["answered"]),
                "unanswered": charts.grouped(e["unanswered"]),
            },
        )
        for e in essentials
    ]
    title = _("Average score per answered question, per Essential (0 to 3)")
    return charts.score_bars(rows, title, chart_id=chart_id)


PDF_CITIES = 200  # beyond this the PDF names no more cities: cities.csv has them all


def city_rows(partner: Partner, filters: dict) -> list[dict]:
    """The cities' latest shared Scorecards by city name, for the dashboard PDF (one query)."""
    rows = (
        _with_totals(latest_scorecards(partner, filters))
        .order_by("city__name", "city_id")
        .values_list("city__name", "city__country", "total", "answered", "questions", "status")
    )[:PDF_CITIES]
    return [
        {"name": name, "country": country, "total": total, "answered": answered,
         "questions": questions, "status": ScorecardStatus(status).label}
        for name, country, total, answered, questions, status in rows
    ]  # fmt: skip
