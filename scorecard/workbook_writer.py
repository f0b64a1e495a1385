"""The official Scorecard workbook written: a copy of the blank with a Scorecard's answers.

Writing edits the cells inside the package's sheet XML and copies every other member byte for
byte: openpyxl would drop the macros, form controls, drawings and charts. Each cell keeps its
style: in the official template the answer cells' style is what unlocks them on the protected
sheets, so a cell written without it could no longer be answered in Excel.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from rendering.package_reader import part_path

from .workbook import (
    NS,
    TEXT_FIELDS,
    WORKBOOK_PART,
    AnswerRow,
    InfoSheet,
    WorkbookError,
    all_refs,
    cells,
)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part's path inside the package."""
    book = ET.fromstring(zf.read(WORKBOOK_PART))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    parts = {}
    for sheet in book.find("m:sheets", NS):
        target = targets[sheet.get(f"{{{NS['r']}}}id")]
        parts[sheet.get("name")] = part_path("xl", target)
    return parts


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
    # Cells the sheet does not hold yet go into their row, each before the first cell of a later
    # column (so in any order they come).
    for coord, value in pending.items():
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
    zf = zipfile.ZipFile(io.BytesIO(template))  # our blank: uploads are never written into
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
