"""Read Tecnun's SMR Maturity Model 2.0 workbook into the model-file format (maturity.loader).

The sheet "MaturityModel 2.0" holds the model as a matrix: dimensions in column A and
subdimensions in column B (merged over their rows, the code in brackets at the end of the
title), the stakeholders of each stage in row 2, the actions in the stage columns C–G (each
starting with its bracketed code; a cell may hold two), and per subdimension its leading
("INDUCTORS", column H) and result ("RESULTS", column I) indicators, one per line.

Codes and texts are kept as published (spelling, capitals, double spaces); only the padding
around a cell's text is dropped. A workbook with a duplicated code or a code whose
subdimension the sheet does not have is refused, naming the cell.
"""

import re
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

SHEET = "MaturityModel 2.0"
# Column → (stage letter, name); the letters are the 2018 model's (T for verTebrate).
STAGE_COLUMNS = {
    3: ("S", "Starting"),
    4: ("M", "Moderate"),
    5: ("A", "Advanced"),
    6: ("R", "Robust"),
    7: ("T", "Vertebrate"),
}
# The stages are SMR's own: the workbook gives them no titles, so 2018's are kept.
STAGE_TITLES = {
    "S": "starting with local (departmental) resilience plans",
    "M": "integration of local (departmental) resilience plans",
    "A": "implementation of the integrated (holistic) resilience plan",
    "R": "internationalising resilience",
    "T": "leading resilient city",
}
LEADING_COLUMN, RESULT_COLUMN = 8, 9
FIRST_ROW = 3  # row 1: stage names; row 2: stakeholders

VERSION = {
    "slug": "smr-maturity-model-2-0",
    "name": "SMR Maturity Model 2.0",
    "source": (
        "Tecnun (University of Navarra), SMR Maturity Model 2.0, published with its online "
        "self-assessment tool; workbook sheet “MaturityModel 2.0”."
    ),
    "changes": (
        "Five dimensions instead of four (adds Landscape and urban planning: U1 Urban "
        "development, U2 Environmental), 124 actions instead of 90, renumbered codes, and "
        "leading and result indicators per subdimension."
    ),
}

CODE = re.compile(r"\(([A-Z][0-9][A-Z][0-9]+)\)")
SUBDIMENSION = re.compile(r"^(.*?)\s*\(([A-Z][0-9])\)\s*$", re.S)


class WorkbookError(ValueError):
    """The workbook cannot be read as the model; the message names the cell."""


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _merged_top(sheet) -> dict[str, str]:
    """Each cell inside a merged range → the range's top-left cell, where the value is."""
    top = {}
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                top[f"{get_column_letter(col)}{row}"] = merged.start_cell.coordinate
    return top


def _value(sheet, top: dict[str, str], col: int, row: int) -> str:
    coordinate = f"{get_column_letter(col)}{row}"
    return _text(sheet[top.get(coordinate, coordinate)].value)


def _stakeholders(sheet) -> dict[str, list[str]]:
    """Stage letter → the stakeholder groups it adds (row 2 lists them cumulatively)."""
    seen: list[str] = []
    added: dict[str, list[str]] = {}
    for col, (letter, _name) in STAGE_COLUMNS.items():
        cell = _text(sheet.cell(row=2, column=col).value)
        names = [" ".join(n.split()) for line in cell.splitlines() for n in line.split(",")]
        added[letter] = [n for n in names if n and n not in seen]
        seen += added[letter]
    return added


# The bracket at the end of an indicator's line: the actions it measures, "( L2M1)" included.
CITED = re.compile(r"\(([^()]*)\)\s*$")
ACTION_CODE = re.compile(r"[A-Z][0-9][A-Z][0-9]+")


def cited_codes(text: str) -> list[str]:
    """The action codes an indicator's closing bracket names, in order (none if it has none)."""
    match = CITED.search(text)
    if not match:
        return []
    return [part.strip() for part in match[1].split(",") if ACTION_CODE.fullmatch(part.strip())]


def _indicators(cell: str, kind: str) -> list[dict]:
    return [
        {"kind": kind, "text": line.strip(), "cites": cited_codes(line)}
        for line in cell.splitlines()
        if line.strip()
    ]


def extract(path: Path) -> dict:
    """The workbook's model as a model document (maturity.loader's format), or WorkbookError."""
    try:
        book = load_workbook(path, read_only=False, data_only=True)
    except FileNotFoundError as exc:
        raise WorkbookError(f"{path} does not exist") from exc
    if SHEET not in book.sheetnames:
        raise WorkbookError(f"the workbook has no sheet {SHEET!r}")
    sheet = book[SHEET]
    top = _merged_top(sheet)

    # Pass 1: the dimensions and subdimensions, and which rows each subdimension spans.
    dimensions: list[dict] = []
    subdimensions: dict[str, dict] = {}
    row_owner: dict[int, str] = {}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        title = _value(sheet, top, 2, row)
        if not title:
            continue
        match = SUBDIMENSION.match(title)
        where = top.get(f"B{row}", f"B{row}")
        if not match:
            raise WorkbookError(f"cell {where}: subdimension {title!r} has no (code) at its end")
        code = match[2]
        row_owner[row] = code
        if code in subdimensions:
            continue
        dim_name = " ".join(_value(sheet, top, 1, row).split())
        if not dimensions or dimensions[-1]["code"] != code[0]:
            if any(d["code"] == code[0] for d in dimensions):
                raise WorkbookError(f"cell {where}: dimension {code[0]} appears twice")
            dimensions.append({"code": code[0], "name": dim_name, "subdimensions": []})
        sub = {
            "code": code,
            "title": match[1].strip(),
            "actions": [],
            "indicators": [],
        }
        subdimensions[code] = sub
        dimensions[-1]["subdimensions"].append(sub)

    # Pass 2: the actions and the indicators.
    cells: dict[str, str] = {}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        for col in STAGE_COLUMNS:
            coordinate = f"{get_column_letter(col)}{row}"
            text = _text(sheet.cell(row=row, column=col).value)
            found = list(CODE.finditer(text))
            for i, match in enumerate(found):
                code = match[1]
                if code in cells:
                    raise WorkbookError(
                        f"cell {coordinate}: code {code} is already in cell {cells[code]}"
                    )
                if code[:2] not in subdimensions:
                    raise WorkbookError(
                        f"cell {coordinate}: code {code} names subdimension {code[:2]}, "
                        "which column B does not have"
                    )
                cells[code] = coordinate
                end = found[i + 1].start() if i + 1 < len(found) else len(text)
                subdimensions[code[:2]]["actions"].append(
                    {"code": code, "text": text[match.end() : end].strip()}
                )
        for col, kind in ((LEADING_COLUMN, "leading"), (RESULT_COLUMN, "result")):
            cell = sheet.cell(row=row, column=col)
            if row in row_owner and isinstance(cell.value, str):
                subdimensions[row_owner[row]]["indicators"] += _indicators(cell.value, kind)

    order = {letter: n for n, (letter, _name) in enumerate(STAGE_COLUMNS.values())}
    for sub in subdimensions.values():
        # Leading first, then result, each in the cell's line order.
        sub["indicators"].sort(key=lambda i: i["kind"] != "leading")
        sub["actions"].sort(key=lambda a: (order[a["code"][2]], int(a["code"][3:])))
    added = _stakeholders(sheet)
    return {
        "format": "resilience-maturity-model/1",
        "version": dict(VERSION),
        "stages": [
            {
                "letter": letter,
                "name": name,
                "title": STAGE_TITLES[letter],
                "stakeholders": added[letter],
            }
            for letter, name in STAGE_COLUMNS.values()
        ],
        "dimensions": dimensions,
    }
