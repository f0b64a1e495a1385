"""The city's indicator values in the assessment exchange format (exchange.document and
exchange.services call these): exported with the assessment's model version, imported into
the years the receiving city has no value for (its own entries are never overwritten)."""

from decimal import Decimal

from accounts.models import City
from maturity.models import Indicator, ModelVersion

from . import services
from .models import IndicatorValue, plain


def export_values(city: City, version: ModelVersion) -> list[dict]:
    values = (
        IndicatorValue.objects.for_city(city)
        .filter(indicator__subdimension__dimension__version=version)
        .select_related("indicator", "entered_by")
        .order_by("indicator__code", "year")
    )
    return [
        {
            "indicator": v.indicator.code,
            "year": v.year,
            "number": str(plain(v.number)) if v.number is not None else None,
            "level": v.level,
            "unit": v.unit,
            "source": v.source,
            "note": v.note,
            "entered_by": v.entered_by.email if v.entered_by_id else None,
        }
        for v in values
    ]


def import_values(city: City, version: ModelVersion, rows: list[dict], user) -> int:
    """Record the file's values the city does not have yet; returns how many were added.
    Rows naming an indicator this version lacks are left out (the schema checked the rest)."""
    indicators = {
        i.code: i for i in Indicator.objects.filter(subdimension__dimension__version=version)
    }
    have = set(IndicatorValue.objects.for_city(city).values_list("indicator__code", "year"))
    added = 0
    for row in rows:
        indicator = indicators.get(row["indicator"])
        if indicator is None or (row["indicator"], row["year"]) in have:
            continue
        number = row.get("number")
        measured = services.Measured(
            year=row["year"],
            number=Decimal(number) if number is not None else None,
            **{k: row.get(k) or "" for k in ("level", "unit", "source", "note")},
        )
        services.record_value(city, indicator, measured, user)
        added += 1
    return added
