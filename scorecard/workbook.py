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
and what openpyxl needs for their values) within the import limits. Writing edits the
cells inside the package's sheet XML and copies every other member byte for byte: openpyxl
would drop the macros, form controls, drawings and charts.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

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


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part's path inside the package."""
    book = ET.fromstring(zf.read(WORKBOOK_PART))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    parts = {}
    for sheet in book.find("m:sheets", NS):
        target = targets[sheet.get(f"{{{NS['r']}}}id")]
        parts[sheet.get("name")] = posixpath.normpath(posixpath.join("xl", target.lstrip("/")))
    return parts


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


def _open_zip(data: bytes) -> zipfile.ZipFile:
    """The blank template, to write into (ours, not an upload: uploads go through `_open`)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise WorkbookError("file: not an Excel workbook (.xlsm or .xlsx)") from exc


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
    return package.sheet_values(extents)


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
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            score = None
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
        rows.append(AnswerRow(ref, score, **texts))
    return rows, _read_info(book["Info"])


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


# ---------------------------------------------------------------------------------------------
# Writing into the package


def _col_index(col: str) -> int:
    n = 0
    for ch in col:
        n = n * 26 + ord(ch) - 64
    return n


def _split(coord: str) -> tuple[str, int]:
    m = re.match(r"([A-Z]+)(\d+)$", coord)
    return m.group(1), int(m.group(2))


def _cell_xml(coord: str, style: str | None, value: int | str | None) -> str:
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f'<c r="{coord}"{s}/>'
    if isinstance(value, int):
        return f'<c r="{coord}"{s}><v>{value}</v></c>'
    return (
        f'<c r="{coord}"{s} t="inlineStr"><is><t xml:space="preserve">'
        f"{escape(value, {chr(13): '&#13;'})}</t></is></c>"
    )


CELL = re.compile(r'<c r="(?P<r>[A-Z]+\d+)"(?P<attrs>[^>]*?)(?:/>|>.*?</c>)', re.S)


def set_cells(sheet_xml: str, values: dict[str, int | str | None]) -> str:
    """The sheet's XML with these cells' values replaced, keeping each cell's style."""
    pending = dict(values)

    def replace_cell(m: re.Match) -> str:
        coord = m.group("r")
        if coord not in pending:
            return m.group(0)
        style = re.search(r'\ss="(\d+)"', m.group("attrs"))
        return _cell_xml(coord, style.group(1) if style else None, pending.pop(coord))

    xml = CELL.sub(replace_cell, sheet_xml)
    # Cells the sheet does not hold yet go into their row, in column order.
    for coord, value in sorted(pending.items(), key=lambda kv: _split(kv[0])[::-1]):
        if value is None or value == "":
            continue
        col, row = _split(coord)
        new = _cell_xml(coord, None, value)
        row_m = re.search(rf'<row r="{row}"[^>]*?(/>|>)', xml)
        if row_m is None:
            raise WorkbookError(f"row {row} is missing in the sheet; cannot write {coord}")
        if row_m.group(1) == "/>":
            open_tag = row_m.group(0)[:-2] + ">"
            xml = xml[: row_m.start()] + open_tag + new + "</row>" + xml[row_m.end() :]
            continue
        end = xml.index("</row>", row_m.end())
        body = xml[row_m.end() : end]
        insert_at = end
        for cm in CELL.finditer(body):
            if _col_index(_split(cm.group("r"))[0]) > _col_index(col):
                insert_at = row_m.end() + cm.start()
                break
        xml = xml[:insert_at] + new + xml[insert_at:]
    return xml


# The workbook part's children that come after calcPr (ECMA-376 CT_Workbook, in order).
AFTER_CALC_PR = (
    "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
    "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst",
)  # fmt: skip
CALC_PR = re.compile(r"<(?P<p>(?:[\w.-]+:)?)calcPr\b(?P<attrs>[^>]*?)(?P<end>/?)>")


def full_calc_on_load(workbook_xml: str) -> str:
    """xl/workbook.xml with `<calcPr fullCalcOnLoad="1"/>`: Excel recalculates every formula
    when it opens the file, so the Results sheet's cached totals never show the blank's zeros.

    Only the calcPr element changes (its other attributes are kept); the rest of the part is
    left byte for byte.
    """
    m = CALC_PR.search(workbook_xml)
    if m is not None:
        attrs = m.group("attrs")
        flag = re.compile(r"""\sfullCalcOnLoad\s*=\s*(["'])[^"']*\1""")
        if flag.search(attrs):
            attrs = flag.sub(' fullCalcOnLoad="1"', attrs, count=1)
        else:
            attrs = attrs.rstrip() + ' fullCalcOnLoad="1"' + attrs[len(attrs.rstrip()) :]
        tag = f"<{m.group('p')}calcPr{attrs}{m.group('end')}>"
        return workbook_xml[: m.start()] + tag + workbook_xml[m.end() :]
    # No calcPr yet: it goes before the first element the schema puts after it.
    root = re.search(r"<(?P<p>(?:[\w.-]+:)?)workbook[\s>]", workbook_xml)
    prefix = root.group("p") if root else ""
    names = "|".join(AFTER_CALC_PR)
    later = re.search(rf"<{re.escape(prefix)}(?:{names})[\s/>]", workbook_xml)
    at = later.start() if later else workbook_xml.rindex(f"</{prefix}workbook>")
    return workbook_xml[:at] + f'<{prefix}calcPr fullCalcOnLoad="1"/>' + workbook_xml[at:]


def write_workbook(
    template: bytes, answers: list[AnswerRow], info: InfoSheet | None = None
) -> bytes:
    """A copy of the blank workbook with these answers (and Info sheet) in its cells.

    The workbook part asks Excel to recalculate on open (`full_calc_on_load`): the cells are
    written without the formulas' results, so the Results sheet would otherwise show the
    blank's cached totals until the user forced a recalculation.
    """
    zf = _open_zip(template)
    parts = _sheet_parts(zf)
    by_ref = {a.ref: a for a in answers}
    edits: dict[str, dict[str, int | str | None]] = {}
    for ref, sheet, head in all_refs():
        answer = by_ref.get(ref)
        if answer is None:
            continue
        where = cells(head)
        values = edits.setdefault(parts[sheet], {})
        values[where["linked"]] = None if answer.score is None else 4 - answer.score
        for f in TEXT_FIELDS:
            values[where[f]] = getattr(answer, f)
    if info is not None:
        values = edits.setdefault(parts["Info"], {})
        for item in info.profile:
            values[f"C{item['row']}"] = item["response"]
            values[f"D{item['row']}"] = item["source_date"]
        values.update(
            {
                "D33": info.team_lead,
                "D34": info.organisation,
                "D35": info.contact,
                "D36": info.willing_to_share,
                "B40": info.stakeholders,
            }
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dest:
        for item in zf.infolist():
            data = zf.read(item.filename)
            if item.filename in edits:
                data = set_cells(data.decode("utf-8"), edits[item.filename]).encode("utf-8")
            elif item.filename == WORKBOOK_PART:
                data = full_calc_on_load(data.decode("utf-8")).encode("utf-8")
            dest.writestr(item, data)
    return out.getvalue()
