"""Issue 26, point 3: bad input gets a clear message and a 4xx, and leaves nothing behind."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import City
from assessments.models import Assessment

from .exchange_helpers import PDF, PDF_SHA, as_json, fill, upload, zip_of


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def document(client, assessment, editor, tmp_path):
    """Glasgow's filled draft as an exchange document."""
    fill(assessment, editor)
    call_command("export_assessment", str(assessment.pk), "-o", str(tmp_path / "g.json"))
    return json.loads((tmp_path / "g.json").read_text())


def _changed(document, change):
    document = json.loads(json.dumps(document))
    change(document)
    return document


def _status(d):
    d["records"][0]["status"] = "finished"


def _code(d):
    d["records"][5]["code"] = "X9S9"


def _version(d):
    d["model_version"]["slug"] = "smr-rmm-2-0"


def _format_version(d):
    d["format_version"] = "2.0"


def _nul(d):
    d["records"][0]["note"] = "a\x00b"


def _na_without_reason(d):
    d["records"][1]["na_reason"] = " "


def _date(d):
    d["records"][0]["target_date"] = "2026-02-30"


def _link(d):
    d["records"][0]["links"][0]["url"] = "javascript:alert(1)"


DOCUMENTS = [
    (_status, "records[0].status does not follow the exchange format: 'finished' is not one of"),
    (_code, "records[5]: the action X9S9 is not in the model version “smr-rmm-2018”."),
    (
        _version,
        "The file is for the maturity model version “smr-rmm-2-0”, which this installation "
        "does not have.",
    ),  # fmt: skip
    (
        _format_version,
        "The file is in version 2.0 of the exchange format; this installation reads version 1.0.",
    ),  # fmt: skip
    (_nul, "records[0].note: a NUL character is not allowed."),
    (_na_without_reason, "records[1] (L1S2): not applicable needs a reason (na_reason)."),
    (_date, "records[0].target_date"),
    (_link, "“javascript:alert(1)” is not a web address."),
]


def _zip_with(document, files):
    return zip_of({"assessment.json": as_json(document), **files})


ZIPS = [
    (lambda d: _zip_with(d, {f"files/{PDF_SHA}": b"%PDF-1.4 altered"}),
     "L1S1: the file “plan.pdf” does not match its checksum."),
    (lambda d: _zip_with(d, {f"files/{PDF_SHA}": PDF, "../evil.txt": b"x"}),
     "The zip holds “../evil.txt”: only assessment.json and files/<checksum> are read"),
    (lambda d: _zip_with(d, {f"files/{PDF_SHA}": PDF, "/etc/cron.d/x": b"x"}),
     "The zip holds “/etc/cron.d/x”"),
    (lambda d: _zip_with(d, {}), "L1S1: the file “plan.pdf” is not in the zip."),
    (lambda d: zip_of({"other.json": b"{}"}), "The zip holds “other.json”"),
    (lambda d: b"PK\x03\x04 not really a zip", "neither a JSON document nor a readable zip"),
    (lambda d: b"\xff\xfe garbage", "neither a JSON document nor a readable zip"),
]  # fmt: skip


def _nothing_left(tmp_path: Path) -> bool:
    media = tmp_path / "media"
    stored = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    # Glasgow's draft and its one file, Glasgow and Riga: nothing more.
    return Assessment.objects.count() == 1 and City.objects.count() == 2 and len(stored) == 1


@pytest.mark.parametrize("change,message", DOCUMENTS, ids=[c.__name__ for c, _ in DOCUMENTS])
def test_a_bad_document_is_refused_by_the_page(
    client, document, other_city, outsider, tmp_path, change, message
):
    client.force_login(outsider)
    data = as_json(_changed(document, change))
    response = client.post(reverse("exchange:import", args=["riga"]), {"file": upload(data)})
    assert response.status_code == 400
    assert message in response.context["form"].errors["file"][0]
    assert _nothing_left(tmp_path)


@pytest.mark.parametrize("make,message", ZIPS)
def test_a_bad_zip_is_refused_by_the_page(
    client, document, other_city, outsider, tmp_path, make, message
):
    client.force_login(outsider)
    response = client.post(
        reverse("exchange:import", args=["riga"]), {"file": upload(make(document), "g.zip")}
    )
    assert response.status_code == 400
    assert message in response.context["form"].errors["file"][0]
    assert _nothing_left(tmp_path)


@pytest.mark.parametrize("change,message", DOCUMENTS[:3], ids=["status", "code", "version"])
def test_a_bad_document_is_refused_by_the_command(document, other_city, tmp_path, change, message):
    path = tmp_path / "bad.json"
    path.write_bytes(as_json(_changed(document, change)))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_assessment", "new-city", str(path))
    assert not City.objects.filter(slug="new-city").exists()
    assert _nothing_left(tmp_path)


def test_a_zip_bomb_is_refused_before_unpacking(
    client, document, other_city, outsider, tmp_path, settings
):
    settings.EXCHANGE_MAX_UNPACKED_BYTES = 1_000_000
    bomb = _zip_with(document, {f"files/{PDF_SHA}": PDF, "files/" + "0" * 64: bytes(2_000_000)})
    assert len(bomb) < 20_000
    client.force_login(outsider)
    response = client.post(reverse("exchange:import", args=["riga"]), {"file": upload(bomb)})
    assert response.status_code == 400
    assert "The zip unpacks to more than 1 MB." in response.context["form"].errors["file"][0]
    assert _nothing_left(tmp_path)


def test_too_many_entries_are_refused(client, document, other_city, outsider, settings, tmp_path):
    settings.EXCHANGE_MAX_ENTRIES = 3
    files = {f"files/{i:064x}": b"x" for i in range(4)}
    client.force_login(outsider)
    response = client.post(
        reverse("exchange:import", args=["riga"]), {"file": upload(_zip_with(document, files))}
    )
    assert response.status_code == 400
    assert "more than 3 parts" in response.context["form"].errors["file"][0]
    assert _nothing_left(tmp_path)


def test_a_file_over_the_upload_limit_is_refused(
    client, document, other_city, outsider, settings, tmp_path
):
    settings.EXCHANGE_MAX_UPLOAD_BYTES = 1000
    client.force_login(outsider)
    response = client.post(
        reverse("exchange:import", args=["riga"]), {"file": upload(as_json(document))}
    )
    assert response.status_code == 400
    assert "larger than 0.001 MB" in response.context["form"].errors["file"][0]
    assert _nothing_left(tmp_path)


def test_the_readme_states_the_limits_and_their_defaults():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for setting, default in [
        ("EXCHANGE_MAX_UPLOAD_BYTES", "500000000"),
        ("EXCHANGE_MAX_UNPACKED_BYTES", "1000000000"),
        ("EXCHANGE_MAX_ENTRIES", "10000"),
    ]:
        assert setting in readme and default in readme
