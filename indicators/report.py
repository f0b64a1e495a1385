"""The latest indicator values in the assessment's PDF report and XLSX (reports calls these).

Which values: for each indicator of the assessment's model version, the city's most recent
year. Who sees them: the city's members and site admins; a partner only with the city's
consent (indicators.access), as on the pages. Two queries: the consent, the values.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .access import consenting_partners
from .models import IndicatorValue


@dataclass
class IndicatorPart:
    rows: list[IndicatorValue] = field(default_factory=list)
    withheld: bool = False  # a partner without the city's consent


def indicator_part(assessment, user, *, partner: bool) -> IndicatorPart:
    city = assessment.city
    if partner and not consenting_partners(city).filter(members=user).exists():
        return IndicatorPart(withheld=True)
    latest = (
        IndicatorValue.objects.for_city(city)
        .filter(indicator__subdimension__dimension__version=assessment.model_version_id)
        .select_related("indicator__subdimension")
        .latest_per_indicator()
    )
    rows = sorted(
        latest.values(),
        key=lambda v: (v.indicator.subdimension.dimension_id, v.indicator.subdimension.order,
                       v.indicator.kind, v.indicator.order),
    )  # fmt: skip
    return IndicatorPart(rows=rows)


def columns() -> list[str]:
    return [
        _("Subdimension"), _("Indicator"), _("Kind"), _("Year"), _("Number"), _("Level"),
        _("Unit"), _("Source"), _("Note"),
    ]  # fmt: skip


def rows(part: IndicatorPart) -> list[list]:
    return [
        [v.indicator.subdimension.code, v.indicator.text, v.indicator.get_kind_display(),
         v.year, v.number, v.level, v.unit, v.source, v.note]
        for v in part.rows
    ]  # fmt: skip
