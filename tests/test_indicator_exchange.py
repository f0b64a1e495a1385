"""Issue 29: a city's indicator values travel with its assessment in the exchange format,
and an import never overwrites what the receiving city recorded itself."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from accounts.models import City
from assessments import services as assessment_services
from exchange.reader import ExchangeRefused, read_exchange
from indicators import services
from indicators.models import IndicatorValue
from maturity.models import Indicator


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def assessment_2_0(smr2, city, editor):
    return assessment_services.start_assessment(
        city, smr2, title="2.0 in 2026", reference_date="2026-06-30", user=editor
    )


def _indicator(version, code):
    return Indicator.objects.get(subdimension__dimension__version=version, code=code)


def test_values_go_out_and_come_back_in_the_exchange_file(
    smr2, city, editor, assessment_2_0, tmp_path
):
    agreements = _indicator(smr2, "L1-leading-1")
    commitment = _indicator(smr2, "L1-leading-4")
    first = services.Measured(2024, Decimal("12"), unit="agreements", source="Register")
    services.record_value(city, agreements, first, editor)
    services.record_value(city, agreements, services.Measured(2025, Decimal("17.5")), editor)
    high = services.Measured(2025, level="high", note="Vote")
    services.record_value(city, commitment, high, editor)
    out = tmp_path / "first.json"
    call_command("export_assessment", str(assessment_2_0.pk), "-o", str(out))
    document = json.loads(out.read_text())
    assert document["indicator_values"][0] == {
        "indicator": "L1-leading-1", "year": 2024, "number": "12", "level": "",
        "unit": "agreements", "source": "Register", "note": "", "entered_by": "editor@glasgow.test",
    }  # fmt: skip
    assert len(document["indicator_values"]) == 3
    call_command("import_assessment", "glasgow-elsewhere", str(out))
    moved = City.objects.get(slug="glasgow-elsewhere")
    got = {(v.indicator.code, v.year): v.shown for v in IndicatorValue.objects.filter(city=moved)}
    assert got == {
        ("L1-leading-1", 2024): "12 agreements",
        ("L1-leading-1", 2025): "17.5",
        ("L1-leading-4", 2025): "high",
    }


def test_an_import_keeps_the_receiving_citys_own_values(
    smr2, city, editor, assessment_2_0, tmp_path
):
    agreements = _indicator(smr2, "L1-leading-1")
    services.record_value(city, agreements, services.Measured(2024, Decimal("12")), editor)
    out = tmp_path / "first.json"
    call_command("export_assessment", str(assessment_2_0.pk), "-o", str(out))
    IndicatorValue.objects.filter(city=city).update(number=Decimal("13"))
    assessment_services.submit(assessment_2_0, editor)
    call_command("import_assessment", "glasgow", str(out), "--as-history")
    assert IndicatorValue.objects.get(city=city).shown == "13"


def test_a_value_with_neither_number_nor_level_is_refused(smr2, assessment_2_0, tmp_path):
    out = tmp_path / "first.json"
    call_command("export_assessment", str(assessment_2_0.pk), "-o", str(out))
    document = json.loads(out.read_text())
    document["indicator_values"] = [{"indicator": "L1-leading-1", "year": 2024, "level": ""}]
    with pytest.raises(ExchangeRefused):
        read_exchange(json.dumps(document).encode())
