"""Helpers for the Scorecard tests: the committed blank workbook and filled copies of it."""

import io
from pathlib import Path

import openpyxl
from django.conf import settings

from scorecard.workbook import all_refs, cells

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
