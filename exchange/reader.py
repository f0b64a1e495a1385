"""Reading an exchange file: a .json document, or a .zip of the document and its files.

Hostile until read, through the one guarded zip reader (rendering.package_reader): the upload's
size, the number of entries and what they unpack to are checked before anything is unpacked;
only `assessment.json` and `files/<sha256>` entries may be in the zip (an entry with any other
path is refused, never written anywhere); each file must match its checksum; the document must
follow the published schema. A refusal is `ExchangeRefused`, whose message is for the person
who sent the file.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from rendering.package_reader import Package, PackageRefused, ReadLimits

from .document import DOCUMENT_ENTRY, FILES_FOLDER, FORMAT, FORMAT_VERSION, file_entry, schema

FILE_ENTRY = re.compile(r"^files/[0-9a-f]{64}$")
MESSAGE_LENGTH = 300


class ExchangeRefused(ValueError):
    """The file cannot be imported; the message says why, naming the place in the file."""


@dataclass
class Incoming:
    """A read and checked exchange file: its document and, by checksum, the files' bytes (a
    .json document lists its files without them: `missing` names those)."""

    document: dict
    blobs: dict[str, bytes] = field(default_factory=dict)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (code, file name)

    @property
    def status(self) -> str:
        return self.document["assessment"]["status"]


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


def read_exchange(data: bytes) -> Incoming:
    """Read an uploaded exchange file within the EXCHANGE_MAX_* settings."""
    if len(data) > settings.EXCHANGE_MAX_UPLOAD_BYTES:
        raise ExchangeRefused(
            _("The file is larger than %(limit)s.")
            % {"limit": _megabytes(settings.EXCHANGE_MAX_UPLOAD_BYTES)}
        )
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        return _read_zip(data)
    document = _parse(data)
    incoming = Incoming(document)
    incoming.missing = [
        (r["code"], f["name"]) for r in document["records"] for f in r.get("files", [])
    ]
    return incoming


def _read_zip(data: bytes) -> Incoming:
    limits = ReadLimits(
        parts=settings.EXCHANGE_MAX_ENTRIES,
        part_bytes=settings.EXCHANGE_MAX_UNPACKED_BYTES,
        elements=0,  # no XML is read
        seconds=settings.EXCHANGE_MAX_SECONDS,
    )
    if not zipfile.is_zipfile(BytesIO(data)):
        raise ExchangeRefused(_("The file is neither a JSON document nor a readable zip."))
    try:
        package = Package(data, limits)
    except PackageRefused as exc:
        raise ExchangeRefused(_refusal(exc)) from exc
    infos = package.zip.infolist()
    names = [i.filename for i in infos]
    for name in names:
        if name != DOCUMENT_ENTRY and name != FILES_FOLDER and not FILE_ENTRY.match(name):
            raise ExchangeRefused(
                _(
                    "The zip holds “%(name)s”: only assessment.json and files/<checksum> are "
                    "read, and an entry with any other name or path is refused."
                )
                % {"name": name[:200]}
            )
    if len(set(names)) != len(names):
        raise ExchangeRefused(_("The zip holds two entries of the same name."))
    unpacked = sum(i.file_size for i in infos)
    if unpacked > settings.EXCHANGE_MAX_UNPACKED_BYTES:
        raise ExchangeRefused(
            _("The zip unpacks to more than %(limit)s.")
            % {"limit": _megabytes(settings.EXCHANGE_MAX_UNPACKED_BYTES)}
        )
    if DOCUMENT_ENTRY not in package:
        raise ExchangeRefused(_("The zip holds no assessment.json."))
    if package.zip.getinfo(DOCUMENT_ENTRY).file_size > settings.EXCHANGE_MAX_DOCUMENT_BYTES:
        raise ExchangeRefused(_document_too_large())
    try:
        document = _parse(package.read(DOCUMENT_ENTRY))
        blobs = {}
        for record in document["records"]:
            for item in record.get("files", []):
                digest = item["sha256"]
                if digest in blobs:
                    continue
                entry = file_entry(digest)
                if entry not in package:
                    raise ExchangeRefused(
                        _("%(code)s: the file “%(name)s” is not in the zip.")
                        % {"code": record["code"], "name": item["name"]}
                    )
                blob = package.read(entry)
                if hashlib.sha256(blob).hexdigest() != digest:
                    raise ExchangeRefused(
                        _("%(code)s: the file “%(name)s” does not match its checksum.")
                        % {"code": record["code"], "name": item["name"]}
                    )
                blobs[digest] = blob
    except PackageRefused as exc:
        raise ExchangeRefused(_refusal(exc)) from exc
    for record in document["records"]:
        for item in record.get("files", []):
            if len(blobs[item["sha256"]]) != item["size"]:
                raise ExchangeRefused(
                    _("%(code)s: the file “%(name)s” is not of the size listed.")
                    % {"code": record["code"], "name": item["name"]}
                )
    return Incoming(document, blobs)


def _refusal(exc: PackageRefused) -> str:
    return str(exc).removeprefix("file: ")


def _document_too_large() -> str:
    return _("The assessment document is larger than %(limit)s.") % {
        "limit": _megabytes(settings.EXCHANGE_MAX_DOCUMENT_BYTES)
    }


def _parse(data: bytes) -> dict:
    if len(data) > settings.EXCHANGE_MAX_DOCUMENT_BYTES:
        raise ExchangeRefused(_document_too_large())
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ExchangeRefused(_("The file is neither a JSON document nor a readable zip.")) from exc
    validate(document)
    return document


def _where(path) -> str:
    where = ""
    for part in path:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where or _("the document")


def _no_nul(value, path=()) -> None:
    """No text may hold a NUL character: PostgreSQL cannot store one."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ExchangeRefused(
                _("%(where)s: a NUL character is not allowed.") % {"where": _where(path)}
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key, path)
            _no_nul(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _no_nul(item, (*path, i))


def validate(document) -> None:
    """The document follows the published schema, names times and dates that exist, and
    holds no NUL; else ExchangeRefused naming the first place that does not."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeRefused(_("The file is not an assessment in the exchange format."))
    version = document.get("format_version")
    if version != FORMAT_VERSION:
        raise ExchangeRefused(
            _(
                "The file is in version %(version)s of the exchange format; this installation "
                "reads version %(ours)s."
            )
            % {"version": str(version)[:20], "ours": FORMAT_VERSION}
        )
    validator = Draft202012Validator(schema(), format_checker=FormatChecker())
    error = next(iter(sorted(validator.iter_errors(document), key=lambda e: list(e.path))), None)
    if error is not None:
        message = error.message
        if len(message) > MESSAGE_LENGTH:
            message = message[:MESSAGE_LENGTH] + "…"
        raise ExchangeRefused(
            _("%(where)s does not follow the exchange format: %(message)s")
            % {"where": _where(error.path), "message": message}
        )
    _no_nul(document)
    assessment = document["assessment"]
    _check_date(assessment["reference_date"], ("assessment", "reference_date"))
    if assessment.get("signed_off_at"):
        _check_instant(assessment["signed_off_at"], ("assessment", "signed_off_at"))
    for i, record in enumerate(document["records"]):
        if record.get("target_date"):
            _check_date(record["target_date"], ("records", i, "target_date"))
    for i, entry in enumerate(document.get("history", [])):
        _check_instant(entry["at"], ("history", i, "at"))


def _check_date(text: str, path) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ExchangeRefused(
            _("%(where)s: “%(value)s” is not a date (YYYY-MM-DD).")
            % {"where": _where(path), "value": text[:40]}
        ) from exc


def _check_instant(text: str, path) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise ExchangeRefused(
            _("%(where)s: “%(value)s” is not a time with its UTC offset (ISO 8601).")
            % {"where": _where(path), "value": text[:40]}
        )
    return value


def parse_instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
