"""The peer-review workflow: request, record findings, return, answer, close. Each step is one
transaction that writes the one audit log, on the reviewed assessment, in that transaction."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import services as assessment_services
from assessments.lifecycle import LIFECYCLE
from assessments.models import Assessment
from audit.log import log
from audit.models import Kind

from .models import Answer, AnswerKind, Finding, Review, ReviewState, SubdimensionNote, Verdict


class ReviewRefused(ValueError):
    """The step does not fit the review's state (or the request is not one a city may make)."""


def _log(review: Review, user, field: str, *, old: str = "", new: str = "", about: str = ""):
    """One step of the review (its state, a finding, an answer) in the reviewed assessment's
    audit log; the detail names the reviewer, then what the step was about."""
    log(
        Kind.CHANGED,
        assessment=review.assessment,
        user=user,
        field=field,
        old=old,
        new=new,
        detail=f"{review.reviewer.name} · {about}" if about else review.reviewer.name,
    )


@transaction.atomic
def request_review(
    assessment: Assessment,
    reviewer,
    user,
    *,
    scope: list[str],
    due_date: date,
    message: str = "",
    include_private: bool = False,
) -> Review:
    """Ask `reviewer` (another city) to review a signed-off assessment."""
    if assessment.is_draft:
        raise ReviewRefused(_("Only a signed-off assessment can be reviewed."))
    if reviewer.pk == assessment.city_id:
        raise ReviewRefused(_("A city cannot review its own assessment."))
    if Review.objects.filter(assessment=assessment, reviewer=reviewer).exists():
        raise ReviewRefused(
            _("%(city)s has already been asked to review this assessment.") % {"city": reviewer}
        )
    review = Review.objects.create(
        assessment=assessment,
        reviewer=reviewer,
        scope=sorted(scope),
        due_date=due_date,
        message=message,
        include_private=include_private,
        requested_by=user,
    )
    _log(review, user, "review", new=ReviewState.REQUESTED)
    return review


def _ensure_open(review: Review) -> None:
    if not review.is_open:
        raise ReviewRefused(_("This review has been returned: its findings are locked."))


@transaction.atomic
def record_finding(
    review: Review,
    action,
    user,
    *,
    verdict: str,
    comment: str = "",
    evidence_seen: str = "",
    suggested_status: str = "",
) -> Finding:
    """Save (or change) the reviewers' finding on one action, a draft until returned."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    _ensure_open(review)
    if not review.in_scope(action.subdimension.code):
        raise ReviewRefused(_("This action is outside the review's scope."))
    if verdict == Verdict.AGREE:
        suggested_status = ""
    finding, _created = Finding.objects.update_or_create(
        review=review,
        action=action,
        defaults={
            "verdict": verdict,
            "comment": comment,
            "evidence_seen": evidence_seen,
            "suggested_status": suggested_status,
            "recorded_by": user,
        },
    )
    # The log says that a finding was recorded, not what it says: the city reads its
    # assessment's timeline, and findings are the reviewers' drafts until returned.
    _log(review, user, "finding", about=action.code)
    return finding


@transaction.atomic
def save_note(review: Review, code: str, user, *, strengths: str, recommendations: str):
    """The reviewers' strengths and recommendations for one subdimension."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    _ensure_open(review)
    if not review.in_scope(code):
        raise ReviewRefused(_("This subdimension is outside the review's scope."))
    note, _created = SubdimensionNote.objects.update_or_create(
        review=review,
        code=code,
        defaults={"strengths": strengths, "recommendations": recommendations},
    )
    _log(review, user, "finding", about=code)  # as for a finding: no draft's words
    return note


@transaction.atomic
def return_review(review: Review, user) -> Review:
    """Lock the findings and hand the report to the city; its editors are told by e-mail."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    _ensure_open(review)
    if not review.findings.exists():
        raise ReviewRefused(_("Record at least one finding before returning the review."))
    review.state = ReviewState.RETURNED
    review.returned_by = user
    review.returned_at = timezone.now()
    review.save(update_fields=["state", "returned_by", "returned_at"])
    _log(review, user, "review", old=ReviewState.REQUESTED, new=ReviewState.RETURNED)
    from .notify import review_returned

    transaction.on_commit(lambda: review_returned(review))
    return review


@transaction.atomic
def answer_finding(finding: Finding, user, *, kind: str, reply: str = "") -> Answer:
    """The city's follow-up of one finding. Accepting applies the suggested status to the
    city's open draft through the assessments' own record service (its history says it came
    from the review); with no draft open, one is started, carried forward from the reviewed
    assessment."""
    review = Review.objects.select_for_update().get(pk=finding.review_id)
    if review.state != ReviewState.RETURNED:
        raise ReviewRefused(_("Only a returned review's findings can be answered."))
    if Answer.objects.filter(finding=finding).exists():
        raise ReviewRefused(_("This finding has already been answered."))
    if kind == AnswerKind.ACCEPTED and finding.suggested_status:
        _apply_to_draft(review, finding, user)
    answer = Answer.objects.create(finding=finding, kind=kind, reply=reply, answered_by=user)
    _log(review, user, "answer", new=kind, about=f"{finding.action.code}: {reply}")
    return answer


def _apply_to_draft(review: Review, finding: Finding, user) -> None:
    city = review.assessment.city
    draft = city.assessments.open_draft()
    if draft is None:
        draft = assessment_services.start_assessment(
            city,
            review.assessment.model_version,
            title=_("Follow-up of the peer review by %(city)s") % {"city": review.reviewer},
            reference_date=timezone.localdate(),
            user=user,
            carry_from=review.assessment,
        )
    record = (
        draft.records.select_related("action__subdimension", "assessment")
        .filter(action__code=finding.action.code)
        .first()
    )
    if record is None:  # the draft is on a model version without this action
        raise ReviewRefused(
            _("The open draft has no action %(code)s.") % {"code": finding.action.code}
        )
    LIFECYCLE.ensure_draft(draft)
    assessment_services.update_record(
        record,
        {"status": finding.suggested_status},
        revision=record.revision,
        user=user,
        source=_("Accepted from the peer review by %(city)s") % {"city": review.reviewer},
    )


@transaction.atomic
def close_review(review: Review, user) -> Review:
    """Close a returned review once every finding that needs an answer has one."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.state != ReviewState.RETURNED:
        raise ReviewRefused(_("Only a returned review can be closed."))
    if unanswered(review).exists():
        raise ReviewRefused(_("Answer every question and disagreement before closing."))
    review.state = ReviewState.CLOSED
    review.closed_at = timezone.now()
    review.save(update_fields=["state", "closed_at"])
    _log(review, user, "review", old=ReviewState.RETURNED, new=ReviewState.CLOSED)
    return review


def unanswered(review: Review):
    """The findings still waiting for the city's answer."""
    return review.findings.exclude(verdict=Verdict.AGREE).filter(answer__isnull=True)


@transaction.atomic
def opt_in(city, user, offered: bool) -> None:
    """Offer (or stop offering) the city as a critical friend."""
    from .models import CriticalFriend

    if offered:
        _obj, created = CriticalFriend.objects.get_or_create(
            city=city, defaults={"opted_in_by": user}
        )
    else:
        created = bool(CriticalFriend.objects.filter(city=city).delete()[0])
    if created:
        log(
            Kind.CHANGED,
            city=city,
            user=user,
            field="critical_friend",
            new="yes" if offered else "no",
        )
