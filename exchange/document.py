"""The exchange format, version 1.0: one assessment as a JSON document (and its files).

The format is published as a JSON Schema (schema/assessment-1.0.json, served at
/exchange/schema/assessment-1.0.json). People are named by e-mail: the owner of an action is a
member's e-mail or the free-text name the city typed; history entries name who did them by
e-mail. What an id, a revision or a time stamp of this installation is stays out, except the
history's times and the sign-off's, which are the assessment's own.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime
from functools import cache

from django.db.models import Prefetch
from django.utils import timezone

from assessments.models import ActionRecord, Assessment, EvidenceFile
from audit.models import AuditEntry, Kind
from indicators.exchange import export_values

from .format import (  # noqa: F401 - the format's names, for the app's other modules
    DOCUMENT_ENTRY,
    FILES_FOLDER,
    FORMAT,
    FORMAT_VERSION,
    SCHEMA_NAME,
    SCHEMA_PATH,
)

# The history an assessment carries: its lifecycle, its records' changes and its stage moves.
HISTORY_KINDS = (
    Kind.CREATED,
    Kind.SUBMITTED,
    Kind.REOPENED,
    Kind.SHARED,
    Kind.UNSHARED,
    Kind.CHANGED,
    Kind.STAGE,
)


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def instant(value: datetime | None) -> str | None:
    """A time stamp as the format writes it: ISO 8601 in UTC, to the microsecond."""
    return value.astimezone(UTC).isoformat() if value else None


def file_entry(name: str) -> str:
    """Where a file's bytes are inside the zip: named by their checksum, never by a path."""
    return FILES_FOLDER + name


def _signer(assessment: Assessment, entries: list[AuditEntry]) -> str | None:
    """Who signed it off, by e-mail; for one imported from a person with no account here,
    the e-mail its sign-off entry kept."""
    if assessment.submitted_by_id:
        return assessment.submitted_by.email
    for entry in reversed(entries):
        if entry.kind == Kind.SUBMITTED:
            return entry.user.email if entry.user_id else entry.email or None
    return None


def build(assessment: Assessment, *, history: bool = True) -> tuple[dict, dict[str, str]]:
    """The document of an assessment and, by checksum, the stored name of each of its files
    (read once here to compute the checksum)."""
    records = list(
        ActionRecord.objects.filter(assessment=assessment)
        .select_related("action", "responsible_member")
        .prefetch_related(
            "links", Prefetch("files", queryset=EvidenceFile.objects.order_by("added_at", "pk"))
        )
    )
    entries = list(
        AuditEntry.objects.filter(assessment=assessment, kind__in=HISTORY_KINDS)
        .select_related("user", "record__action")
        .order_by("at", "pk")
    )
    blobs: dict[str, str] = {}
    checksums: dict[str, str] = {}

    def checksum(evidence: EvidenceFile) -> str:
        name = evidence.file.name
        if name not in checksums:
            digest = hashlib.sha256()
            with evidence.file.storage.open(name, "rb") as stream:
                for chunk in iter(lambda: stream.read(1 << 16), b""):
                    digest.update(chunk)
            checksums[name] = digest.hexdigest()
            blobs.setdefault(checksums[name], name)
        return checksums[name]

    submitted = not assessment.is_draft
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": instant(timezone.now()),
        "model_version": {
            "slug": assessment.model_version.slug,
            "name": assessment.model_version.name,
        },
        "city": {
            "name": assessment.city.name,
            "slug": assessment.city.slug,
            "country": assessment.city.country,
            "region": assessment.city.region,
            "population": assessment.city.population,
        },
        "assessment": {
            "title": assessment.title,
            "reference_date": assessment.reference_date.isoformat(),
            "status": assessment.status,
            "signed_off_by": _signer(assessment, entries) if submitted else None,
            "signed_off_at": instant(assessment.submitted_at) if submitted else None,
        },
        "records": [
            {
                "code": r.action.code,
                "status": r.status,
                "na_reason": r.na_reason,
                "note": r.note,
                "owner": (r.responsible_member.email if r.responsible_member_id else None)
                or r.responsible
                or None,
                "target_date": r.target_date.isoformat() if r.target_date else None,
                "links": [{"url": x.url, "label": x.label} for x in r.links.all()],
                "files": [
                    {
                        "name": f.original_name,
                        "content_type": f.content_type,
                        "size": f.size,
                        "sha256": checksum(f),
                    }
                    for f in r.files.all()
                ],
            }
            for r in records
        ],
    }
    values = export_values(assessment.city, assessment.model_version)
    if values:
        document["indicator_values"] = values
    from reviews.exchange import document_part  # the peer reviews' own part of the format

    reviews = document_part(assessment)
    if reviews:
        document["reviews"] = reviews
    if history:
        document["history"] = [
            {
                "at": instant(e.at),
                "kind": e.kind,
                "code": e.record.action.code if e.record_id else None,
                "field": e.field,
                "old": e.old,
                "new": e.new,
                "detail": e.detail,
                "by": e.user.email if e.user_id else e.email or None,
            }
            for e in entries
        ]
    return document, blobs


def as_json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def as_zip(document: dict, blobs: dict[str, str], storage) -> bytes:
    """One zip: the document as assessment.json, each file's bytes at files/<sha256>."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(DOCUMENT_ENTRY, as_json(document))
        for digest, name in blobs.items():
            with storage.open(name, "rb") as stream:
                package.writestr(file_entry(digest), stream.read())
    return out.getvalue()


def export_bytes(assessment: Assessment, kind: str) -> bytes:
    """The assessment as a .json document (files listed with their checksums) or a .zip
    holding the document and the files."""
    document, blobs = build(assessment)
    if kind == "zip":
        return as_zip(document, blobs, EvidenceFile._meta.get_field("file").storage)
    return as_json(document)


def filename(assessment: Assessment, kind: str) -> str:
    return f"{assessment.city.slug}-assessment-{assessment.pk}.{kind}"
