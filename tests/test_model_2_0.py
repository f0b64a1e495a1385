"""The SMR Maturity Model 2.0 as a second published version, read from Tecnun's workbook."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from maturity.models import Action, ModelVersion, Subdimension

from .conftest import FIXTURE_2_0, SHARED

WORKBOOK = SHARED / "data" / "smr-maturity-model-2.0.xlsx"
COUNTS = {  # issue 28: actions per subdimension
    "L1": 9, "L2": 4, "L3": 7, "L4": 9, "P1": 10, "P2": 13,
    "I1": 15, "I2": 13, "C1": 15, "C2": 6, "U1": 12, "U2": 11,
}  # fmt: skip


def _fixture_actions() -> dict[str, str]:
    doc = json.loads(FIXTURE_2_0.read_text(encoding="utf-8"))
    return {
        a["code"]: a["text"]
        for d in doc["dimensions"]
        for s in d["subdimensions"]
        for a in s["actions"]
    }


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_fixture_holds_the_124_actions_by_subdimension():
    codes = _fixture_actions()
    assert len(codes) == 124
    assert Counter(code[:2] for code in codes) == COUNTS


@pytest.mark.skipif(not WORKBOOK.exists(), reason="../shared (the 2.0 workbook) is absent")
def test_fixture_texts_are_the_workbooks():
    sheet = load_workbook(WORKBOOK)["MaturityModel 2.0"]
    in_workbook = {}
    for row in sheet.iter_rows(min_row=3, min_col=3, max_col=7):
        for cell in row:
            parts = re.split(r"\(([A-Z]\d[A-Z]\d+)\)", cell.value or "")
            for code, text in zip(parts[1::2], parts[2::2], strict=True):
                in_workbook[code] = _squash(text)
    assert {c: _squash(t) for c, t in _fixture_actions().items()} == in_workbook
    assert in_workbook["L1M3"].startswith("Promote equality of access to services")


def test_2_0_loads_beside_2018_as_a_second_published_version(smr, smr2):
    assert set(ModelVersion.objects.published().values_list("slug", flat=True)) == {
        "smr-rmm-2018",
        "smr-maturity-model-2-0",
    }
    assert Action.objects.for_version(smr).count() == 90
    assert Action.objects.for_version(smr2).count() == 124
    assert list(smr2.dimensions.values_list("code", "name")) == [
        ("L", "Leadership&Governance"),
        ("P", "Preparedeness"),
        ("I", "Infrastructure & Resources"),
        ("C", "Cooperation"),
        ("U", "Landscape and urban planning"),
    ]
    assert Subdimension.objects.filter(dimension__version=smr2).count() == 12


def test_2_0_keeps_its_quirks_and_its_stakeholders(smr2):
    subs = dict(Subdimension.objects.filter(dimension__version=smr2).values_list("code", "title"))
    assert subs["L4"] == "RESILIENCE ACTION PLAN DEVELOPMENT"
    assert subs["C1"] == "Collective engagement  and awareness"
    assert subs["U1"] == "Urban development" and subs["U2"] == "Environmental"
    c1s1 = Action.objects.for_version(smr2).get(code="C1S1")
    assert (
        c1s1.text == "Map relevant stakehodlers to facilitate collective engagement and awareness"
    )
    stakeholders = {s.letter: [g.name for g in s.stakeholders.all()] for s in smr2.stages.all()}
    assert "Media" in stakeholders["A"]
    assert stakeholders["R"] == ["European legislative body"]
    assert stakeholders["T"] == ["International organizations"]


def test_2_0_indicators_are_kept_with_their_subdimension(smr2):
    l1 = Subdimension.objects.get(dimension__version=smr2, code="L1")
    assert l1.indicators.filter(kind="leading").first().text == (
        "Number of cooperation agreements with CITY stakeholders (L1S1, L1S2, L1M1)"
    )
    i1 = Subdimension.objects.get(dimension__version=smr2, code="I1")
    assert i1.indicators.filter(kind="result").count() == 6


def _workbook(path: Path, cells: dict[str, str]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "MaturityModel 2.0"
    sheet["C2"] = "Local Government"
    sheet["A3"] = "Leadership"
    sheet["B3"] = "Collaboration (L1)"
    for coordinate, value in cells.items():
        sheet[coordinate] = value
    book.save(path)
    return path


def test_extractor_refuses_a_duplicated_code_naming_the_cell(tmp_path):
    book = _workbook(tmp_path / "dup.xlsx", {"C3": "(L1S1) One", "D3": "(L1S1) Again"})
    output = tmp_path / "out.json"
    with pytest.raises(CommandError, match=r"cell D3: code L1S1 is already in cell C3"):
        call_command("extract_maturity_workbook", str(book), output=str(output))
    assert not output.exists()


def test_extractor_refuses_a_code_of_no_subdimension_naming_the_cell(tmp_path):
    book = _workbook(tmp_path / "lost.xlsx", {"C3": "(L1S1) One", "E3": "(X9A1) Stray"})
    with pytest.raises(CommandError, match=r"cell E3: code X9A1 names subdimension X9"):
        call_command("extract_maturity_workbook", str(book), output=str(tmp_path / "o.json"))


def test_extractor_writes_a_loadable_model_file(tmp_path):
    book = _workbook(tmp_path / "ok.xlsx", {"C3": "(L1S1)  Team  ", "D3": "(L1M1) Plan"})
    output = tmp_path / "out.json"
    call_command("extract_maturity_workbook", str(book), output=str(output))
    doc = json.loads(output.read_text(encoding="utf-8"))
    assert doc["dimensions"][0]["subdimensions"][0]["actions"] == [
        {"code": "L1S1", "text": "Team"},
        {"code": "L1M1", "text": "Plan"},
    ]
