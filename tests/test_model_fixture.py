"""The shipped SMR model is the seed, verbatim, with its real quirks."""

import re
from collections import Counter

import pytest

from maturity.models import Action, Subdimension

from .seed_parser import SEED, parse_seed

COUNTS = {  # domain.md: S/M/A/R/T per subdimension
    "L1": (2, 4, 2, 1, 1), "L2": (0, 1, 1, 1, 1), "L3": (1, 2, 1, 1, 2), "L4": (1, 1, 1, 1, 1),
    "P1": (3, 1, 1, 1, 1), "P2": (3, 1, 4, 2, 3), "I1": (3, 5, 1, 1, 2), "I2": (3, 2, 4, 2, 2),
    "C1": (2, 2, 4, 3, 2), "C2": (0, 1, 2, 1, 2),
}  # fmt: skip


def test_fixture_holds_exactly_90_actions(smr):
    assert Action.objects.for_version(smr).count() == 90


def test_counts_per_subdimension_and_stage_match_the_domain(smr):
    counts = Counter(
        Action.objects.for_version(smr).values_list("subdimension__code", "stage__letter")
    )
    for sub, expected in COUNTS.items():
        assert tuple(counts[(sub, letter)] for letter in "SMART") == expected, sub


def test_codes_are_unique_and_match_their_subdimension_and_stage(smr):
    actions = list(Action.objects.for_version(smr).select_related("stage", "subdimension"))
    codes = [a.code for a in actions]
    assert len(set(codes)) == len(codes) == 90
    for a in actions:
        match = re.fullmatch(r"([LPIC]\d)([SMART])(\d+)", a.code)
        assert match, a.code
        assert match[1] == a.subdimension.code
        assert match[2] == a.stage.letter


def test_real_quirks_are_kept(smr):
    codes = set(Action.objects.for_version(smr).values_list("code", flat=True))
    assert "I1T1" in codes and "I1T3" in codes and "I1T2" not in codes
    assert not any(c.startswith(("L2S", "C2S")) for c in codes)
    l1 = Subdimension.objects.get(dimension__version=smr, code="L1")
    assert "cross-sectiorial" in l1.title
    assert "the the resilience" in Action.objects.get(code="I2R2").text


def test_stages_are_ordered_with_vertebrate_as_T(smr):
    stages = list(smr.stages.values_list("letter", "name"))
    assert stages == [
        ("S", "Starting"),
        ("M", "Moderate"),
        ("A", "Advanced"),
        ("R", "Robust"),
        ("T", "Vertebrate"),
    ]
    assert [g.name for g in smr.stages.get(letter="R").stakeholders.all()] == [
        "European policy makers"
    ]


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this checkout")
def test_fixture_is_the_seed_verbatim(smr_doc):
    seed = parse_seed(SEED.read_text(encoding="utf-8"))
    shipped = {
        d["name"]: {s["code"]: (s["title"], [(a["code"], a["text"]) for a in s["actions"]])
                    for s in d["subdimensions"]}
        for d in smr_doc["dimensions"]
    }  # fmt: skip
    assert shipped == seed
