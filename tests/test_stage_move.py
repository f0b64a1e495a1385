"""A tick scores the assessment once in full and, for "before", again only what the changed
action can move (ModelStructure.rescore): the before-profile must be the profile a full
scoring of the earlier statuses gives, whichever action changed."""

import random

from maturity.structure import load_structure


def _same(a, b) -> bool:
    return (a.subdimensions, a.dimensions, a.overall) == (b.subdimensions, b.dimensions, b.overall)


def test_rescoring_one_action_gives_what_a_full_scoring_gives(smr):
    structure = load_structure(smr)
    codes = [a.code for a in structure.actions]
    rng = random.Random(2026)
    for _ in range(40):
        met = {c for c in codes if rng.random() < rng.choice([0.2, 0.5, 0.9])}
        na = {c for c in met if rng.random() < 0.1}
        after = structure.score(met, na)
        for code in codes:
            then = met ^ {code}  # the action was met and is not now, or the reverse
            before = structure.rescore(after, code, then, na & then)
            assert _same(before, structure.score(then, na & then)), code
