"""Hostile workbooks: refused with a message, within the import limits' time and memory.

The files are the blank official workbook with one part changed (sheet3.xml is the Results
sheet, sheet4.xml is E01, sheet5.xml is E02), small enough for CI but past limits lowered for
the test; `make hostile-uploads` measures the full-size ones (a 1 GiB zip bomb, a million
cells) against the server.
"""

import io
import tracemalloc
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from scorecard.models import ScorecardAssessment
from scorecard.workbook import WorkbookError, read_answers

from .package_forgery import declaring
from .scorecard_helpers import BLANK, numeric_rows, with_part

# The same on every database (see pyproject's markers): run once, on SQLite.
pytestmark = pytest.mark.once

E01 = "xl/worksheets/sheet4.xml"
E02 = "xl/worksheets/sheet5.xml"
RESULTS = "xl/worksheets/sheet3.xml"
MB = 1024 * 1024


def padded_after_sheet_data(spaces: int):
    def change(xml: bytes) -> bytes:
        return xml.replace(b"<sheetData>", b"<sheetData>" + b" " * spaces, 1)

    return change


def rows_appended(cells: int):
    def change(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", numeric_rows(cells) + b"</sheetData>", 1)

    return change


def _upload(client, user, city, data: bytes):
    client.force_login(user)
    upload = io.BytesIO(data)
    upload.name = "hostile.xlsm"
    return client.post(reverse("scorecard:import", args=[city.slug]), {"workbook": upload})


def _refused_everywhere(client, editor, city, tmp_path, data: bytes, message: str):
    """The upload page answers 400 with the message, the command fails with it, nothing is
    written."""
    response = _upload(client, editor, city, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    path = tmp_path / "hostile.xlsm"
    path.write_bytes(data)
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        call_command("import_scorecard", city.slug, str(path), stdout=io.StringIO())
    assert not ScorecardAssessment.objects.exists()


def _peak_of_refusal(data: bytes, message: str) -> int:
    """The most memory Python held while refusing `data` with `message`, in bytes."""
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookError, match=message):
            read_answers(data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_zip_bomb_in_a_sheet_is_refused_without_unpacking_it(
    client, catalogue, city, editor, tmp_path, settings
):
    settings.IMPORT_MAX_PART_BYTES = 1_000_000
    bomb = with_part(BLANK.read_bytes(), E01, padded_after_sheet_data(64 * MB))
    assert len(bomb) < MB  # 64 MB of spaces pack into a few dozen kilobytes
    _refused_everywhere(
        client, editor, city, tmp_path, bomb, "the part xl/worksheets/sheet4.xml unpacks to more"
    )
    assert _peak_of_refusal(bomb, "unpacks to more than") < 8 * MB


def test_a_part_that_understates_its_size_is_cut_off_at_the_limit(catalogue, settings):
    settings.IMPORT_MAX_PART_BYTES = 1_000_000
    honest = with_part(BLANK.read_bytes(), E01, padded_after_sheet_data(64 * MB))
    lying = declaring(honest, E01, 100_000)  # says 0.1 MB, holds 64 MB
    assert _peak_of_refusal(lying, "sheet4.xml cannot be unpacked") < 8 * MB


def test_a_part_that_overstates_its_size_is_refused_before_reading(catalogue, settings):
    settings.IMPORT_MAX_PART_BYTES = 1_000_000
    lying = declaring(BLANK.read_bytes(), E01, 2**31)
    with pytest.raises(WorkbookError, match="sheet4.xml unpacks to more than 1 MB"):
        read_answers(lying)


def test_a_huge_sheet_that_is_read_is_refused_by_the_cell_count(
    client, catalogue, city, editor, tmp_path, settings
):
    settings.IMPORT_MAX_ELEMENTS = 20_000  # the blank's parts read hold 9,136
    huge = with_part(BLANK.read_bytes(), E02, rows_appended(30_000))
    _refused_everywhere(
        client, editor, city, tmp_path, huge, "more than 20,000 cells and other XML elements"
    )


def test_a_stylesheet_of_a_hundred_thousand_styles_is_refused_before_openpyxl_reads_it(
    client, catalogue, city, editor, tmp_path
):
    """openpyxl takes ~50 µs a style: 100,000 of them held a worker for seconds."""
    style = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'

    def change(xml: bytes) -> bytes:
        return xml.replace(b"</cellXfs>", style * 100_000 + b"</cellXfs>", 1)

    data = with_part(BLANK.read_bytes(), "xl/styles.xml", change)
    _refused_everywhere(
        client, editor, city, tmp_path, data, "more than 50,000 cells and other XML elements"
    )


def test_a_cell_openpyxl_cannot_read_is_refused_not_a_500(
    client, catalogue, city, editor, tmp_path
):
    def change(xml: bytes) -> bytes:
        return xml.replace(b'<c r="E7" s="39"/>', b'<c r="E7" s="39" t="n"><v>abc</v></c>', 1)

    data = with_part(BLANK.read_bytes(), E01, change)
    _refused_everywhere(client, editor, city, tmp_path, data, "not a readable Excel workbook")


def test_a_sheet_named_in_the_workbook_but_missing_from_the_package_is_refused(
    client, catalogue, city, editor, tmp_path
):
    source = zipfile.ZipFile(io.BytesIO(BLANK.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in source.infolist():
            if item.filename != E02:
                dest.writestr(item, source.read(item.filename))
    message = "the sheet E02 is missing from the package"
    _refused_everywhere(client, editor, city, tmp_path, out.getvalue(), message)


def test_parts_the_app_does_not_read_are_never_unpacked(client, catalogue, city, editor, settings):
    """A huge Results sheet and a padding part past every limit: the file still imports."""
    settings.IMPORT_MAX_PART_BYTES = 1_000_000
    settings.IMPORT_MAX_ELEMENTS = 20_000
    padded = with_part(BLANK.read_bytes(), RESULTS, rows_appended(50_000))
    padded = with_part(padded, "xl/media/padding.bin", lambda _: b"\0" * 16 * MB)
    response = _upload(client, editor, city, padded)
    assert response.status_code == 200
    assert "Changes from the workbook" in response.content.decode()


def test_a_package_of_too_many_parts_is_refused(
    client, catalogue, city, editor, tmp_path, settings
):
    settings.IMPORT_MAX_PARTS = 400  # the blank has 385
    crowded = BLANK.read_bytes()
    for n in range(20):
        crowded = with_part(crowded, f"customXml/extra{n}.xml", lambda _: b"<x/>")
    _refused_everywhere(client, editor, city, tmp_path, crowded, "more than 400 parts")


def test_a_document_type_declaration_is_refused(client, catalogue, city, editor, tmp_path):
    laughs = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'

    def change(xml: bytes) -> bytes:
        return laughs + xml[xml.index(b"?>") + 2 :]

    data = with_part(BLANK.read_bytes(), E01, change)
    _refused_everywhere(client, editor, city, tmp_path, data, "declares a document type")


def test_reading_stops_at_the_deadline(client, catalogue, city, editor, tmp_path, settings):
    settings.IMPORT_MAX_SECONDS = 0
    _refused_everywhere(
        client, editor, city, tmp_path, BLANK.read_bytes(), "took longer than 0 seconds"
    )


def test_an_upload_over_20_mb_is_refused(client, catalogue, city, editor):
    response = _upload(client, editor, city, b"PK" + b"\0" * (20 * MB + 1))
    assert response.status_code == 400
    assert "The file is larger than 20 MB." in response.content.decode()


def test_the_command_refuses_a_file_over_20_mb_without_reading_it(catalogue, city, tmp_path):
    path = tmp_path / "big.xlsm"
    with path.open("wb") as f:
        f.truncate(20 * MB + 1)  # sparse: no 20 MB written
    with pytest.raises(CommandError, match="file: larger than 20 MB"):
        call_command("import_scorecard", city.slug, str(path), stdout=io.StringIO())
