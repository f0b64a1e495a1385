"""The API as a client generated from its schema uses it (openapi-python-client, run by
`.ci/run` through scripts/api-client.sh): one plain request schema per write, the rules the
schema cannot state written in the field and answered with a 400 naming it, files a token can
download, and a README whose endpoint list is the schema's."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from api.models import ApiToken
from assessments import services

README = Path(settings.BASE_DIR) / "README.md"
PDF = b"%PDF-1.4 minutes of the resilience board"


def auth(user, *, write=False) -> dict:
    _token, key = ApiToken.issue(user, "test", can_write=write)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.fixture
def schema(client, db) -> dict:
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    return schema["components"]["schemas"][ref.split("/")[-1]] if ref else node


def _writes(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                yield f"{method.upper()} {path} {media}", content["schema"]


def test_every_write_has_one_plain_request_schema(schema):
    """Catches the record change's body as `anyOf` two partial types: the generated client
    then had no typed `revision`, `note` or `target_date`, and no `not_applicable` status."""
    unions = [
        name
        for name, body in _writes(schema)
        if {"anyOf", "oneOf", "allOf"} & set(_resolve(schema, body))
    ]
    assert unions == []
    patch = schema["paths"]["/api/v1/cities/{slug}/assessments/{pk}/records/{code}/"]["patch"]
    ref = patch["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/RecordChangeRequest"
    change = _resolve(schema, {"$ref": ref})
    assert set(change["properties"]) == {
        "revision", "status", "na_reason", "note", "responsible", "responsible_member",
        "target_date",
    }  # fmt: skip
    assert change["required"] == ["revision"]
    status = _resolve(schema, change["properties"]["status"])
    assert "not_applicable" in status["enum"]


def test_the_not_applicable_rule_is_described_and_answered_with_a_400_naming_na_reason(
    client, schema, editor, assessment
):
    """Catches the rule left to an `anyOf` no generated client can carry: it is said where a
    client's author reads it (the field, the operation) and the server names the field."""
    patch = schema["paths"]["/api/v1/cities/{slug}/assessments/{pk}/records/{code}/"]["patch"]
    change = schema["components"]["schemas"]["RecordChangeRequest"]
    assert "`not_applicable`" in change["properties"]["na_reason"]["description"]
    assert "`na_reason`" in patch["description"] and "400" in patch["responses"]
    url = reverse("api:record", args=["glasgow", assessment.pk, "L1S1"])
    for change in ({"status": "not_applicable"}, {"status": "not_applicable", "na_reason": " "}):
        response = client.patch(url, {"revision": 0, **change}, content_type="application/json",
                                **auth(editor, write=True))  # fmt: skip
        assert response.status_code == 400
        assert list(response.json()["fields"]) == ["na_reason"]
    record = assessment.records.get(action__code="L1S1")
    assert (record.status, record.revision) == ("not_started", 0)


@pytest.fixture
def with_file(assessment, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    record = assessment.records.select_related("action").get(action__code="L1S1")
    record.assessment = assessment
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    services.add_file(record, upload, "application/pdf", editor)
    return assessment


def _download_url(client, headers, assessment) -> str:
    url = reverse("api:record", args=["glasgow", assessment.pk, "L1S1"])
    (meta,) = client.get(url, **headers).json()["files"]
    return meta["download_url"]


def test_a_token_downloads_the_file_it_may_see(client, with_file, viewer):
    """Catches a download_url that sends a token's request to the sign-in page (302)."""
    headers = auth(viewer)
    response = client.get(_download_url(client, headers, with_file), **headers)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/octet-stream"  # its type: the metadata's
    assert 'filename="minutes.pdf"' in response["Content-Disposition"]


def test_a_token_of_another_city_gets_404_for_the_file(client, with_file, viewer, outsider):
    target = _download_url(client, auth(viewer), with_file)
    response = client.get(target, **auth(outsider))
    assert response.status_code == 404 and PDF not in response.content
    assert response.json()["code"] == "not_found"
    assert client.get(target).status_code == 401  # no token, no session: no redirect either


def _readme_endpoints() -> set[str]:
    """The method and path of each row of the README's endpoint table."""
    section = README.read_text().split("## The JSON API")[1].split("\n## ")[0]
    return set(re.findall(r"^\| `(GET|POST|PATCH|DELETE) (/api/v1/[^`]+)` \|", section, re.M))


def test_the_readme_lists_exactly_the_schemas_endpoints(schema):
    """Catches a README that says the Scorecard answers are not in the API while they are,
    or names an endpoint the schema lacks."""
    operations = {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "patch", "put", "delete")
    }
    assert _readme_endpoints() == operations
    assert "not in the API" not in README.read_text()
