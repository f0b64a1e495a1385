"""Scoring tests written against specific wrong versions of the scorecard and the quick tick.

Expected values are written down from the SMR model (fixtures/smr-rmm-2018.json):
stages S Starting 1, M Moderate 2, A Advanced 3, R Robust 4, T Vertebrate 5;
dimension L "Leadership & Governance" = L1 (10 actions: L1S1 L1S2 L1M1-4 L1A1-2 L1R1 L1T1),
L2 (L2M1 L2A1 L2R1 L2T1: no Starting action), L3 (L3S1 L3M1 L3M2 L3A1 L3R1 L3T1 L3T2),
L4 (L4S1 L4M1 L4A1 L4R1 L4T1).
"""

import re

import pytest
from django.urls import reverse

from maturity.scoring import ActionRef, subdimension_stage
from maturity.structure import load_structure

from .conftest import mark_done

L1_STARTING_AND_MODERATE = ["L1S1", "L1S2", "L1M1", "L1M2", "L1M3", "L1M4"]


@pytest.fixture
def structure(smr):
    return load_structure(smr)


# 5. A dimension's summary taken from its first subdimension only.


def test_dimension_stands_at_its_second_subdimension_when_the_first_is_higher(structure):
    """L1 at Moderate, L2 at Starting (nothing done: it has no Starting action), L3 and L4
    at Starting: dimension L is at Starting, not at L1's Moderate."""
    card = structure.score([*L1_STARTING_AND_MODERATE, "L3S1", "L4S1"])
    assert card.subdimensions["L1"].level == 2
    assert card.subdimensions["L2"].level == 1
    assert card.subdimensions["L3"].level == 1
    assert card.subdimensions["L4"].level == 1
    dim = card.dimensions["L"]
    assert dim.level == 1
    assert dim.reached.letter == "S"
    assert dim.next_stage.letter == "M"
    assert [a.code for a in dim.missing] == ["L2M1", "L3M1", "L3M2", "L4M1"]
    assert (dim.done, dim.total) == (8, 26)


def test_dimension_stands_at_its_last_subdimension_when_it_is_the_lowest(structure):
    """Everything of L up to Advanced except L4A1: L is at Moderate because of L4 alone."""
    done = [
        *L1_STARTING_AND_MODERATE,
        "L1A1",
        "L1A2",
        "L2M1",
        "L2A1",
        "L3S1",
        "L3M1",
        "L3M2",
        "L3A1",
        "L4S1",
        "L4M1",
    ]
    card = structure.score(done)
    assert [card.subdimensions[c].level for c in ("L1", "L2", "L3", "L4")] == [3, 3, 3, 2]
    assert card.dimensions["L"].level == 2
    assert [a.code for a in card.dimensions["L"].missing] == ["L4A1"]


def test_dimensions_are_scored_each_on_their_own_actions(structure):
    """P done to Starting, C2's first action done: P at Starting, C at level 0 (C1 has
    Starting actions not done), L and I at level 0."""
    card = structure.score(["P1S1", "P1S2", "P1S3", "P2S1", "P2S2", "P2S3", "C2M1"])
    assert {code: r.level for code, r in card.dimensions.items()} == {
        "L": 0,
        "P": 1,
        "I": 0,
        "C": 0,
    }
    assert list(card.dimensions) == ["L", "P", "I", "C"]  # model order
    assert (card.dimensions["P"].done, card.dimensions["P"].total) == (6, 20)
    assert (card.dimensions["C"].done, card.dimensions["C"].total) == (1, 19)
    assert card.subdimensions["C2"].level == 2  # Moderate: its only M action is done
    assert card.overall.level == 0
    assert (card.overall.done, card.overall.total) == (7, 90)


def test_overall_is_the_lowest_subdimension_of_all(structure):
    everything = list(structure.by_code)
    assert len(everything) == 90
    card = structure.score(everything)
    assert card.overall.level == 5 and card.overall.next_stage is None
    without_one = structure.score([c for c in everything if c != "C2T2"])
    assert without_one.overall.level == 4
    assert [a.code for a in without_one.overall.missing] == ["C2T2"]
    assert without_one.dimensions["L"].level == 5
    assert without_one.dimensions["C"].level == 4


def test_scorecard_rows_and_profile_follow_the_model_order(structure):
    card = structure.score(["L1S1", "L1S2", "I2S1"])
    assert [sub.code for sub, _r in card.rows] == [
        "L1", "L2", "L3", "L4", "P1", "P2", "I1", "I2", "C1", "C2",
    ]  # fmt: skip
    assert all(card.subdimensions[sub.code] is r for sub, r in card.rows)
    assert card.profile() == {
        "L1": 1, "L2": 1, "L3": 0, "L4": 0, "P1": 0, "P2": 0, "I1": 0, "I2": 0, "C1": 0,
        "C2": 1,
    }  # fmt: skip


def test_done_mask_sets_one_bit_per_done_action_in_model_order(structure):
    assert structure.done_mask("L1", set()) == 0
    assert structure.done_mask("L1", {"L1S1"}) == 0b1
    assert structure.done_mask("L1", {"L1S2", "L1M1"}) == 0b110
    assert structure.done_mask("L1", {"L1T1"}) == 1 << 9
    assert structure.done_mask("L2", {"L1S1", "L2A1"}) == 0b10  # other subdimensions ignored
    assert structure.codes_by_bit()["L2"] == ["L2M1", "L2A1", "L2R1", "L2T1"]
    assert structure.codes_by_bit()["L1"][9] == "L1T1"
    assert list(structure.codes_by_bit()) == [
        "L1", "L2", "L3", "L4", "P1", "P2", "I1", "I2", "C1", "C2",
    ]  # fmt: skip


def test_structure_groups_subdimensions_by_dimension(structure):
    assert [d.code for d in structure.dimensions] == ["L", "P", "I", "C"]
    by_dim = {d.code: [s.code for s in structure.subdimensions_of(d)] for d in structure.dimensions}
    assert by_dim == {"L": ["L1", "L2", "L3", "L4"], "P": ["P1", "P2"], "I": ["I1", "I2"],
                      "C": ["C1", "C2"]}  # fmt: skip
    assert [s.letter for s in structure.stages] == ["S", "M", "A", "R", "T"]
    assert structure.refs["L2A1"].stage_letter == "A"
    assert structure.by_code["I1T3"].code == "I1T3"


# 6. The quick tick's stage badge counting "in progress" as done.


def _badge_level(html: str, sub: str) -> int:
    """The level on the stage badge of `sub` in an htmx tick response."""
    match = re.search(r'<span class="[^"]*\bstage-(\d)\b[^"]*"[^>]*id="stage-' + sub + '"', html)
    assert match, f"no stage badge for {sub} in the response"
    return int(match.group(1))


def _missing(html: str, sub: str) -> list[str]:
    """The action codes listed as missing for `sub`'s next stage in an htmx tick response."""
    start = html.index(f'id="missing-{sub}"') if f'id="missing-{sub}"' in html else None
    if start is None:  # the subdimension's header cell, swapped out of band
        start = html.index(f'id="sub-{sub}"')
    block = html[start : html.index("</p>", start)]
    return re.findall(r'class="missing-code"[^>]*>(\w+)<', block)


def _tick(client, assessment, code, status):
    revision = assessment.records.get(action__code=code).revision
    return client.post(
        reverse("assessments:tick", args=["glasgow", assessment.pk, code]),
        {"status": status, "revision": revision},
        HTTP_HX_REQUEST="true",
    )


def test_ticking_the_last_starting_action_in_progress_does_not_reach_starting(
    client, editor, assessment
):
    """Catches: the tick counting "in_progress" as met."""
    client.force_login(editor)
    mark_done(assessment, ["L1S1"], editor)
    response = _tick(client, assessment, "L1S2", "in_progress")
    assert response.status_code == 200
    html = response.content.decode()
    assert assessment.records.get(action__code="L1S2").status == "in_progress"
    assert _badge_level(html, "L1") == 0
    assert _missing(html, "L1") == ["L1S2"]


def test_ticking_the_last_starting_action_done_reaches_starting(client, editor, assessment):
    client.force_login(editor)
    mark_done(assessment, ["L1S1"], editor)
    html = _tick(client, assessment, "L1S2", "done").content.decode()
    assert _badge_level(html, "L1") == 1
    assert _missing(html, "L1") == ["L1M1", "L1M2", "L1M3", "L1M4"]


def test_ticking_back_to_not_started_drops_the_stage(client, editor, assessment):
    client.force_login(editor)
    mark_done(assessment, ["L2M1", "L2A1"], editor)
    html = _tick(client, assessment, "L2M1", "not_started").content.decode()
    assert _badge_level(html, "L2") == 1  # Starting: L2 has no Starting action


# Counts per stage and not-applicable actions (maturity.scoring.subdimension_stage).


def test_stage_counts_and_not_applicable_actions_are_counted_apart(structure):
    l1 = [structure.refs[c] for c in structure.codes_by_bit()["L1"]]
    stages = structure.stage_refs
    # Met: L1S1 done, L1S2 not applicable, L1M1 done. L1A1 is named not applicable but is
    # not met, so it counts for nothing.
    result = subdimension_stage(l1, {"L1S1", "L1S2", "L1M1"}, stages, {"L1S2", "L1A1"})
    assert result.level == 1
    assert (result.done, result.not_applicable, result.met, result.total) == (2, 1, 3, 10)
    assert result.done_by_stage == {
        "S": (2, 2),
        "M": (1, 4),
        "A": (0, 2),
        "R": (0, 1),
        "T": (0, 1),
    }


def test_an_unknown_stage_letter_is_refused_with_its_code(structure):
    bad = [ActionRef("L1X1", "X")]
    with pytest.raises(ValueError) as refused:
        subdimension_stage(bad, set(), structure.stage_refs)
    assert str(refused.value) == "L1X1: unknown stage letter 'X'"


def test_the_scorecard_counts_not_applicable_actions_at_every_level(structure):
    card = structure.score(["L1S1", "L1S2", "P1S1"], ["L1S2", "P1S1"])
    assert (card.subdimensions["L1"].done, card.subdimensions["L1"].not_applicable) == (1, 1)
    assert (card.dimensions["L"].done, card.dimensions["L"].not_applicable) == (1, 1)
    assert (card.overall.done, card.overall.not_applicable) == (1, 2)
    assert card.dimension_of["L2"] == "L" and card.dimension_of["C2"] == "C"


# Loading a version's structure (maturity.structure.load_structure and its cache).


@pytest.fixture
def smr_without_c2(db, smr_doc):
    """The SMR model under another slug, without subdimension C2."""
    import copy

    from maturity.loader import load_model

    doc = copy.deepcopy(smr_doc)
    doc["version"]["slug"] = "smr-without-c2"
    doc["version"]["name"] = "SMR without C2"
    cooperation = next(d for d in doc["dimensions"] if d["code"] == "C")
    cooperation["subdimensions"] = [s for s in cooperation["subdimensions"] if s["code"] != "C2"]
    return load_model(doc).version


def test_each_version_gets_its_own_structure(smr, smr_without_c2):
    full, reduced = load_structure(smr), load_structure(smr_without_c2)
    assert full.version == smr and reduced.version == smr_without_c2
    assert "C2" in full.sub_by_code and "C2" not in reduced.sub_by_code
    assert load_structure(smr) is full  # published versions are cached
    assert len(reduced.by_code) == 84


def test_a_structure_loads_in_four_queries_with_stakeholders_and_dimensions(
    smr_without_c2, django_assert_num_queries
):
    with django_assert_num_queries(4):
        structure = load_structure(smr_without_c2)
        assert [s.stakeholders.all()[0].pk > 0 for s in structure.stages]
        assert {s.dimension.code for s in structure.subdimensions} == {"L", "P", "I", "C"}


def test_subdimensions_follow_their_order_within_a_dimension(smr_without_c2):
    from maturity.models import Subdimension

    subs = Subdimension.objects.filter(dimension__version=smr_without_c2)
    subs.filter(code="L1").update(order=2)
    subs.filter(code="L2").update(order=1)
    structure = load_structure(smr_without_c2)
    assert [s.code for s in structure.subdimensions][:4] == ["L2", "L1", "L3", "L4"]
