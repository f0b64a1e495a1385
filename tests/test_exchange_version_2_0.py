"""The exchange format carries an assessment on the SMR Maturity Model 2.0 as it does a 2018
one: its 124 records by 2.0 code, exported, imported (page, command and API) and exported
again without a difference; a 2018 file naming a 2.0-only code is refused, never mixed."""

import json
from datetime import date

import jsonschema
import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import City
from api.models import ApiToken
from assessments import services
from assessments.matrix import build_matrix
from exchange.compare import differences
from exchange.document import SCHEMA_PATH

from .conftest import mark_done, record_of, update_action
from .exchange_helpers import as_json, upload

# 2.0 codes only (new in 2.0, or renumbered: 2.0's L1M3 is 2018's L1M4).
DONE = ["L1S1", "L1S2", "L1M3", "U1S1", "U1S3", "U1S4", "U2S1", "U2S4"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def on_2_0(smr2, city, editor):
    assessment = services.start_assessment(
        city, smr2, title="Self-assessment 2027", reference_date=date(2027, 3, 31), user=editor
    )
    mark_done(assessment, DONE, editor)
    update_action(assessment, "U2S4", editor, note="Council target: -55 % by 2030")
    update_action(
        assessment, "I1T1", editor, status="not_applicable", na_reason="No data platform yet"
    )
    return services.submit(assessment, editor)


def test_the_json_export_of_a_2_0_assessment_holds_its_124_records_by_2_0_code(
    client, viewer, on_2_0
):
    client.force_login(viewer)
    response = client.get(reverse("exchange:export_json", args=["glasgow", on_2_0.pk]))
    assert response.status_code == 200
    document = json.loads(response.content)
    jsonschema.validate(document, json.loads(SCHEMA_PATH.read_text()))
    assert document["model_version"]["slug"] == "smr-maturity-model-2-0"
    records = {r["code"]: r for r in document["records"]}
    assert len(document["records"]) == 124 and len(records) == 124
    assert document["records"][0]["code"] == "L1S1" and document["records"][-1]["code"] == "U2T1"
    assert {c for c, r in records.items() if r["status"] == "done"} == set(DONE)
    assert records["U2S4"]["note"] == "Council target: -55 % by 2030"
    assert records["I1T1"]["na_reason"] == "No data platform yet"
    assert "P1S2" not in records  # 2018's code; 2.0 calls it I1S1


def test_a_2_0_assessment_goes_out_and_back_without_a_difference(on_2_0, tmp_path):
    call_command("export_assessment", str(on_2_0.pk), "-o", str(tmp_path / "first.json"))
    call_command("import_assessment", "glasgow-elsewhere", str(tmp_path / "first.json"))
    moved = City.objects.get(slug="glasgow-elsewhere").assessments.get()
    assert moved.model_version.slug == "smr-maturity-model-2-0"
    assert moved.records.count() == 124
    assert record_of(moved, "U2S4").note == "Council target: -55 % by 2030"
    # Scored the same on arrival: U1 and U2 reached Starting, L1 working on Moderate.
    card = build_matrix(moved).scorecard
    assert card.subdimensions["U1"].reached.name == "Starting"
    assert card.subdimensions["U2"].reached.name == "Starting"
    assert card.subdimensions["L1"].reached.name == "Starting"
    call_command("export_assessment", str(moved.pk), "-o", str(tmp_path / "second.json"))
    first, second = ((tmp_path / n).read_bytes() for n in ("first.json", "second.json"))
    found, compared = differences(first, second)
    assert found == ["city.slug: 'glasgow' != 'glasgow-elsewhere'"]
    assert compared > 124 * 7


def test_the_api_exports_and_imports_a_2_0_assessment(client, on_2_0, other_city, outsider):
    _token, key = ApiToken.issue(on_2_0.created_by, "exchange", can_write=False)
    url = reverse("api:export", kwargs={"slug": "glasgow", "pk": on_2_0.pk})
    document = client.get(url, HTTP_AUTHORIZATION=f"Token {key}").json()
    assert len(document["records"]) == 124
    _token, key = ApiToken.issue(outsider, "exchange", can_write=True)
    response = client.post(
        reverse("api:import", kwargs={"slug": "riga"}),
        {"file": upload(as_json(document))},
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 201, response.content
    imported = other_city.assessments.get(pk=response.json()["id"])
    assert imported.model_version.slug == "smr-maturity-model-2-0"
    done = set(imported.records.filter(status="done").values_list("action__code", flat=True))
    assert done == set(DONE)


def test_a_2018_file_naming_a_2_0_only_code_is_refused(
    client, assessment, smr2, other_city, outsider, tmp_path
):
    from exchange.document import build

    document, _blobs = build(assessment)
    document["records"][0]["code"] = "U1S1"  # exists in 2.0, not in 2018
    client.force_login(outsider)
    response = client.post(
        reverse("exchange:import", args=["riga"]), {"file": upload(as_json(document))}
    )
    assert response.status_code == 400
    assert (
        "the action U1S1 is not in the model version “smr-rmm-2018”"
        in (response.context["form"].errors["file"][0])
    )
    assert not other_city.assessments.exists()
