"""Issue 26, point 1 and 2: an assessment leaves the installation in the open format."""

import io
import json
import zipfile

import jsonschema
import pytest
from django.core.management import call_command
from django.urls import reverse

from exchange.document import SCHEMA_PATH

from .exchange_helpers import PDF, PDF_SHA, fill


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def filled(assessment, editor):
    return fill(assessment, editor)


def _export(client, user, assessment, kind):
    client.force_login(user)
    url = reverse(f"exchange:export_{kind}", args=["glasgow", assessment.pk])
    return client.get(url)


def test_the_schema_is_served_at_a_stable_address(client):
    response = client.get("/exchange/schema/assessment-1.0.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    served = json.loads(b"".join(response.streaming_content))
    assert served == json.loads(SCHEMA_PATH.read_text())
    assert served["properties"]["format_version"] == {"const": "1.0"}


def test_the_json_export_follows_the_schema_with_every_action(client, viewer, filled):
    response = _export(client, viewer, filled, "json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="glasgow-assessment-{filled.pk}.json"'
    )
    document = json.loads(response.content)
    jsonschema.validate(document, json.loads(SCHEMA_PATH.read_text()))
    assert document["model_version"]["slug"] == "smr-rmm-2018"
    assert document["city"] == {
        "name": "Glasgow", "slug": "glasgow", "country": "GB", "region": "Scotland",
        "population": 635000,
    }  # fmt: skip
    assert document["assessment"] == {
        "title": "Self-assessment 2026", "reference_date": "2026-06-30", "status": "draft",
        "signed_off_by": None, "signed_off_at": None,
    }  # fmt: skip
    records = document["records"]
    assert len(records) == 90 and records[0]["code"] == "L1S1"
    assert records[0] == {
        "code": "L1S1", "status": "done", "na_reason": "", "note": "Plan adopted in 2025",
        "owner": "editor@glasgow.test", "target_date": "2026-03-31",
        "links": [{"url": "https://example.org/plan", "label": "Flood plan"}],
        "files": [{"name": "plan.pdf", "content_type": "application/pdf", "size": len(PDF),
                   "sha256": PDF_SHA}],
    }  # fmt: skip
    by_code = {r["code"]: r for r in records}
    assert by_code["L1S2"]["status"] == "not_applicable"
    assert by_code["L1S2"]["na_reason"] == "No coastal districts"
    assert by_code["L2M1"]["owner"] == "Civil Contingencies Unit"
    assert by_code["C2T2"] == {
        "code": "C2T2", "status": "not_started", "na_reason": "", "note": "", "owner": None,
        "target_date": None, "links": [], "files": [],
    }  # fmt: skip


def test_the_history_names_who_changed_what(client, editor, filled):
    history = json.loads(_export(client, editor, filled, "json").content)["history"]
    assert history[0]["kind"] == "created" and history[0]["by"] == "editor@glasgow.test"
    assert {
        "kind": "changed", "code": "L1S1", "field": "status", "old": "not_started",
        "new": "done", "detail": "", "by": "editor@glasgow.test",
    }.items() <= next(e for e in history if e["field"] == "status").items()  # fmt: skip


def test_the_zip_holds_the_document_and_each_file_by_its_checksum(client, editor, filled):
    response = _export(client, editor, filled, "zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert sorted(package.namelist()) == ["assessment.json", f"files/{PDF_SHA}"]
        assert package.read(f"files/{PDF_SHA}") == PDF
        assert len(json.loads(package.read("assessment.json"))["records"]) == 90


def test_a_signed_off_assessment_exports_its_sign_off(client, editor, filled):
    from assessments import services

    services.submit(filled, editor)
    head = json.loads(_export(client, editor, filled, "json").content)["assessment"]
    assert head["status"] == "submitted" and head["signed_off_by"] == "editor@glasgow.test"
    assert head["signed_off_at"].endswith("+00:00")


def test_the_pages_offer_the_export_and_the_import(client, editor, viewer, filled):
    client.force_login(editor)
    page = client.get(reverse("assessments:matrix", args=["glasgow", filled.pk])).content
    assert reverse("exchange:export_zip", args=["glasgow", filled.pk]).encode() in page
    assert reverse("exchange:import", args=["glasgow"]).encode() in page
    city_page = client.get(reverse("assessments:city", args=["glasgow"])).content
    assert reverse("exchange:import", args=["glasgow"]).encode() in city_page
    client.force_login(viewer)
    page = client.get(reverse("assessments:matrix", args=["glasgow", filled.pk])).content
    assert reverse("exchange:import", args=["glasgow"]).encode() not in page


@pytest.mark.parametrize("kind", ["json", "zip"])
def test_outsiders_and_partners_cannot_export(client, outsider, partner_user, filled, kind):
    assert _export(client, outsider, filled, kind).status_code == 404
    assert _export(client, partner_user, filled, kind).status_code == 404


def test_the_command_writes_json_or_zip(filled, tmp_path):
    call_command("export_assessment", str(filled.pk), "-o", str(tmp_path / "a.json"))
    call_command("export_assessment", str(filled.pk), "-o", str(tmp_path / "a.zip"))
    assert json.loads((tmp_path / "a.json").read_text())["records"][0]["code"] == "L1S1"
    with zipfile.ZipFile(tmp_path / "a.zip") as package:
        assert f"files/{PDF_SHA}" in package.namelist()
