"""Issue 29, deliver 1: the 2.0 model's leading and result indicators, as the workbook has them."""

import pytest
from openpyxl import load_workbook

from maturity.models import Indicator

from .conftest import SHARED

WORKBOOK = SHARED / "data" / "smr-maturity-model-2.0.xlsx"


def _workbook_indicators() -> list[tuple[str, str, str]]:
    """(subdimension code, kind, line) for every non-empty line of columns H and I, read
    straight from the workbook (not through the extractor under test). Each indicator cell
    sits on the rows of the subdimension whose "(code)" column B names (merged over them)."""
    sheet = load_workbook(WORKBOOK)["MaturityModel 2.0"]
    owner = {}
    for merged in sheet.merged_cells.ranges:
        if merged.min_col == 2:
            for row in range(merged.min_row, merged.max_row + 1):
                owner[row] = merged.start_cell.value
    found = []
    for row in range(3, sheet.max_row + 1):
        title = owner.get(row) or sheet.cell(row=row, column=2).value
        for column, kind in ((8, "leading"), (9, "result")):
            value = sheet.cell(row=row, column=column).value
            if isinstance(value, str):
                code = title.strip()[-3:-1]
                found += [(code, kind, line.strip()) for line in value.splitlines() if line.strip()]
    return found


@pytest.mark.skipif(not WORKBOOK.exists(), reason="../shared (the 2.0 workbook) is absent")
def test_every_indicator_of_the_workbook_is_in_the_fixture_verbatim(smr2_doc):
    in_fixture = [
        (sub["code"], item["kind"], item["text"])
        for dim in smr2_doc["dimensions"]
        for sub in dim["subdimensions"]
        for item in sub["indicators"]
    ]
    expected = _workbook_indicators()
    assert len(expected) == 52
    assert sorted(in_fixture) == sorted(expected)


def test_the_published_spelling_and_brackets_are_kept(smr2):
    texts = set(Indicator.objects.values_list("text", flat=True))
    assert (
        "Number of cooperation agreements with external governmental bodies and cities ( L2M1)"
        in texts
    )
    assert (
        "Number of cooperation agreemensts with external governmental bodies and cities "
        "(C2M1, C2A1, C2A2, C2R1, C2T1, C2T2)"
    ) in texts
    assert (
        "Percentage of lessons learned implemented per lessons learned identified (L3A1)" in texts
    )


def test_each_indicator_names_the_actions_it_cites_and_those_the_model_lacks(smr2):
    l1 = {i.text[:45]: i for i in Indicator.objects.filter(subdimension__code="L1")}
    external = l1["Number of cooperation agreements with externa"]
    assert external.kind == "leading"
    assert external.citations == [
        ("L1S2", True), ("L1A1", True), ("L1A2", True), ("L1R1", False), ("L1T1", False),
    ]  # fmt: skip
    problems = l1["Number of problem areas covered in the resilien"[:45]]
    assert problems.unresolved == ["L1M4", "L1M5"]
    certifications = Indicator.objects.get(
        subdimension__code="L2", text__startswith="Number of cert"
    )
    assert certifications.kind == "result" and certifications.unresolved == ["L2A2"]


def test_indicators_have_stable_codes_per_subdimension_and_kind(smr2):
    i1 = Indicator.objects.filter(subdimension__code="I1", subdimension__dimension__version=smr2)
    assert [i.code for i in i1.filter(kind="result")] == [f"I1-result-{n}" for n in range(1, 7)]
    assert i1.get(code="I1-leading-2").text == "Number of stress tests/audits (I1M5)"
    assert Indicator.objects.filter(subdimension__dimension__version=smr2).count() == 52


def test_indicator_texts_are_translated_with_the_rest_of_the_content(smr2):
    from django.core.management import call_command
    from django.utils import translation

    call_command("load_translations", verbosity=0)
    indicator = Indicator.objects.get(subdimension__dimension__version=smr2, code="L4-result-1")
    with translation.override("nb"):
        assert (
            indicator.text
            == "Antall oppdateringer av handlingsplanen for motstandsdyktighet (L4A1)"
        )
    with translation.override("es"):
        assert indicator.text.endswith("(L4A1)") and indicator.text.startswith("Número de")
    translated = Indicator.objects.filter(subdimension__dimension__version=smr2)
    for language in ("es", "fr", "it", "nb"):
        assert not translated.filter(**{f"text_{language}__isnull": True}).exists()
