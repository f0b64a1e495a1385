"""Issue 26, point 2: export and import through the API, with the page's checks."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from api.models import ApiToken
from assessments.models import Assessment

from .exchange_helpers import fill, upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def exported(assessment, editor, tmp_path):
    fill(assessment, editor)
    call_command("export_assessment", str(assessment.pk), "-o", str(tmp_path / "g.zip"))
    return (tmp_path / "g.zip").read_bytes()


def _auth(user, write=True):
    _token, key = ApiToken.issue(user, "exchange", can_write=write)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_the_api_exports_the_document(client, exported, assessment, viewer):
    url = reverse("api:export", kwargs={"slug": "glasgow", "pk": assessment.pk})
    response = client.get(url, **_auth(viewer, write=False))
    assert response.status_code == 200
    document = response.json()
    assert document["format_version"] == "1.0" and len(document["records"]) == 90
    assert document["records"][0]["owner"] == "editor@glasgow.test"


def test_the_api_imports_a_file_as_a_new_assessment(client, exported, other_city, outsider):
    url = reverse("api:import", kwargs={"slug": "riga"})
    response = client.post(url, {"file": upload(exported, "g.zip")}, **_auth(outsider))
    assert response.status_code == 201
    body = response.json()
    assert (body["city"], body["title"], body["status"]) == (
        "riga",
        "Self-assessment 2026",
        "draft",
    )
    imported = other_city.assessments.get(pk=body["id"])
    assert imported.records.get(action__code="L1S1").files.count() == 1


def test_a_draft_meeting_a_draft_is_409_unless_as_history(client, exported, editor):
    url = reverse("api:import", kwargs={"slug": "glasgow"})
    response = client.post(url, {"file": upload(exported, "g.zip")}, **_auth(editor))
    assert response.status_code == 409 and response.json()["code"] == "draft_exists"
    assert Assessment.objects.count() == 1
    response = client.post(
        url, {"file": upload(exported, "g.zip"), "as_history": "true"}, **_auth(editor)
    )
    assert response.status_code == 201 and response.json()["status"] == "submitted"


def test_a_bad_file_is_a_400_naming_it(client, exported, other_city, outsider):
    document = {"format": "resilience-maturity-assessment", "format_version": "1.0"}
    url = reverse("api:import", kwargs={"slug": "riga"})
    response = client.post(url, {"file": upload(json.dumps(document).encode())}, **_auth(outsider))
    assert response.status_code == 400
    assert response.json()["fields"]["file"] == [
        "the document does not follow the exchange format: 'model_version' is a required property"
    ]
    assert not other_city.assessments.exists()


def test_viewers_read_only_tokens_and_outsiders_cannot_import(
    client, exported, editor, viewer, outsider
):
    url = reverse("api:import", kwargs={"slug": "glasgow"})
    assert client.post(url, {"file": upload(exported)}, **_auth(viewer)).status_code == 403
    assert client.post(url, {"file": upload(exported)}, **_auth(editor, False)).status_code == 403
    assert client.post(url, {"file": upload(exported)}, **_auth(outsider)).status_code == 404
    assert Assessment.objects.count() == 1
