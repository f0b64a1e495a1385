"""The official Scorecard workbook in and out: import, export, round trip, refusals.

The filled copies are made from the committed blank workbook (fixtures/), with openpyxl, as
another program would save them: without form controls, drawings or cached results.
"""

import io
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from scorecard import services
from scorecard.models import ScorecardAnswer, ScorecardAssessment
from scorecard.scoring import totals_of
from scorecard.workbook import AnswerRow, WorkbookError, all_refs, cells, read_answers
from scorecard.workbook_writer import full_calc_on_load, set_cells, write_workbook

from .scorecard_helpers import BLANK, filled_copy

# The same on every database (see pyproject's markers): run once, on SQLite.
pytestmark = pytest.mark.once

# A linked value 1–4 (score 3–0) or None for a third of the questions, texts on some.
ANSWERS = {
    ref: (
        None if i % 3 == 2 else (i % 4) + 1,
        f"Evidence for {ref}: “plan” & <annex>" if i % 2 == 0 else None,
        f"Do more on {ref}\nsecond line" if i % 5 == 0 else None,
        "City DRR office" if i % 4 == 1 else None,
        "2027" if i % 7 == 0 else None,
    )
    for i, (ref, _sheet, _row) in enumerate(all_refs())
}


def results_sheet_totals(path_or_bytes) -> dict[int, int]:
    """The Results sheet's rule, re-implemented: IF(G="",0,IF(G=0,0,4-G)) per linked cell."""
    book = openpyxl.load_workbook(io.BytesIO(path_or_bytes))
    result: dict[int, int] = {}
    for ref, sheet, head in all_refs():
        g = book[sheet][cells(head)["linked"]].value
        score = 0 if g in (None, "") or g == 0 else 4 - int(g)
        essential = int(ref[1:].split(".")[0])
        result[essential] = result.get(essential, 0) + score
    return result


@pytest.fixture
def filled(tmp_path):
    return filled_copy(ANSWERS, tmp_path / "filled.xlsm")


def _import(city, path, *args):
    out = io.StringIO()
    call_command("import_scorecard", city.slug, str(path), *args, stdout=out)
    last = out.getvalue().strip().splitlines()[-1]
    return ScorecardAssessment.objects.get(pk=int(last.split()[-1]))


def test_a_filled_copy_imports_every_score_blank_and_text(catalogue, city, filled, tmp_path):
    scorecard = _import(city, tmp_path / "filled.xlsm")
    answers = {a.question.ref: a for a in scorecard.answers.select_related("question")}
    assert len(answers) == 47
    for ref, (linked, verification, actions, institution, timescale) in ANSWERS.items():
        a = answers[ref]
        assert a.score == (None if linked is None else 4 - linked), ref
        assert (a.verification, a.actions, a.institution, a.timescale) == (
            verification or "",
            actions or "",
            institution or "",
            timescale or "",
        ), ref
    expected = results_sheet_totals(filled)
    assert {e.number: e.score for e in totals_of(scorecard).essentials} == expected
    assert ScorecardAnswer.objects.filter(scorecard=scorecard, score__isnull=True).count() == 15


def test_export_then_import_round_trips(catalogue, city, editor, filled, tmp_path):
    first = _import(city, tmp_path / "filled.xlsm")
    out = tmp_path / "export.xlsm"
    call_command("export_scorecard", str(first.pk), "-o", str(out), stdout=io.StringIO())
    first = services.submit(first, editor)
    second = _import(city, out, "--replace")
    assert second.pk != first.pk
    fields = ("question__ref", "score", "verification", "actions", "institution", "timescale")
    assert list(second.answers.values_list(*fields)) == list(first.answers.values_list(*fields))


def test_the_export_keeps_every_part_of_the_package(catalogue, city, filled, tmp_path):
    scorecard = _import(city, tmp_path / "filled.xlsm")
    data = write_workbook(BLANK.read_bytes(), services.answer_rows(scorecard))
    original = zipfile.ZipFile(BLANK)
    exported = zipfile.ZipFile(io.BytesIO(data))
    assert exported.namelist() == original.namelist()
    changed = {n for n in original.namelist() if original.read(n) != exported.read(n)}
    # Only the ten E-sheets' XML and the workbook part's calcPr change: macros, form controls,
    # drawings, charts are intact.
    assert changed == {f"xl/worksheets/sheet{n}.xml" for n in range(4, 14)} | {"xl/workbook.xml"}
    assert "xl/vbaProject.bin" in exported.namelist()
    before = original.read("xl/workbook.xml").decode()
    after = exported.read("xl/workbook.xml").decode()
    assert '<calcPr calcId="191029"/>' in before
    assert after == before.replace(
        '<calcPr calcId="191029"/>', '<calcPr calcId="191029" fullCalcOnLoad="1"/>'
    )


MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _calc_pr(package: bytes) -> dict[str, str]:
    book = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(package)).read("xl/workbook.xml"))
    (calc_pr,) = book.findall(f"{MAIN}calcPr")
    return dict(calc_pr.attrib)


def test_the_exported_workbook_makes_excel_recalculate_on_open(
    client, catalogue, city, editor, tmp_path
):
    scorecard = services.start_scorecard(city, user=editor)
    answer = scorecard.answers.select_related("question").get(question__ref="P1.1")
    services.save_answer(answer, editor, score=3)
    # The blank's cached Results are zeros: without the flag Excel would show them.
    assert "fullCalcOnLoad" not in _calc_pr(BLANK.read_bytes())
    out = tmp_path / "export.xlsm"
    call_command("export_scorecard", str(scorecard.pk), "-o", str(out), stdout=io.StringIO())
    assert _calc_pr(out.read_bytes()) == {"calcId": "191029", "fullCalcOnLoad": "1"}
    client.force_login(editor)
    response = client.get(reverse("scorecard:export", args=[city.slug, scorecard.pk]))
    assert _calc_pr(response.content) == {"calcId": "191029", "fullCalcOnLoad": "1"}
    # Exporting an export does not repeat the attribute (the XML stays well-formed).
    again = write_workbook(response.content, services.answer_rows(scorecard))
    assert _calc_pr(again) == {"calcId": "191029", "fullCalcOnLoad": "1"}


@pytest.mark.parametrize(
    "xml,expected",
    [
        (
            '<workbook><sheets/><calcPr calcId="1" fullCalcOnLoad="0" /></workbook>',
            '<workbook><sheets/><calcPr calcId="1" fullCalcOnLoad="1" /></workbook>',
        ),
        (
            "<workbook><sheets/><definedNames/><extLst/></workbook>",
            '<workbook><sheets/><definedNames/><calcPr fullCalcOnLoad="1"/><extLst/></workbook>',
        ),
        (
            "<workbook><sheets/></workbook>",
            '<workbook><sheets/><calcPr fullCalcOnLoad="1"/></workbook>',
        ),
        (
            '<x:workbook><x:calcPr calcId="2"></x:calcPr></x:workbook>',
            '<x:workbook><x:calcPr calcId="2" fullCalcOnLoad="1"></x:calcPr></x:workbook>',
        ),
        (
            "<x:workbook><x:sheets/><x:extLst/></x:workbook>",
            '<x:workbook><x:sheets/><x:calcPr fullCalcOnLoad="1"/><x:extLst/></x:workbook>',
        ),
        (
            "<x:workbook><x:sheets/></x:workbook>",
            '<x:workbook><x:sheets/><x:calcPr fullCalcOnLoad="1"/></x:workbook>',
        ),
    ],
)
def test_recalculation_flag_whatever_the_workbook_part_holds(xml, expected):
    assert full_calc_on_load(xml) == expected


def test_texts_are_written_verbatim_as_string_cells(catalogue, city, editor, tmp_path):
    scorecard = services.start_scorecard(city, user=editor)
    answer = scorecard.answers.select_related("question").get(question__ref="P3.2")
    services.save_answer(answer, editor, score=0, verification="=1+1", timescale="0042")
    data = write_workbook(BLANK.read_bytes(), services.answer_rows(scorecard))
    rows, _info = read_answers(data)
    row = next(r for r in rows if r.ref == "P3.2")
    assert (row.score, row.verification, row.timescale) == (0, "=1+1", "0042")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["E03"]
    assert sheet["C18"].data_type == "s" and sheet["C18"].value == "=1+1"


def test_a_text_s_windows_line_breaks_come_back_as_typed(catalogue, city, editor):
    """A bare carriage return would be read back as a plain line break: it is written as a
    character reference."""
    scorecard = services.start_scorecard(city, user=editor)
    answer = scorecard.answers.select_related("question").get(question__ref="P3.2")
    services.save_answer(answer, editor, score=1, actions="First step\r\nSecond step")
    rows, _info = read_answers(write_workbook(BLANK.read_bytes(), services.answer_rows(scorecard)))
    assert next(r for r in rows if r.ref == "P3.2").actions == "First step\r\nSecond step"


def test_a_blank_in_the_file_keeps_a_saved_answer_unless_replace(catalogue, city, editor, tmp_path):
    draft = services.start_scorecard(city, user=editor)
    saved = draft.answers.select_related("question").get(question__ref="P1.3")  # blank in file
    services.save_answer(saved, editor, score=1, institution="Kept")
    assert ANSWERS["P1.3"][0] is None
    filled_copy(ANSWERS, tmp_path / "filled.xlsm")
    assert _import(city, tmp_path / "filled.xlsm").pk == draft.pk
    saved.refresh_from_db()
    assert (saved.score, saved.institution) == (1, "Kept")
    _import(city, tmp_path / "filled.xlsm", "--replace")
    saved.refresh_from_db()
    assert (saved.score, saved.institution) == (None, "")


def _bad_copy(case: str) -> tuple[bytes, str]:
    """A bad file of the named kind, and the words its refusal must contain."""
    if case == "not a workbook":
        return b"%PDF-1.4 not a workbook", "file: not an Excel workbook"
    if case == "another workbook":
        other = openpyxl.Workbook()
        other.active.title = "Budget"
        out = io.BytesIO()
        other.save(out)
        return out.getvalue(), "(no sheet Info)"
    if case == "linked cell outside 1-4":
        data = filled_copy({"P2.3": (5, None, None, None, None)})
        return data, "E02!E29: the answer of P2.3 must be 1, 2"
    book = openpyxl.load_workbook(BLANK, keep_vba=True)
    book["E01"]["B14"] = "Something else"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), "E01!B14: expected the header of question P1.2"


@pytest.mark.parametrize(
    "case", ["not a workbook", "another workbook", "linked cell outside 1-4", "unknown layout"]
)
def test_a_bad_file_is_refused_naming_sheet_and_cell_and_nothing_is_written(
    catalogue, city, editor, tmp_path, case
):
    draft = services.start_scorecard(city, user=editor)
    data, message = _bad_copy(case)
    path = tmp_path / "bad.xlsm"
    path.write_bytes(data)
    before = list(ScorecardAnswer.objects.values_list("pk", "score", "revision"))
    with pytest.raises(CommandError) as error:
        call_command("import_scorecard", city.slug, str(path), stdout=io.StringIO())
    assert message in str(error.value)
    with pytest.raises(WorkbookError):
        read_answers(data)
    assert list(ScorecardAnswer.objects.values_list("pk", "score", "revision")) == before
    assert list(ScorecardAssessment.objects.values_list("pk", flat=True)) == [draft.pk]
    assert draft.audit_entries.count() == 1


def test_upload_shows_the_changes_then_applies_them(client, catalogue, city, editor, filled):
    client.force_login(editor)
    url = reverse("scorecard:import", args=[city.slug])
    upload = io.BytesIO(filled)
    upload.name = "filled.xlsm"
    preview = client.post(url, {"workbook": upload})
    assert preview.status_code == 200
    assert not ScorecardAssessment.objects.exists(), "nothing is written before confirming"
    body = preview.content.decode()
    assert "Apply these changes" in body and "P1.1" in body
    confirm = preview.context["confirm"]
    response = client.post(url, {"confirm": confirm})
    scorecard = ScorecardAssessment.objects.get()
    assert response.status_code == 302
    assert totals_of(scorecard).score == sum(results_sheet_totals(filled).values())


def test_upload_of_a_bad_file_shows_the_sheet_and_cell(client, catalogue, city, editor, tmp_path):
    client.force_login(editor)
    data, message = _bad_copy("linked cell outside 1-4")
    upload = io.BytesIO(data)
    upload.name = "bad.xlsm"
    response = client.post(reverse("scorecard:import", args=[city.slug]), {"workbook": upload})
    assert response.status_code == 400 and message in response.content.decode()
    assert not ScorecardAssessment.objects.exists()


def test_the_download_is_the_official_workbook_with_the_answers(client, catalogue, city, editor):
    scorecard = services.start_scorecard(city, user=editor)
    answer = scorecard.answers.select_related("question").get(question__ref="P9.7")
    services.save_answer(answer, editor, score=2)
    client.force_login(editor)
    response = client.get(reverse("scorecard:export", args=[city.slug, scorecard.pk]))
    rows, _info = read_answers(response.content)
    assert next(r for r in rows if r.ref == "P9.7").score == 2
    assert "vbaProject.bin" in " ".join(zipfile.ZipFile(io.BytesIO(response.content)).namelist())


def test_the_downloaded_workbook_keeps_its_answer_cells_editable(client, catalogue, city, editor):
    """The official sheets are protected; only the answer cells are unlocked, by their style.
    A cell written without its style is locked: Excel then refuses every answer."""
    scorecard = services.start_scorecard(city, user=editor)
    answer = scorecard.answers.select_related("question").get(question__ref="P1.1")
    services.save_answer(answer, editor, score=3, verification="Council minutes")
    client.force_login(editor)
    response = client.get(reverse("scorecard:export", args=[city.slug, scorecard.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    locked = []
    for ref, sheet, head in all_refs():
        ws = book[sheet]
        assert ws.protection.sheet, f"{sheet} is protected in the official workbook"
        locked += [f"{sheet}!{c} ({ref})" for c in cells(head).values() if ws[c].protection.locked]
    for coord in ("C10", "D10", "D33", "D34", "D35", "D36", "B40"):  # the Info sheet's answers
        if book["Info"][coord].protection.locked:
            locked.append(f"Info!{coord}")
    assert locked == []
    assert book["E01"]["E7"].value == 1  # P1.1 answered with the first option: a score of 3


ROW = '<row r="5" spans="1:3">{}</row>'


@pytest.mark.parametrize(
    "cells_before,values,cells_after",
    [
        # Excel reads a row's cells in column order only: a new one goes in its place.
        (
            '<c r="A5"/><c r="C5" s="4"/>',
            {"B5": 7},
            '<c r="A5"/><c r="B5"><v>7</v></c><c r="C5" s="4"/>',
        ),
        ('<c r="A5"/>', {"C5": 1}, '<c r="A5"/><c r="C5"><v>1</v></c>'),
        ('<c r="A5"/><c r="AA5"/>', {"Z5": 2}, '<c r="A5"/><c r="Z5"><v>2</v></c><c r="AA5"/>'),
        (
            '<c r="A5"/><c r="C5"/>',
            {"AB5": 3, "B5": 4},
            '<c r="A5"/><c r="B5"><v>4</v></c><c r="C5"/><c r="AB5"><v>3</v></c>',
        ),
        # A blank for a cell the sheet does not hold writes nothing.
        ('<c r="A5"/>', {"B5": None, "C5": ""}, '<c r="A5"/>'),
        ('<c r="A5"/>', {"B5": None, "C5": 5}, '<c r="A5"/><c r="C5"><v>5</v></c>'),
        # A cell the sheet holds keeps its style, or has none.
        (
            '<c r="A5"><v>1</v></c><c r="C5" s="4"><v>2</v></c>',
            {"A5": 9, "C5": None},
            '<c r="A5"><v>9</v></c><c r="C5" s="4"/>',
        ),
    ],
)  # fmt: skip
def test_a_cell_the_sheet_lacks_is_written_in_column_order(cells_before, values, cells_after):
    sheet = f"<sheetData>{ROW.format(cells_before)}</sheetData>"
    assert set_cells(sheet, values) == f"<sheetData>{ROW.format(cells_after)}</sheetData>"


def test_a_cell_is_written_into_an_empty_row():
    sheet = '<sheetData><row r="4"/><row r="5"/></sheetData>'
    assert set_cells(sheet, {"B5": "x"}) == (
        '<sheetData><row r="4"/><row r="5"><c r="B5" t="inlineStr"><is>'
        '<t xml:space="preserve">x</t></is></c></row></sheetData>'
    )


def test_a_cell_in_a_row_the_sheet_lacks_is_refused():
    with pytest.raises(WorkbookError, match="row 9 is missing in the sheet; cannot write B9"):
        set_cells('<sheetData><row r="5"/></sheetData>', {"B9": 1})


INFO = {
    "C10": "Lord Provost",
    "D10": "2024",
    "C11": "635,000",
    "D11": "2022 census",
    "C30": "41,000",
    "D33": "Ada Lead",
    "D34": "City DRR office",
    "D35": "ada@glasgow.test",
    "D36": "Yes",
    "B40": "Fire service; port authority",
}


def test_the_download_keeps_the_city_s_info_sheet(client, catalogue, city, editor, tmp_path):
    """The profile, the team and the stakeholders typed on the Info sheet come back in the
    workbook the city downloads."""
    book = openpyxl.load_workbook(BLANK, keep_vba=True)
    for coord, value in INFO.items():
        book["Info"][coord] = value
    book.save(tmp_path / "info.xlsm")
    scorecard = _import(city, tmp_path / "info.xlsm")
    client.force_login(editor)
    response = client.get(reverse("scorecard:export", args=[city.slug, scorecard.pk]))
    info = openpyxl.load_workbook(io.BytesIO(response.content))["Info"]
    assert {coord: info[coord].value for coord in INFO} == INFO
    assert info["C12"].value is None  # not given: still blank


def test_an_answer_missing_from_the_list_leaves_its_cells_and_the_rest_are_written():
    rows = [AnswerRow("P10.2", 2, verification="Minutes")]  # the workbook's last question
    written, _info = read_answers(write_workbook(BLANK.read_bytes(), rows))
    answered = {r.ref: (r.score, r.verification) for r in written if r.score is not None}
    assert answered == {"P10.2": (2, "Minutes")}
