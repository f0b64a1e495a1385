"""The one reader of uploaded packages (an .xlsx or .xlsm workbook is a zip of XML parts).

An upload is hostile until read: 2 MB on the wire can unpack to a gigabyte (a zip bomb), and a
sheet of a million cells becomes a million objects in openpyxl, for seconds during which the
worker answers nobody. Imports (the Scorecard workbook today, the exchange format next) read
through `Package`, which bounds what it reads by `ReadLimits` (settings `IMPORT_MAX_*`):

- the number of parts, from the zip's end record, before zipfile builds an object for each;
- only the parts the caller asks for are unpacked: a workbook padded with parts the app does
  not read (images, macros, a huge Results sheet) still imports, the padding never unpacked;
- each part's unpacked size: refused when the size declared in the central directory is over
  the limit, and unpacked in chunks with a hard cap anyway, since that size is the sender's word;
- the elements: every XML part handed over is first scanned by expat without building a tree,
  counting its elements (cells, shared strings, styles, columns: each becomes an object in
  openpyxl, a style one costing as much as ten cells) and refusing a document type declaration
  (entity expansion), so openpyxl only ever builds a bounded number of objects;
- the time: one deadline for the whole read, checked between chunks and rows.

A refusal is `PackageRefused`, whose message says what was too large, for the person who
uploaded the file.
"""

from __future__ import annotations

import io
import posixpath
import struct
import time
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree as ET
from xml.parsers import expat

from django.conf import settings
from openpyxl.utils import get_column_letter

CHUNK = 64 * 1024
# The zip's "end of central directory" record: signature, disk numbers, the entry counts, the
# directory's size and offset, and a comment of up to 65,535 bytes after it.
END_RECORD = struct.Struct("<4s4H2LH")
END_SIGNATURE = b"PK\x05\x06"
ZIP64_COUNT = 0xFFFF

WORKBOOK_PART = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
# Besides the sheets, what openpyxl needs to read a sheet's values (number formats for dates,
# shared strings for texts); relationships of these kinds are copied when they exist.
SUPPORTING_KINDS = ("/styles", "/sharedStrings")
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


class PackageRefused(ValueError):
    """The upload exceeds a limit or is not a zip package; the message says which, for the
    person who sent it."""


@dataclass(frozen=True)
class ReadLimits:
    parts: int
    part_bytes: int
    elements: int
    seconds: float

    @classmethod
    def from_settings(cls) -> ReadLimits:
        return cls(
            parts=settings.IMPORT_MAX_PARTS,
            part_bytes=settings.IMPORT_MAX_PART_BYTES,
            elements=settings.IMPORT_MAX_ELEMENTS,
            seconds=settings.IMPORT_MAX_SECONDS,
        )


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


def _declared_parts(data: bytes) -> int | None:
    """The number of parts the zip's end record declares (None: no end record found)."""
    at = data.rfind(END_SIGNATURE, max(0, len(data) - END_RECORD.size - 0xFFFF))
    if at < 0 or at + END_RECORD.size > len(data):
        return None
    return END_RECORD.unpack_from(data, at)[4]  # the total of entries


class Package:
    """An uploaded zip package, read within `limits` (the settings' by default)."""

    def __init__(self, data: bytes, limits: ReadLimits | None = None):
        self.limits = limits or ReadLimits.from_settings()
        self.deadline = time.monotonic() + self.limits.seconds
        self.elements = 0
        self._rels: list[ET.Element] | None = None
        declared = _declared_parts(data)
        # A zip64 package says 0xFFFF here: more parts than a workbook ever has.
        if declared is not None and (declared > self.limits.parts or declared == ZIP64_COUNT):
            raise PackageRefused(f"file: more than {self.limits.parts} parts in the package")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
            raise PackageRefused("file: not an Excel workbook (.xlsm or .xlsx)") from exc
        if len(self.zip.infolist()) > self.limits.parts:
            raise PackageRefused(f"file: more than {self.limits.parts} parts in the package")
        self.names = frozenset(self.zip.namelist())

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise PackageRefused(
                f"file: reading it took longer than {self.limits.seconds:g} seconds"
            )

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """One part, unpacked within the size limit."""
        try:
            info = self.zip.getinfo(name)
        except KeyError as exc:
            raise PackageRefused(f"file: the part {name} is missing") from exc
        cap = self.limits.part_bytes
        too_large = PackageRefused(f"file: the part {name} unpacks to more than {_megabytes(cap)}")
        if info.file_size > cap:
            raise too_large
        out = bytearray()
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    out += chunk
                    if len(out) > cap:
                        raise too_large
                    self.check_time()
        # A bad CRC (a size that lied), a broken deflate stream, an unknown compression, a
        # password (RuntimeError): all mean the part cannot be read.
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError) as exc:  # fmt: skip
            raise PackageRefused(f"file: the part {name} cannot be unpacked") from exc
        return bytes(out)

    def read_xml(self, name: str) -> bytes:
        """One XML part, unpacked within the size limit, its elements counted against theirs."""
        data = self.read(name)
        self._scan(name, data)
        return data

    def _scan(self, name: str, data: bytes) -> None:
        parser = expat.ParserCreate()
        limit = self.limits.elements

        def start(_tag, _attrs):
            self.elements += 1
            if self.elements > limit:
                raise PackageRefused(
                    f"file: more than {limit:,} cells and other XML elements in the parts read"
                )

        def doctype(*_args):
            raise PackageRefused(f"file: the part {name} declares a document type")

        parser.StartElementHandler = start
        parser.StartDoctypeDeclHandler = doctype
        try:
            for at in range(0, len(data), CHUNK):
                parser.Parse(data[at : at + CHUNK], False)
                self.check_time()
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise PackageRefused(f"file: the part {name} is not well-formed XML") from exc

    # -----------------------------------------------------------------------------------------
    # Workbooks

    def sheet_parts(self) -> dict[str, str]:
        """Sheet name → its part's path inside the package, in the workbook's order."""
        book = ET.fromstring(self.read_xml(WORKBOOK_PART))
        sheets = book.find("m:sheets", NS)
        targets = self._workbook_targets()
        parts = {}
        for sheet in [] if sheets is None else sheets:
            target = targets.get(sheet.get(f"{{{NS['r']}}}id"))
            if target is not None:
                parts[sheet.get("name")] = target
        return parts

    def _workbook_rels(self) -> list[ET.Element]:
        if self._rels is None:
            self._rels = list(ET.fromstring(self.read_xml(WORKBOOK_RELS)))
        return self._rels

    def _workbook_targets(self) -> dict[str, str]:
        return {r.get("Id"): part_path("xl", r.get("Target", "")) for r in self._workbook_rels()}

    def _supporting_parts(self) -> list[str]:
        return [
            part_path("xl", r.get("Target", ""))
            for r in self._workbook_rels()
            if r.get("Type", "").endswith(SUPPORTING_KINDS)
        ]

    def sheet_values(self, extents: dict[str, tuple[int, int]]) -> dict[str, dict[str, object]]:
        """Sheet name → {"B3": value, …} for the cells within each sheet's (rows, columns)
        extent, read by openpyxl from a copy of the package holding only those sheets and
        what they need. Sheets the package does not hold are left out."""
        import openpyxl  # only for reading uploads

        parts = self.sheet_parts()
        wanted = {name: parts[name] for name in extents if parts.get(name) in self}
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w") as dest:
            for name in ["[Content_Types].xml", "_rels/.rels", WORKBOOK_PART, WORKBOOK_RELS]:
                dest.writestr(name, self.read_xml(name))
            for name in self._supporting_parts() + list(wanted.values()):
                if name in self:
                    dest.writestr(name, self.read_xml(name))
        try:
            with warnings.catch_warnings():
                # The copy leaves the other sheets out, so openpyxl warns that the names
                # defined on them (print areas) have no sheet: expected, and harmless.
                warnings.filterwarnings("ignore", "Defined names for sheet", UserWarning)
                book = openpyxl.load_workbook(copy, read_only=True, data_only=False)
        except Exception as exc:  # openpyxl raises many kinds for a broken package
            raise PackageRefused(
                f"file: not a readable Excel workbook ({exc.__class__.__name__})"
            ) from exc
        values: dict[str, dict[str, object]] = {}
        try:
            for name in wanted:
                rows, columns = extents[name]
                cells = values[name] = {}
                sheet = book[name]
                for r, row in enumerate(
                    sheet.iter_rows(max_row=rows, max_col=columns, values_only=True), start=1
                ):
                    self.check_time()
                    for c, value in enumerate(row, start=1):
                        if value is not None:
                            cells[f"{get_column_letter(c)}{r}"] = value
        except PackageRefused:
            raise
        except Exception as exc:  # a cell openpyxl cannot read (a number that is not one)
            raise PackageRefused(
                f"file: not a readable Excel workbook ({exc.__class__.__name__} in {name})"
            ) from exc
        finally:
            book.close()
        return values


def part_path(folder: str, target: str) -> str:
    """A relationship's target as a path inside the package ("/xl/a.xml" or "a.xml")."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))
