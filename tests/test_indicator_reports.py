"""Issue 29: the latest indicator values in the assessment's PDF report and XLSX, and a
partner without the city's consent sees none of them there either."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services as assessment_services
from indicators import services
from maturity.models import Indicator

AGREEMENTS = "Number of cooperation agreements with CITY stakeholders (L1S1, L1S2, L1M1)"


@pytest.fixture
def signed_2_0(smr2, city, editor, partner):
    """Glasgow's signed-off 2.0 assessment, shared with ICLEI (without the values, at first);
    agreements counted in 2024 (12) and 2025 (17: the latest); commitment rated "high"."""
    agreements = Indicator.objects.get(subdimension__dimension__version=smr2, code="L1-leading-1")
    commitment = Indicator.objects.get(subdimension__dimension__version=smr2, code="L1-leading-4")
    services.record_value(city, agreements, services.Measured(2024, Decimal(12)), editor)
    latest = services.Measured(2025, Decimal(17), unit="agreements", source="Council register")
    services.record_value(city, agreements, latest, editor)
    services.record_value(city, commitment, services.Measured(2025, level="high"), editor)
    assessment = assessment_services.start_assessment(
        city, smr2, title="2.0 in 2026", reference_date="2026-06-30", user=editor
    )
    assessment = assessment_services.submit(assessment, editor)
    assessment_services.share(assessment, partner, editor)
    return assessment


def _sheet(client, user, assessment) -> list[tuple]:
    client.force_login(user)
    response = client.get(reverse("reports:xlsx", args=["glasgow", assessment.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    return list(book["Indicators"].iter_rows(values_only=True))


def test_the_spreadsheet_has_each_indicators_latest_value(client, editor, signed_2_0):
    rows = _sheet(client, editor, signed_2_0)
    assert rows[0][:5] == ("Subdimension", "Indicator", "Kind", "Year", "Number")
    assert rows[1][:8] == (
        "L1", AGREEMENTS, "Leading indicator", 2025, 17, None, "agreements", "Council register",
    )  # fmt: skip
    assert rows[2][1].startswith("Level of politicians' commitment") and rows[2][5] == "high"
    assert len(rows) == 3


def test_the_pdf_report_prints_the_latest_values(client, editor, signed_2_0, pdf_as_html):
    client.force_login(editor)
    response = client.get(reverse("reports:pdf", args=["glasgow", signed_2_0.pk]))
    text = pdf_as_html(response.content)
    chapter = text.split("Indicators: latest values")[1]
    assert f"L1 {AGREEMENTS} (Leading indicator) 2025 17 agreements Council register" in chapter


def test_a_partner_without_consent_gets_no_values_in_either(
    client, city, editor, partner, partner_user, signed_2_0, pdf_as_html
):
    assert len(_sheet(client, partner_user, signed_2_0)) == 1  # the headers only
    response = client.get(reverse("reports:pdf", args=["glasgow", signed_2_0.pk]))
    text = pdf_as_html(response.content)
    assert "has not included its indicator values" in text and "Council register" not in text
    services.set_consent(city, partner, True, editor)
    assert len(_sheet(client, partner_user, signed_2_0)) == 3
