"""Issue 29, deliver 4: in the demo, Kristiansand has indicator values for three years and
includes them in what it shares with ICLEI Europe (demo)."""

from datetime import date

from django.urls import reverse

from accounts.models import User
from demo.cities import PARTNER_EMAIL, load_demo
from indicators.models import IndicatorValue


def test_kristiansand_has_three_years_of_every_2_0_indicator(client, smr, smr2):
    load_demo(today=date(2026, 12, 7))
    values = IndicatorValue.objects.filter(city__slug="kristiansand")
    assert sorted(set(values.values_list("year", flat=True))) == [2023, 2024, 2025]
    assert values.count() == 52 * 3
    assert not IndicatorValue.objects.exclude(city__slug="kristiansand").exists()
    load_demo(today=date(2026, 12, 7))  # run again: nothing added
    assert values.count() == 52 * 3
    client.force_login(User.objects.get(email=PARTNER_EMAIL))
    page = client.get(reverse("indicators:subdimension", args=["kristiansand", smr2.slug, "L4"]))
    assert page.status_code == 200
    # L4's two indicators (resources, updates of the plan), charted with a dot a year.
    assert page.text.count("<circle") == 6
