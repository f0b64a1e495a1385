"""The peer-reviewed stage: the one scoring rule, fed the assessment's statuses with the
reviewers' suggested ones put in their place. No second rule: `assessments.results` turns
statuses into scoring inputs and `ModelStructure.score` applies the rule."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.results import inputs_from, statuses
from maturity import wording
from maturity.structure import load_structure

from .models import Review, Verdict


@dataclass(frozen=True)
class SideBySide:
    code: str
    title: str
    self_assessed: str
    peer_reviewed: str
    differs: bool
    in_scope: bool


@dataclass(frozen=True)
class ReviewResults:
    rows: list[SideBySide]
    agreement: int | None  # per cent of findings that agree; None without findings
    findings: int


def reviewed_statuses(review: Review, own: dict[int, str]) -> dict[int, str]:
    """Action id → status, the reviewers' suggestion where they questioned or disagreed."""
    merged = dict(own)
    for action_id, verdict, suggested in review.findings.values_list(
        "action_id", "verdict", "suggested_status"
    ):
        if verdict != Verdict.AGREE and suggested:
            merged[action_id] = suggested
    return merged


def review_results(review: Review) -> ReviewResults:
    """Self-assessed and peer-reviewed stage of each subdimension, and the agreement rate."""
    assessment = review.assessment
    structure = load_structure(assessment.model_version)
    own = statuses(assessment)
    card_self = structure.score(*inputs_from(structure, own))
    card_peer = structure.score(*inputs_from(structure, reviewed_statuses(review, own)))
    names = [s.name for s in structure.stages]
    rows = []
    for sub, mine in card_self.rows:
        theirs = card_peer.subdimensions[sub.code]
        rows.append(
            SideBySide(
                code=sub.code,
                title=sub.title,
                self_assessed=wording.level_label(mine.level, names),
                peer_reviewed=wording.level_label(theirs.level, names),
                differs=mine.level != theirs.level,
                in_scope=review.in_scope(sub.code),
            )
        )
    verdicts = list(review.findings.values_list("verdict", flat=True))
    agreement = (
        round(100 * sum(v == Verdict.AGREE for v in verdicts) / len(verdicts)) if verdicts else None
    )
    return ReviewResults(rows=rows, agreement=agreement, findings=len(verdicts))
