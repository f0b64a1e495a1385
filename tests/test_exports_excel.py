"""Exports people open in Excel: a CSV Excel reads as UTF-8, dates that are dates, the
assessment with a summary sheet and its evidence files, and a work plan by subdimension."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from rendering.sheets import csv_chunks, to_csv

OWNER = "Área de Protección Civil"  # free text, responsible for L1M1
FILE = "acta-pleno-2026.pdf"  # evidence of L1S1


@pytest.fixture
def worked(assessment, viewer, settings, tmp_path):
    """L1's Starting actions done (L1S1 with a file), L1M1 owned by a department and L1M2 by
    the viewer (Victor Viewer), both with a target date."""
    settings.MEDIA_ROOT = tmp_path
    assessment.records.filter(action__code__in=["L1S1", "L1S2"]).update(status="done")
    assessment.records.filter(action__code="L1M1").update(
        responsible=OWNER, target_date=date(2027, 3, 31)
    )
    assessment.records.filter(action__code="L1M2").update(
        responsible_member=viewer, target_date=date(2026, 12, 15)
    )
    record = assessment.records.select_related("action").get(action__code="L1S1")
    record.assessment = assessment
    upload = SimpleUploadedFile(FILE, b"%PDF-1.4 acta", content_type="application/pdf")
    services.add_file(record, upload, "application/pdf", assessment.created_by)
    return assessment


def _book(client, user, assessment):
    client.force_login(user)
    response = client.get(reverse("reports:xlsx", args=["glasgow", assessment.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_work_plan_csv_starts_with_a_byte_order_mark(client, worked, editor):
    """Catches a CSV Excel on Windows opens as the local code page ("Ã\x81rea de …")."""
    client.force_login(editor)
    response = client.get(reverse("reports:workplan", args=["glasgow", worked.pk, "csv"]))
    assert response.content[:3] == b"\xef\xbb\xbf"
    assert response.content.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Priority"
    assert OWNER in [r[7] for r in rows]


def test_every_csv_written_by_the_sheets_module_has_the_mark():
    """Catches the mark added by one view only: the writer puts it first, streamed or not."""
    text = to_csv(["City"], [["Donostia/San Sebastián"]])
    assert text == "\ufeffCity\r\nDonostia/San Sebastián\r\n"
    assert "".join(csv_chunks(["City"], [])) == "\ufeffCity\r\n"


def test_xlsx_target_dates_are_date_cells(client, worked, editor):
    """Catches dates written as text, which Excel neither sorts nor filters as dates."""
    sheet = _book(client, editor, worked)["Assessment"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "L1M1")
    cell = row[header.index("Target date")]
    assert cell.is_date and cell.value.date() == date(2027, 3, 31)


def test_assessment_xlsx_has_a_summary_sheet_in_words(client, worked, editor):
    """Catches a summary with level numbers, or without the dimensions."""
    book = _book(client, editor, worked)
    assert book.sheetnames == ["Assessment", "Summary", "Scorecard", "Indicators"]
    rows = _rows(book["Summary"])
    assert rows[0] == ("Level", "Code", "Name", "Stage reached", "Working on", "Actions done",
                       "Not applicable", "Actions")  # fmt: skip
    by_code = {r[1]: r for r in rows[1:]}
    assert rows[1][:5] == ("Overall", None, "Glasgow", "Working on Starting",
                           "Starting: 2 of 18 done")  # fmt: skip
    assert by_code["L"][:5] == ("Dimension", "L", "Leadership & Governance",
                                "Working on Starting", "Starting: 2 of 4 done")  # fmt: skip
    assert by_code["L1"][3:] == ("Starting reached", "Moderate: 0 of 4 done", 2, 0, 10)
    # L2 has no Starting action, so it has reached Starting with nothing done.
    assert by_code["L2"][3:5] == ("Starting reached", "Moderate: 0 of 1 done")
    assert len(rows) == 1 + 1 + 4 + 10


def test_members_see_evidence_files_and_owners_in_the_xlsx(client, worked, viewer):
    sheet = _book(client, viewer, worked)["Assessment"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: r for r in _rows(sheet)[1:]}
    assert rows["L1S1"][header.index("Evidence files")] == FILE
    assert rows["L1M1"][header.index("Responsible")] == OWNER
    assert rows["L1M2"][header.index("Responsible")] == "Victor Viewer"


@pytest.fixture
def shared(worked, partner, editor):
    submitted = services.submit(worked, editor)
    services.share(submitted, partner, editor)
    return submitted


def test_partner_without_private_parts_gets_no_file_or_owner(client, shared, partner_user):
    """Catches spreadsheets that leak file names or people's names the city did not share."""
    sheet = _book(client, partner_user, shared)["Assessment"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: r for r in _rows(sheet)[1:]}
    assert rows["L1S1"][header.index("Evidence files")] is None
    assert rows["L1M1"][header.index("Responsible")] is None
    assert rows["L1M2"][header.index("Responsible")] is None
    assert rows["L1M1"][header.index("Target date")].date() == date(2027, 3, 31)  # shared
    plan = client.get(reverse("reports:workplan", args=["glasgow", shared.pk, "csv"]))
    text = plan.content.decode("utf-8-sig")
    assert OWNER not in text and "Victor Viewer" not in text and "2027-03-31" in text


def test_partner_with_private_parts_gets_files_and_owners(client, shared, partner, editor,
                                                         partner_user):  # fmt: skip
    services.share(shared, partner, editor, include_private=True)
    sheet = _book(client, partner_user, shared)["Assessment"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: r for r in _rows(sheet)[1:]}
    assert rows["L1S1"][header.index("Evidence files")] == FILE
    assert rows["L1M2"][header.index("Responsible")] == "Victor Viewer"


def test_outsider_gets_404_for_the_spreadsheets(client, worked, outsider):
    client.force_login(outsider)
    for url in (
        reverse("reports:xlsx", args=["glasgow", worked.pk]),
        reverse("reports:workplan", args=["glasgow", worked.pk, "csv"]),
    ):
        assert client.get(url).status_code == 404


def test_work_plan_groups_by_subdimension_next_stage_first(client, worked, editor):
    """Catches a "Needed for" that repeats each action's own stage, or the groups mixed up."""
    client.force_login(editor)
    response = client.get(reverse("reports:workplan", args=["glasgow", worked.pk, "xlsx"]))
    rows = _rows(load_workbook(io.BytesIO(response.content)).active)
    assert rows[0][1] == "Code" and rows[0][5] == "Needed for"
    l1 = [(r[1], r[5]) for r in rows[1:] if r[2].startswith("L1 ")]
    assert l1 == [
        ("L1M1", "needed for Moderate"), ("L1M2", "needed for Moderate"),
        ("L1M3", "needed for Moderate"), ("L1M4", "needed for Moderate"),
        ("L1A1", "later (Advanced)"), ("L1A2", "later (Advanced)"),
        ("L1R1", "later (Robust)"), ("L1T1", "later (Vertebrate)"),
    ]  # fmt: skip
    # Grouped: every L1 row comes before L2's, whose only Moderate action is needed first.
    codes = [r[1] for r in rows[1:]]
    assert codes[:8] == [c for c, _ in l1] and codes[8:10] == ["L2M1", "L2A1"]
    assert rows[9][5] == "needed for Moderate" and rows[10][5] == "later (Advanced)"
    # L3 has not reached Starting: its Starting action is needed for Starting.
    assert (codes[12], rows[13][5]) == ("L3S1", "needed for Starting")
    assert [r[0] for r in rows[1:]] == list(range(1, 89))
