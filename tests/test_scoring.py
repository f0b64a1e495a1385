"""The scoring rule: cumulative stages, the model's quirks, and monotonicity."""

from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.scoring import ActionRef, StageRef, subdimension_stage

STAGES = [
    StageRef("S", "Starting", 1),
    StageRef("M", "Moderate", 2),
    StageRef("A", "Advanced", 3),
    StageRef("R", "Robust", 4),
    StageRef("T", "Vertebrate", 5),
]
L2 = [ActionRef(c, c[2]) for c in ["L2M1", "L2A1", "L2R1", "L2T1"]]
C2 = [ActionRef(c, c[2]) for c in ["C2M1", "C2A1", "C2A2", "C2R1", "C2T1", "C2T2"]]
L1 = [
    ActionRef(c, c[2])
    for c in ["L1S1", "L1S2", "L1M1", "L1M2", "L1M3", "L1M4", "L1A1", "L1A2", "L1R1", "L1T1"]
]


def test_nothing_done_is_not_started_and_lists_the_starting_actions():
    result = subdimension_stage(L1, set(), STAGES)
    assert result.reached is None and result.level == 0
    assert result.next_stage.name == "Starting"
    assert [a.code for a in result.missing] == ["L1S1", "L1S2"]


def test_subdimension_without_starting_actions_is_at_starting_from_the_outset():
    for actions in (L2, C2):
        result = subdimension_stage(actions, set(), STAGES)
        assert result.reached.name == "Starting"
        assert result.next_stage.name == "Moderate"


def test_l2_reaches_moderate_with_its_only_moderate_action():
    result = subdimension_stage(L2, {"L2M1"}, STAGES)
    assert result.reached.name == "Moderate"
    assert [a.code for a in result.missing] == ["L2A1"]


def test_c2_needs_both_advanced_actions():
    result = subdimension_stage(C2, {"C2M1", "C2A1"}, STAGES)
    assert result.reached.name == "Moderate"
    assert [a.code for a in result.missing] == ["C2A2"]


def test_gap_in_the_middle_caps_the_stage_below_the_gap():
    done = {"L1S1", "L1S2", "L1M1", "L1M2", "L1M4", "L1A1", "L1A2", "L1R1", "L1T1"}
    result = subdimension_stage(L1, done, STAGES)
    assert result.reached.name == "Starting"
    assert [a.code for a in result.missing] == ["L1M3"]
    assert result.done == 9 and result.total == 10


def test_all_done_is_vertebrate_with_nothing_missing():
    result = subdimension_stage(L1, {a.code for a in L1}, STAGES)
    assert result.reached.name == "Vertebrate"
    assert result.next_stage is None and result.missing == ()
    assert result.percent_done == 100


def test_a_missing_code_number_is_no_gap():
    i1_top = [ActionRef("I1R1", "R"), ActionRef("I1T1", "T"), ActionRef("I1T3", "T")]
    assert subdimension_stage(i1_top, {"I1R1", "I1T1", "I1T3"}, STAGES).reached.name == (
        "Vertebrate"
    )


def test_dimension_summary_is_its_weakest_subdimension():
    result = subdimension_stage(L1 + L2, {"L1S1", "L1S2"}, STAGES)
    assert result.reached.name == "Starting"
    assert {a.code for a in result.missing} == {"L1M1", "L1M2", "L1M3", "L1M4", "L2M1"}


ALL = L1 + L2 + C2


@settings(max_examples=200, deadline=None)
@given(
    before=st.sets(st.sampled_from([a.code for a in ALL])),
    more=st.sets(st.sampled_from([a.code for a in ALL])),
)
def test_marking_more_actions_done_never_lowers_a_stage(before, more):
    for actions in (L1, L2, C2, ALL):
        low = subdimension_stage(actions, before, STAGES)
        high = subdimension_stage(actions, before | more, STAGES)
        assert high.level >= low.level
