"""The Scorecard's totals: one pure function, used by the page, the chart and the exports.

The rule: each answered question scores 0–3; an Essential's total is the sum of its answered
questions, out of 3 × its number of questions; the overall total is out of 3 × 47 = 141. An
unanswered question adds nothing and is counted apart, so "not answered" is never shown as a
score of 0 (the official workbook's Results sheet cannot tell the two apart).
"""

from dataclasses import dataclass

from localisation.queries import localised

from .models import MAX_SCORE


@dataclass(frozen=True)
class EssentialTotal:
    number: int
    title: str
    score: int
    maximum: int
    answered: int
    unanswered: int


@dataclass(frozen=True)
class Totals:
    essentials: list[EssentialTotal]
    score: int
    maximum: int
    answered: int
    unanswered: int


def totals(answers: list[tuple[int, str, int | None]]) -> Totals:
    """Totals from (Essential number, Essential title, score or None) per question."""
    by_number: dict[int, list] = {}
    titles: dict[int, str] = {}
    for number, title, score in answers:
        by_number.setdefault(number, []).append(score)
        titles[number] = title
    rows = []
    for number in sorted(by_number):
        scores = by_number[number]
        answered = [s for s in scores if s is not None]
        rows.append(
            EssentialTotal(
                number=number,
                title=titles[number],
                score=sum(answered),
                maximum=MAX_SCORE * len(scores),
                answered=len(answered),
                unanswered=len(scores) - len(answered),
            )
        )
    return Totals(
        essentials=rows,
        score=sum(r.score for r in rows),
        maximum=sum(r.maximum for r in rows),
        answered=sum(r.answered for r in rows),
        unanswered=sum(r.unanswered for r in rows),
    )


def totals_of(scorecard) -> Totals:
    """The totals of a stored Scorecard assessment (one query)."""
    rows = (
        scorecard.answers.annotate(essential_title=localised("question__essential__title"))
        .values_list("question__essential__number", "essential_title", "score")
        .order_by("question__essential__number", "question__order")
    )
    return totals(list(rows))
