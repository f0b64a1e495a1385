"""Helpers for the Scorecard tests: the committed blank workbook and filled copies of it."""

import io
import zipfile
from pathlib import Path

import openpyxl
from django.conf import settings

from scorecard.workbook import all_refs, cells

from .package_forgery import column

BLANK = Path(settings.BASE_DIR) / "fixtures" / "undrr-scorecard-preliminary-2024.xlsm"


def filled_copy(answers: dict[str, tuple], path: Path | None = None) -> bytes:
    """A copy of the blank workbook with answers set in the linked cells by openpyxl.

    answers: ref → (linked value 1–4 or None, verification, actions, institution, timescale).
    """
    book = openpyxl.load_workbook(BLANK, keep_vba=True)
    for ref, sheet, head in all_refs():
        if ref not in answers:
            continue
        linked, *texts = answers[ref]
        where = cells(head)
        book[sheet][where["linked"]] = linked
        for field, text in zip(
            ("verification", "actions", "institution", "timescale"), texts, strict=True
        ):
            book[sheet][where[field]] = text
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


def with_part(data: bytes, name: str, change) -> bytes:
    """A copy of the package `data` whose part `name` is `change(its bytes)` (a new part when
    the package has none by that name, `change(b"")`)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == name:
                body = change(body)
            dest.writestr(item, body, compress_type=zipfile.ZIP_DEFLATED)
        if name not in source.namelist():
            dest.writestr(name, change(b""))
    return out.getvalue()


def numeric_rows(cells: int, first_row: int = 1000, per_row: int = 100) -> bytes:
    """`cells` numeric cells in rows from `first_row` down, as a sheet's XML holds them."""
    rows = []
    for n in range(0, cells, per_row):
        r = first_row + n // per_row
        row = "".join(
            f'<c r="{column(c)}{r}"><v>{c}</v></c>' for c in range(min(per_row, cells - n))
        )
        rows.append(f'<row r="{r}">{row}</row>')
    return "".join(rows).encode()
