"""load_maturity_model: idempotent, versioned, and all-or-nothing on bad input."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from maturity.loader import ModelFileError, load_model
from maturity.models import Action, ModelVersion

from .conftest import FIXTURE


def test_loading_twice_changes_nothing(db, smr_doc, tmp_path, capsys):
    # The shipped file under a new slug: the session's database already holds the shipped one.
    path = tmp_path / "model.json"
    path.write_text(json.dumps({**smr_doc, "version": {**smr_doc["version"], "slug": "again"}}))
    call_command("load_maturity_model", str(path))
    assert "Already loaded" not in capsys.readouterr().out
    first = list(Action.objects.values_list("pk", "code", "text"))
    call_command("load_maturity_model", str(path))
    assert list(Action.objects.values_list("pk", "code", "text")) == first
    assert ModelVersion.objects.filter(slug="again").count() == 1
    assert "Already loaded" in capsys.readouterr().out
    call_command("load_maturity_model", str(FIXTURE))  # and the session's own, by its file
    assert "Already loaded" in capsys.readouterr().out


def test_a_second_version_leaves_the_first_untouched(smr, smr_doc, assessment):
    before = list(Action.objects.for_version(smr).values_list("pk", "code", "text"))
    doc = copy.deepcopy(smr_doc)
    doc["version"] = {"slug": "smr-rmm-2025", "name": "SMR RMM 2025"}
    doc["dimensions"][0]["subdimensions"][0]["actions"][0]["text"] = "Revised text"
    new = load_model(doc).version
    assert list(Action.objects.for_version(smr).values_list("pk", "code", "text")) == before
    assert Action.objects.for_version(new).get(code="L1S1").text == "Revised text"
    assert assessment.records.first().action.subdimension.dimension.version == smr


def _broken(smr_doc, change):
    doc = copy.deepcopy(smr_doc)
    doc["version"]["slug"] = "broken"
    change(doc)
    return doc


def _action(doc, d=0, s=1, a=0):
    return doc["dimensions"][d]["subdimensions"][s]["actions"][a]


BAD_INPUTS = {
    "unknown stage letter": (
        lambda doc: _action(doc).update(code="L2X1"),
        "dimensions[0].subdimensions[1].actions[0] (L2X1): unknown stage letter 'X'",
    ),
    "duplicate code": (
        lambda doc: _action(doc, a=1).update(code="L2M1"),
        "dimensions[0].subdimensions[1].actions[1] (L2M1): duplicate action code 'L2M1'",
    ),
    "missing field": (
        lambda doc: _action(doc).pop("text"),
        "dimensions[0].subdimensions[1].actions[0]: missing field 'text'",
    ),
    "wrong subdimension prefix": (
        lambda doc: _action(doc).update(code="L3M9"),
        "dimensions[0].subdimensions[1].actions[0] (L3M9): code must start with its "
        "subdimension's code 'L2'",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_refused_naming_the_record_and_writes_nothing(db, smr_doc, case, tmp_path):
    change, message = BAD_INPUTS[case]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(_broken(smr_doc, change)))
    before = (ModelVersion.objects.count(), Action.objects.count())  # the session's model
    with pytest.raises(CommandError) as exc:
        call_command("load_maturity_model", str(path))
    assert message in str(exc.value)
    assert "Nothing was loaded" in str(exc.value)
    assert (ModelVersion.objects.count(), Action.objects.count()) == before


def test_invalid_json_names_the_line(db, tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{\n  "format": "resilience-maturity-model/1",\n  oops\n}')
    with pytest.raises(CommandError, match="line 3"):
        call_command("load_maturity_model", str(path))


def test_validation_runs_before_any_write(db, smr_doc):
    doc = _broken(smr_doc, lambda d: d["dimensions"][3]["subdimensions"][1]["actions"].append(
        {"code": "C2Z1", "text": "x"}))  # fmt: skip
    with pytest.raises(ModelFileError):
        load_model(doc)
    assert not ModelVersion.objects.filter(slug="broken").exists()


def test_admin_shows_a_published_version_read_only(client, smr, admin_user):
    from django.urls import reverse

    action = Action.objects.for_version(smr).get(code="L1S1")
    client.force_login(admin_user)
    url = reverse("admin:maturity_action_change", args=[action.pk])
    page = client.get(url).content.decode()
    # Only the translations of a published version can be corrected: the English reference
    # text, the code and the order stay as loaded.
    assert 'name="text_en"' not in page and 'name="code"' not in page
    assert 'name="text_es"' in page
    client.post(url, {"code": "L9", "text_en": "Changed", "text_es": "Corregido", "order": 9})
    action.refresh_from_db()
    assert action.text_en.startswith("Establish a working team")
    assert (action.code, action.order, action.text_es) == ("L1S1", 1, "Corregido")
    ModelVersion.objects.filter(pk=smr.pk).update(published=False)
    assert 'name="text_en"' in client.get(url).content.decode()
