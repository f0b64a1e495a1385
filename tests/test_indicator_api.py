"""Issue 29: a city's indicator values in the API, refused to a partner without consent."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import services as assessment_services
from indicators import services
from maturity.models import Indicator

URL = "/api/v1/cities/glasgow/indicator-values/"


@pytest.fixture
def valued(smr2, city, editor):
    indicator = Indicator.objects.get(subdimension__dimension__version=smr2, code="P2-result-1")
    measured = services.Measured(2025, Decimal("3.25"), unit="days", source="Drill log")
    services.record_value(city, indicator, measured, editor)


def test_a_member_reads_the_values(client, viewer, valued):
    client.force_login(viewer)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == [
        {"model_version": "smr-maturity-model-2-0", "indicator": "P2-result-1", "year": 2025,
         "number": "3.25", "level": "", "unit": "days", "source": "Drill log", "note": "",
         "entered_by": "editor@glasgow.test"},
    ]  # fmt: skip


def test_a_partner_needs_a_share_and_the_consent(
    client, smr, city, editor, partner, partner_user, valued
):
    client.force_login(partner_user)
    assert client.get(URL).status_code == 404
    assessment = assessment_services.start_assessment(
        city, smr, title="2026", reference_date="2026-06-30", user=editor
    )
    assessment_services.share(assessment_services.submit(assessment, editor), partner, editor)
    assert client.get(URL).status_code == 404
    services.set_consent(city, partner, True, editor)
    rows = client.get(URL).json()
    assert [(r["indicator"], r["number"], r["entered_by"]) for r in rows] == [
        ("P2-result-1", "3.25", None)
    ]


def test_another_city_is_not_found(client, outsider, valued):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
    assert reverse("api:indicator_values", args=["glasgow"]) == URL
