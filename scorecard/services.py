"""Scorecard workflows: start, answer, import a workbook, submit, reopen, share.

Each function takes model instances, runs in one transaction and writes the Scorecard's
history (the audit log) in that same transaction; signing off, reopening and sharing are the
self-assessment lifecycle's (lifecycle.services).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from accounts.models import City, User
from audit.log import log
from audit.models import Kind
from lifecycle.services import Lifecycle, Locked
from policies.models import ScorecardQuestion

from .models import ScorecardAnswer, ScorecardAssessment, ScorecardShare
from .workbook import TEXT_FIELDS, AnswerRow, InfoSheet

FIELDS = ("score", *TEXT_FIELDS)


class ScorecardLocked(Locked):
    """The Scorecard is submitted (read-only) or not in the state the step needs."""

    read_only = _l("This Scorecard is submitted and read-only. An editor can reopen it.")
    already_draft = _l("This Scorecard is already a draft.")
    share_draft = _l("Only a submitted Scorecard can be shared.")
    draft_open = _l(
        "The Scorecard draft “%(title)s” is open: continue it, or sign it off before "
        "starting or reopening another Scorecard."
    )


# Nothing else moves with the Scorecard's steps: the lifecycle as it is.
LIFECYCLE = Lifecycle(
    ScorecardAssessment,
    ScorecardShare,
    "scorecard",
    ScorecardLocked,
    page=lambda s: reverse("scorecard:detail", args=[s.city.slug, s.pk]),
)
_ensure_draft = LIFECYCLE.ensure_draft


class StaleAnswer(Exception):
    """Someone saved the answer after the revision that was read; `current` is what they saved."""

    def __init__(self, current: ScorecardAnswer):
        super().__init__(_("This answer was changed by someone else since you read it."))
        self.current = current


def _score_text(score: int | None) -> str:
    return "–" if score is None else str(score)


@transaction.atomic
def start_scorecard(
    city: City,
    *,
    user: User | None,
    title: str = "",
    reference_date: date | None = None,
    carry_from: ScorecardAssessment | None = None,
) -> ScorecardAssessment:
    """A new draft with one answer per question; with `carry_from`, its answers copied."""
    reference_date = reference_date or timezone.localdate()
    LIFECYCLE.ensure_no_open_draft(city)
    scorecard = city.scorecards.create(
        title=title or _("Scorecard %(year)s") % {"year": reference_date.year},
        reference_date=reference_date,
        created_by=user,
        carried_from=carry_from,
        info=carry_from.info if carry_from else {},
    )
    previous = {}
    if carry_from is not None:
        previous = {a.question_id: a for a in carry_from.answers.all()}
    answers = []
    for question in ScorecardQuestion.objects.only("pk"):
        old = previous.get(question.pk)
        answers.append(
            ScorecardAnswer(
                scorecard=scorecard,
                question=question,
                **({f: getattr(old, f) for f in FIELDS} if old else {}),
            )
        )
    ScorecardAnswer.objects.bulk_create(answers)
    detail = (
        _("Carried forward from “%(title)s”") % {"title": carry_from.title} if carry_from else ""
    )
    log(Kind.CREATED, scorecard=scorecard, user=user, detail=detail)
    return scorecard


def draft_for(city: City, user: User | None) -> ScorecardAssessment:
    """The city's Scorecard draft to fill: its open draft, else a new one (carried forward
    from the latest submitted one, if any)."""
    draft = city.scorecards.open_draft()
    if draft is not None:
        return draft
    return start_scorecard(city, user=user, carry_from=city.scorecards.standing())


@transaction.atomic
def save_answer(
    answer: ScorecardAnswer, user: User, *, revision: int | None = None, **values
) -> list[str]:
    """Change an answer's score (0–3 or None) and texts; each change goes in the history.

    With `revision` (the one the change was based on), refuses (StaleAnswer) when anyone saved
    the answer since: the Scorecard's row is locked first, so two saves cannot both pass.
    Returns the names of the fields that changed.
    """
    scorecard = ScorecardAssessment.objects.select_for_update().get(pk=answer.scorecard_id)
    _ensure_draft(scorecard)
    if revision is not None:
        answer.refresh_from_db(fields=[*FIELDS, "revision"])  # as saved, now that it is locked
        if answer.revision != revision:
            raise StaleAnswer(answer)
    changed = [f for f in FIELDS if f in values and getattr(answer, f) != values[f]]
    if not changed:
        return []
    for f in changed:
        before = getattr(answer, f)
        setattr(answer, f, values[f])
        if f == "score":
            detail = f"{answer.question.ref}: {_score_text(before)} → {_score_text(values[f])}"
            log(Kind.ANSWERED, scorecard=scorecard, user=user, detail=detail)
        else:
            # The field's name, not its label: the history says it in the reader's language
            # (a Spanish reader saw "means of verification" in English, frozen when saved).
            log(Kind.ANSWERED, scorecard=scorecard, user=user, field=f, detail=answer.question.ref)
    answer.revision += 1
    answer.save(update_fields=[*changed, "revision"])
    return changed


@dataclass(frozen=True)
class Change:
    ref: str
    field: str
    before: str
    after: str


def import_changes(
    scorecard: ScorecardAssessment, rows: list[AnswerRow], *, replace: bool = False
) -> list[Change]:
    """What importing `rows` would change. A blank in the file keeps a saved answer unless
    `replace` is set."""
    current = {a.question.ref: a for a in scorecard.answers.select_related("question")}
    changes = []
    for row in rows:
        answer = current.get(row.ref)
        if answer is None:
            continue
        for f in FIELDS:
            new = getattr(row, f)
            old = getattr(answer, f)
            blank = new is None or new == ""
            if blank and not replace:
                continue
            if new != old:
                shown = _score_text if f == "score" else str
                changes.append(Change(row.ref, f, shown(old), shown(new)))
    return changes


@transaction.atomic
def apply_import(
    scorecard: ScorecardAssessment,
    rows: list[AnswerRow],
    info: InfoSheet | None,
    user: User | None,
    *,
    replace: bool = False,
    filename: str = "",
) -> list[Change]:
    """Write a validated workbook's answers (and Info sheet) into a draft."""
    scorecard = ScorecardAssessment.objects.select_for_update().get(pk=scorecard.pk)
    _ensure_draft(scorecard)
    changes = import_changes(scorecard, rows, replace=replace)
    by_ref = {a.question.ref: a for a in scorecard.answers.select_related("question")}
    touched: dict[str, ScorecardAnswer] = {}
    for change in changes:
        answer = by_ref[change.ref]
        row = next(r for r in rows if r.ref == change.ref)
        setattr(answer, change.field, getattr(row, change.field))
        touched[change.ref] = answer
    for answer in touched.values():
        answer.revision += 1
    ScorecardAnswer.objects.bulk_update(touched.values(), [*FIELDS, "revision"])
    if info is not None:
        scorecard.info = asdict(info)
        scorecard.save(update_fields=["info"])
    # The file's name and the count, not a sentence: the history says it in the reader's
    # language (AuditEntry.description), as it does a changed field.
    log(Kind.IMPORTED, scorecard=scorecard, user=user, detail=filename, new=str(len(changes)))
    return changes


def answer_rows(scorecard: ScorecardAssessment) -> list[AnswerRow]:
    """The Scorecard's answers as workbook rows, for export."""
    return [
        AnswerRow(a.question.ref, **{f: getattr(a, f) for f in FIELDS})
        for a in scorecard.answers.select_related("question")
    ]


def info_sheet(scorecard: ScorecardAssessment) -> InfoSheet | None:
    if not scorecard.info:
        return None
    return InfoSheet(**{k: v for k, v in scorecard.info.items() if k in InfoSheet.__annotations__})


# The lifecycle's steps (lifecycle.services), under the names views and the API call.
submit = LIFECYCLE.submit
reopen = LIFECYCLE.reopen
share = LIFECYCLE.share
unshare = LIFECYCLE.unshare
