"""Recording indicator values and the partners' consent, each change in the audit log."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from accounts.models import City, Partner
from audit.log import log as audit_log
from audit.models import Kind
from maturity.models import Indicator

from .models import IndicatorConsent, IndicatorValue, plain

FIELDS = ("number", "level", "unit", "source", "note")


@dataclass(frozen=True)
class Measured:
    """What a city measured for one indicator in one year (a form's or a file's values)."""

    year: int
    number: Decimal | None = None
    level: str = ""
    unit: str = ""
    source: str = ""
    note: str = ""


def _text(value) -> str:
    if value is None:
        return ""
    return str(plain(value)) if isinstance(value, Decimal) else str(value)


@transaction.atomic
def record_value(city: City, indicator: Indicator, measured: Measured, user) -> IndicatorValue:
    """Write the city's value for the indicator and year (a new one, or a correction of the
    one entered before); each field that changed is logged as old → new."""
    value = IndicatorValue.objects.filter(
        city=city, indicator=indicator, year=measured.year
    ).first()
    before = {name: _text(getattr(value, name)) for name in FIELDS} if value else {}
    if value is None:
        value = IndicatorValue(city=city, indicator=indicator, year=measured.year)
    for name in FIELDS:
        setattr(value, name, getattr(measured, name))
    value.entered_by = user if user and user.is_authenticated else None
    value.save()
    value.refresh_from_db(fields=["number"])  # the number as stored (its decimal places)
    field = f"indicator {indicator.code} {measured.year}"
    for name in FIELDS:
        old, new = before.get(name, ""), _text(getattr(value, name))
        if old != new:
            audit_log(Kind.CHANGED, city=city, user=user, field=f"{field} {name}", old=old, new=new)
    return value


@transaction.atomic
def remove_value(value: IndicatorValue, user) -> None:
    field = f"indicator {value.indicator.code} {value.year}"
    audit_log(Kind.CHANGED, city=value.city, user=user, field=field, old=value.shown, new="")
    value.delete()


@transaction.atomic
def set_consent(city: City, partner: Partner, include: bool, user) -> bool:
    """Give or withdraw the consent that `partner` sees the city's indicator values; returns
    whether anything changed (logged as shared / sharing withdrawn)."""
    if include:
        _consent, changed = IndicatorConsent.objects.get_or_create(
            city=city, partner=partner, defaults={"given_by": user}
        )
    else:
        changed = bool(IndicatorConsent.objects.filter(city=city, partner=partner).delete()[0])
    if changed:
        kind = Kind.SHARED if include else Kind.UNSHARED
        audit_log(kind, city=city, user=user, detail=f"indicator values → {partner.name}")
    return changed
