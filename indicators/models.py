"""A city's values of the model version's indicators (maturity.Indicator), year by year.

The indicator itself (its text, its subdimension, the actions it cites) belongs to the model
version; what a city measures belongs to the city. A partner sees the values only where the
city consents (IndicatorConsent) on top of sharing an assessment with that partner.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import City, Partner
from audit.fields import actor
from maturity.models import Indicator

FIRST_YEAR, LAST_YEAR = 1990, 2100


def plain(number: Decimal) -> Decimal:
    """The number without the stored decimal places it does not need: 12.5000 → 12.5,
    100.0000 → 100 (not normalize()'s 1E+2)."""
    return number.quantize(1) if number == number.to_integral_value() else number.normalize()


class IndicatorValueQuerySet(models.QuerySet):
    def for_city(self, city: City) -> "IndicatorValueQuerySet":
        return self.filter(city=city)

    def latest_per_indicator(self) -> dict[int, "IndicatorValue"]:
        """Indicator id → its most recent year's value (one query, ordered by year)."""
        latest = {}
        for value in self.order_by("indicator_id", "year"):
            latest[value.indicator_id] = value
        return latest


class IndicatorValue(models.Model):
    """What a city measured for one indicator in one year: a number or a level (a word such
    as "high", or "3 of 5"), with its unit, where it comes from and who entered it."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.DecimalField(
        _("number"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    level = models.CharField(_("level"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    entered_by = actor()
    entered_at = models.DateTimeField(auto_now=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "indicator", "year"], name="one_value_per_city_indicator_year"
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=False) | ~Q(level=""), name="value_has_number_or_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.shown}"

    @property
    def shown(self) -> str:
        """The value as people read it: the number (trailing zeros dropped) or the level,
        with its unit."""
        text = str(plain(self.number)) if self.number is not None else self.level
        return f"{text} {self.unit}".strip()


class IndicatorConsent(models.Model):
    """A city's consent that a partner it shares an assessment with also sees its indicator
    values. Without it (or without a share) the partner sees none of them."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="indicator_consents")
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="indicator_consents"
    )
    given_by = actor()
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["city", "partner"], name="one_consent_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.city} → {self.partner}"
