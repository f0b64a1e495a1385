"""The official UNDRR preliminary Scorecard workbook (.xlsm), read and written.

Layout (sheets E01–E10): under each header cell in column B ("P1.1 - Plan making", rows 3,
14, 25, … in steps of 11) the answer's linked cell is column E at the header row + 4 (1, 2,
3, 4 mean scores 3, 2, 1, 0; empty means unanswered), means of verification at C(row + 4),
actions to achieve maximum resilience at B(row + 9), responsible institution at C(row + 9),
timescale at D(row + 9). The question texts, UNDRR's comments and the answers' labels are
text boxes in the sheet's drawing, not cells.

Reading answers uses openpyxl and recognises the workbook by its sheet names and header
cells only, so a copy re-saved without its form controls still imports. An upload is read
through `rendering.package_reader`, which unpacks only the parts read here (Info, E01–E10
and what openpyxl needs for their values) within the import limits. Writing is
`workbook_writer.py`.
"""

from __future__ import annotations

import posixpath
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from rendering.package_reader import Package, PackageRefused, part_path

QUESTIONS_PER_ESSENTIAL = [3, 5, 4, 4, 3, 6, 4, 9, 7, 2]
FIRST_HEADER_ROW = 3
BLOCK_ROWS = 11
ESSENTIAL_SHEETS = [f"E{n:02d}" for n in range(1, 11)]
TEXT_FIELDS = ("verification", "actions", "institution", "timescale")
TEXT_LIMIT = 5000

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


class WorkbookError(ValueError):
    """The file is not a usable Scorecard workbook; the message names the sheet and cell."""


def header_rows(essential: int) -> list[int]:
    count = QUESTIONS_PER_ESSENTIAL[essential - 1]
    return [FIRST_HEADER_ROW + BLOCK_ROWS * i for i in range(count)]


def cells(header_row: int) -> dict[str, str]:
    """The cells of one question block, by field."""
    return {
        "linked": f"E{header_row + 4}",
        "verification": f"C{header_row + 4}",
        "actions": f"B{header_row + 9}",
        "institution": f"C{header_row + 9}",
        "timescale": f"D{header_row + 9}",
    }


def all_refs() -> list[tuple[str, str, int]]:
    """(question id, sheet name, header row) for the 47 questions, in order."""
    return [
        (f"P{e}.{i + 1}", ESSENTIAL_SHEETS[e - 1], row)
        for e in range(1, 11)
        for i, row in enumerate(header_rows(e))
    ]


# ---------------------------------------------------------------------------------------------
# Questions (from the drawings)


@dataclass
class QuestionText:
    ref: str
    essential: int
    topic: str
    text: str
    comment: str = ""
    descriptors: dict[int, str] = field(default_factory=dict)


WORKBOOK_PART = "xl/workbook.xml"


def _drawing_of(package: Package, sheet_part: str) -> str | None:
    folder, name = posixpath.split(sheet_part)
    rels_path = f"{folder}/_rels/{name}.rels"
    if rels_path not in package:
        return None
    rels = ET.fromstring(package.read_xml(rels_path))
    for r in rels.findall("rel:Relationship", NS):
        if r.get("Type", "").endswith("/drawing"):
            return part_path(folder, r.get("Target"))
    return None


def _shape_text(shape: ET.Element) -> str:
    paragraphs = []
    for p in shape.iter(f"{{{NS['a']}}}p"):
        paragraphs.append("".join(t.text or "" for t in p.iter(f"{{{NS['a']}}}t")))
    while paragraphs and not paragraphs[-1].strip():
        paragraphs.pop()
    return "\n".join(paragraphs).strip()


DESCRIPTOR = re.compile(r"^\s*([0-3])\s*[–-]\s*")


def read_questions(data: bytes) -> list[QuestionText]:
    """The 47 questions with their texts, comments and descriptors, from the drawings."""
    with _within_limits():
        package = Package(data)
        parts = package.sheet_parts()
        book = _essential_sheets(package)
        drawings = {
            sheet: ET.fromstring(package.read_xml(_drawing_of(package, parts[sheet])))
            for sheet in ESSENTIAL_SHEETS
        }
    questions = []
    for e, sheet in enumerate(ESSENTIAL_SHEETS, start=1):
        ws = book[sheet]
        root = drawings[sheet]
        anchors = []
        kinds = {f"{{{NS['xdr']}}}twoCellAnchor", f"{{{NS['xdr']}}}oneCellAnchor"}
        # Form controls sit inside mc:AlternateContent, so anchors are looked for at any depth.
        for anchor in (el for el in root.iter() if el.tag in kinds):
            start = anchor.find("xdr:from", NS)
            if start is None:
                continue
            col = int(start.find("xdr:col", NS).text)
            row = int(start.find("xdr:row", NS).text) + 1  # 1-based
            anchors.append((col, row, _shape_text(anchor)))
        for i, head in enumerate(header_rows(e)):
            ref, topic = _header(ws, sheet, head, e, i + 1)
            block = [(c, r, t) for c, r, t in anchors if head < r < head + BLOCK_ROWS and t]
            text = next((t for c, r, t in block if c == 0 and not DESCRIPTOR.match(t)), "")
            comment = next((t for c, r, t in block if c == 2), "")
            descriptors = {}
            for _c, _r, t in block:
                m = DESCRIPTOR.match(t)
                if m and _c == 1:
                    descriptors[int(m.group(1))] = t
            questions.append(QuestionText(ref, e, topic, text, comment, descriptors))
    return questions


# ---------------------------------------------------------------------------------------------
# Answers (cells, with openpyxl)


@dataclass
class AnswerRow:
    ref: str
    score: int | None  # 0–3, None when unanswered
    verification: str = ""
    actions: str = ""
    institution: str = ""
    timescale: str = ""
    # The answer's linked cell held FALSE: a spreadsheet program reset the option buttons
    # (LibreOffice does so on load for some groups), not a person clearing the answer.
    cleared: bool = False


@dataclass
class InfoSheet:
    profile: list[dict] = field(default_factory=list)  # label, response, source_date
    team_lead: str = ""
    organisation: str = ""
    contact: str = ""
    willing_to_share: str = ""
    stakeholders: str = ""


PROFILE_ROWS = list(range(10, 23)) + list(range(25, 31))
LAST_COLUMN = 5  # E: the answers' linked cells


@contextmanager
def _within_limits():
    """An upload is read through `rendering.package_reader` within the import limits; its
    refusals reach the form and the command as this module's WorkbookError."""
    try:
        yield
    except PackageRefused as exc:
        raise WorkbookError(str(exc)) from exc


def _last_row(sheet: str) -> int:
    if sheet == "Info":
        return max(PROFILE_ROWS + [40])
    return header_rows(ESSENTIAL_SHEETS.index(sheet) + 1)[-1] + 9


def _essential_sheets(package: Package) -> dict[str, dict]:
    """Sheet name → {"B3": value, …} for Info and E01–E10: only the cells the app reads."""
    names = package.sheet_parts()
    missing = [s for s in ["Info", "Results", *ESSENTIAL_SHEETS] if s not in names]
    if missing:
        raise WorkbookError(
            f"file: not the UNDRR preliminary Scorecard workbook (no sheet {missing[0]})"
        )
    extents = {sheet: (_last_row(sheet), LAST_COLUMN) for sheet in ["Info", *ESSENTIAL_SHEETS]}
    values = package.sheet_values(extents)
    missing = [s for s in extents if s not in values]
    if missing:  # named in the workbook, but its part is not in the package
        raise WorkbookError(f"file: the sheet {missing[0]} is missing from the package")
    return values


def _header(ws: dict, sheet: str, row: int, essential: int, number: int) -> tuple[str, str]:
    value = ws.get(f"B{row}")
    ref = f"P{essential}.{number}"
    if not isinstance(value, str) or not value.strip().startswith(f"{ref} - "):
        raise WorkbookError(
            f"{sheet}!B{row}: expected the header of question {ref} "
            f'("{ref} - …"), found {value!r}: this sheet\'s layout is unknown'
        )
    return ref, value.strip()[len(ref) + 3 :].strip()


def _text_cell(ws: dict, sheet: str, coord: str) -> str:
    value = ws.get(coord)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if len(text) > TEXT_LIMIT:
        raise WorkbookError(f"{sheet}!{coord}: longer than {TEXT_LIMIT} characters")
    return text


def read_answers(data: bytes) -> tuple[list[AnswerRow], InfoSheet]:
    """Validate the whole workbook and return its 47 answers and its Info sheet."""
    with _within_limits():
        book = _essential_sheets(Package(data))
    rows = []
    for ref, sheet, head in all_refs():
        ws = book[sheet]
        e, n = (int(x) for x in ref[1:].split("."))
        _header(ws, sheet, head, e, n)
        where = cells(head)
        raw = ws.get(where["linked"])
        cleared = raw is False
        if raw is None or cleared or (isinstance(raw, str) and not raw.strip()):
            score = None
        elif raw is True:  # float(True) is 1: it must not read as the answer "score 3"
            raise WorkbookError(
                f"{sheet}!{where['linked']}: the answer of {ref} must be 1, 2, 3 or 4 "
                "(scores 3 to 0) or empty, found TRUE"
            )
        else:
            try:
                number = float(raw)
            except (TypeError, ValueError):
                number = None
            if number is None or not number.is_integer() or not 1 <= number <= 4:
                raise WorkbookError(
                    f"{sheet}!{where['linked']}: the answer of {ref} must be 1, 2, 3 or 4 "
                    f"(scores 3 to 0) or empty, found {raw!r}"
                )
            score = 4 - int(number)
        texts = {f: _text_cell(ws, sheet, where[f]) for f in TEXT_FIELDS}
        rows.append(AnswerRow(ref, score, **texts, cleared=cleared))
    return rows, _read_info(book["Info"])


def resolve_import(
    rows: list[AnswerRow], current: dict[str, AnswerRow], *, replace: bool, clear: set[str]
) -> list[AnswerRow]:
    """The rows as they are to be written, every blank meaning "clear" (import them with
    `replace=True`). A blank in the file keeps the `current` value unless `replace`; an answer
    a spreadsheet program cleared (FALSE) keeps the current score, whatever `replace` says,
    unless its question is in `clear` (the person chose to clear it)."""
    resolved = []
    for row in rows:
        now = current.get(row.ref)
        values = {}
        for name in ("score", *TEXT_FIELDS):
            new = getattr(row, name)
            if name == "score" and row.cleared:
                keep = row.ref not in clear
            else:
                keep = (new is None or new == "") and not replace
            values[name] = getattr(now, name) if keep and now is not None else new
        resolved.append(AnswerRow(row.ref, **values, cleared=row.cleared))
    return resolved


def _read_info(ws: dict) -> InfoSheet:
    info = InfoSheet()
    for row in PROFILE_ROWS:
        label = ws.get(f"B{row}")
        if not label:
            continue
        info.profile.append(
            {
                "row": row,
                "label": " ".join(str(label).split()),
                "response": _text_cell(ws, "Info", f"C{row}"),
                "source_date": _text_cell(ws, "Info", f"D{row}"),
            }
        )
    info.team_lead = _text_cell(ws, "Info", "D33")
    info.organisation = _text_cell(ws, "Info", "D34")
    info.contact = _text_cell(ws, "Info", "D35")
    info.willing_to_share = _text_cell(ws, "Info", "D36")
    info.stakeholders = _text_cell(ws, "Info", "B40")
    return info


def results_total(scores: list[int | None]) -> int:
    return sum(s for s in scores if s is not None)
