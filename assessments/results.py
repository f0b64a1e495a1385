"""Read-side helpers: an assessment's scorecard and the comparison of two assessments.

They gather plain values with a fixed number of queries and defer to the scoring rule.
"""

from dataclasses import dataclass

from maturity.scoring import ActionRef, StageRef, StageResult, subdimension_stage
from maturity.structure import ModelStructure, Scorecard, load_structure

from .models import ActionStatus, Assessment


def done_codes(assessment: Assessment) -> set[str]:
    return set(
        assessment.records.filter(status=ActionStatus.DONE).values_list("action__code", flat=True)
    )


def scorecard(assessment: Assessment, structure: ModelStructure | None = None) -> Scorecard:
    structure = structure or load_structure(assessment.model_version)
    return structure.score(done_codes(assessment))


@dataclass(frozen=True)
class SubdimensionMove:
    code: str
    title: str
    before: str
    after: str
    delta: int


@dataclass(frozen=True)
class Comparison:
    older: Assessment
    newer: Assessment
    rows: list[SubdimensionMove]
    completed: list[str]
    reverted: list[str]

    @property
    def moved_up(self) -> list[SubdimensionMove]:
        return [r for r in self.rows if r.delta > 0]

    @property
    def moved_down(self) -> list[SubdimensionMove]:
        return [r for r in self.rows if r.delta < 0]


def compare(a: Assessment, b: Assessment) -> Comparison:
    """Compare two assessments of one city, older first whichever order they are given in."""
    older, newer = sorted([a, b], key=lambda x: (x.reference_date, x.pk))
    s_old = load_structure(older.model_version)
    s_new = (
        s_old
        if newer.model_version_id == older.model_version_id
        else load_structure(newer.model_version)
    )
    done_old, done_new = done_codes(older), done_codes(newer)
    card_old, card_new = s_old.score(done_old), s_new.score(done_new)
    rows = []
    for sub in s_new.subdimensions:
        before = card_old.subdimensions.get(sub.code)
        after = card_new.subdimensions[sub.code]
        rows.append(
            SubdimensionMove(
                code=sub.code,
                title=sub.title,
                before=before.reached_name if before else "—",
                after=after.reached_name,
                delta=after.level - (before.level if before else 0),
            )
        )
    order = list(s_new.by_code)
    return Comparison(
        older=older,
        newer=newer,
        rows=rows,
        completed=[c for c in order if c in done_new and c not in done_old],
        reverted=[c for c in order if c in done_old and c not in done_new],
    )


def subdimension_result(assessment: Assessment, subdimension) -> StageResult:
    """One subdimension's stage, with two queries: what the quick tick re-renders."""
    stages = [StageRef(s.letter, s.name, s.order) for s in assessment.model_version.stages.all()]
    rows = assessment.records.filter(action__subdimension=subdimension).values_list(
        "action__code", "action__stage__letter", "status"
    )
    refs, done = [], set()
    for code, letter, status in rows:
        refs.append(ActionRef(code, letter))
        if status == ActionStatus.DONE:
            done.add(code)
    return subdimension_stage(refs, done, stages)
