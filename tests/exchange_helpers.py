"""Exchange files for the tests: an assessment with every kind of field filled, and files
written by hand (broken on purpose)."""

import io
import json
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services

from .conftest import record_of, update_action

PDF = b"%PDF-1.4 flood plan"
# The SHA-256 of PDF, written down (sha256sum of the same bytes).
PDF_SHA = "66d81e82b85e2a1b867a4dcdf663e7491c2f01459c4e567d93c443e9163a4fbf"


def fill(assessment, editor):
    """L1S1 done by a member with a note, a date, a link and a file; L1S2 not applicable;
    L2M1 in progress, owned by a department with no account."""
    update_action(
        assessment, "L1S1", editor, status="done", note="Plan adopted in 2025",
        responsible_member=editor, target_date=date(2026, 3, 31),
    )  # fmt: skip
    record = record_of(assessment, "L1S1")
    services.add_link(record, "https://example.org/plan", "Flood plan", editor)
    record = record_of(assessment, "L1S1")
    services.add_file(record, SimpleUploadedFile("plan.pdf", PDF), "application/pdf", editor)
    update_action(
        assessment, "L1S2", editor, status="not_applicable", na_reason="No coastal districts"
    )
    update_action(
        assessment, "L2M1", editor, status="in_progress", responsible="Civil Contingencies Unit"
    )
    assessment.refresh_from_db()
    return assessment


def zip_of(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return out.getvalue()


def as_json(document: dict) -> bytes:
    return json.dumps(document).encode()


def upload(data: bytes, name: str = "glasgow.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
