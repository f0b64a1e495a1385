"""Demo data (load_demo calls this): Kristiansand, which assesses on SMR 2.0, has recorded a
value of every 2.0 indicator for the last three years, and includes them in what it shares
with ICLEI Europe (demo). Deterministic (seeded), and left alone once there."""

import random
from datetime import date
from decimal import Decimal

from accounts.models import City, Partner, User
from maturity.models import Indicator

from . import services
from .models import IndicatorValue

CITY = "kristiansand"
LEVELS = ["low", "medium", "high"]


def _measure(indicator: Indicator, year: int, step: int, rng: random.Random) -> services.Measured:
    """A plausible value by the indicator's own wording, growing a little each year."""
    text = indicator.text
    source = "Kristiansand kommune, annual resilience report"
    if text.startswith("Level of"):
        level = LEVELS[min(step + rng.randint(0, 1), len(LEVELS) - 1)]
        return services.Measured(year, level=level, source=source)
    if text.startswith("Percentage"):
        number = Decimal(20 + 12 * step + rng.randint(0, 9))
        return services.Measured(year, number, unit="%", source=source)
    if text.startswith(("Resources", "Funding")):
        number = Decimal(150 + 60 * step + rng.randint(0, 40))
        return services.Measured(year, number, unit="thousand NOK", source=source)
    return services.Measured(year, Decimal(2 + 2 * step + rng.randint(0, 3)), source=source)


def load_indicator_demo(today: date) -> None:
    city = City.objects.filter(slug=CITY).first()
    if city is None or IndicatorValue.objects.filter(city=city).exists():
        return
    indicators = list(
        Indicator.objects.filter(subdimension__dimension__version__published=True)
        .order_by("-subdimension__dimension__version__loaded_at")
        .select_related("subdimension__dimension")
    )
    if not indicators:
        return
    newest = indicators[0].subdimension.dimension.version_id
    editor = User.objects.filter(email=f"editor@{CITY}.demo").first()
    rng = random.Random("kristiansand-indicators")
    for indicator in sorted(
        (i for i in indicators if i.subdimension.dimension.version_id == newest),
        key=lambda i: i.code,
    ):
        for step, year in enumerate(range(today.year - 3, today.year)):
            services.record_value(city, indicator, _measure(indicator, year, step, rng), editor)
    partner = Partner.objects.filter(slug="iclei-europe").first()
    if partner is not None:
        services.set_consent(city, partner, True, editor)
