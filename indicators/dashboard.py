"""A partner's dashboard: per indicator, how many of the cities that share with it report a
value (issue 29). Only cities that consented count; two queries whatever their number."""

from django.db.models import Count

from accounts.models import Partner
from assessments.models import Share
from maturity.models import Indicator, ModelVersion

from .models import IndicatorConsent, IndicatorValue


def reporting_cities(partner: Partner) -> list[tuple[Indicator, int]]:
    """(indicator, cities reporting at least one value) for each indicator of the newest
    published version that has indicators, in model order."""
    version = (
        ModelVersion.objects.published()
        .filter(dimensions__subdimensions__indicators__isnull=False)
        .order_by("-loaded_at", "-pk")
        .first()
    )
    if version is None:
        return []
    sharing = Share.objects.filter(partner=partner).values("assessment__city_id")
    cities = IndicatorConsent.objects.filter(partner=partner, city_id__in=sharing).values("city_id")
    counts = dict(
        IndicatorValue.objects.filter(city_id__in=cities)
        .values_list("indicator_id")
        .annotate(n=Count("city_id", distinct=True))
    )
    indicators = Indicator.objects.filter(subdimension__dimension__version=version).select_related(
        "subdimension"
    )
    return [(i, counts.get(i.pk, 0)) for i in indicators]
