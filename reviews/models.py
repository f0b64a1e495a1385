"""Critical friends: one city reviews another's signed-off self-assessment (SMR's peer review,
ISO 22392's cycle of preparation, review, report and follow-up).

A review belongs to the assessment it reviews and names the reviewing city, whose editors are
the reviewers. Findings are per action, notes per subdimension, answers per finding.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import City
from assessments.models import ActionStatus, Assessment
from audit.fields import actor
from maturity.models import Action


class CriticalFriend(models.Model):
    """A city that offers to review others: suggested first when a city asks for a review.
    Kept here, not on City: the review feature owns it."""

    city = models.OneToOneField(City, on_delete=models.CASCADE, related_name="critical_friend")
    opted_in_by = actor(blank=True)
    opted_in_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.city)


class ReviewState(models.TextChoices):
    REQUESTED = "requested", _("In progress")  # the reviewers record findings
    RETURNED = "returned", _("Returned")  # locked; the city answers
    CLOSED = "closed", _("Closed")  # every finding answered


class ReviewQuerySet(models.QuerySet):
    def with_header(self):
        return self.select_related(
            "assessment__city", "assessment__model_version", "reviewer", "returned_by"
        )

    def returned(self):
        """Reviews whose report the city has: returned or closed."""
        return self.exclude(state=ReviewState.REQUESTED)


class Review(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(City, on_delete=models.CASCADE, related_name="reviews_given")
    # Subdimension codes under review; empty means all of them.
    scope = models.JSONField(_("scope"), default=list, blank=True)
    due_date = models.DateField(_("due date"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    include_private = models.BooleanField(_("include evidence files and names"), default=False)
    state = models.CharField(
        max_length=10, choices=ReviewState.choices, default=ReviewState.REQUESTED
    )
    requested_by = actor(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    returned_by = actor(blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "reviewer"], name="one_review_per_city")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.assessment}"

    @property
    def is_open(self) -> bool:
        return self.state == ReviewState.REQUESTED

    def in_scope(self, subdimension_code: str) -> bool:
        return not self.scope or subdimension_code in self.scope


class Verdict(models.TextChoices):
    AGREE = "agree", _("Agree")
    QUESTION = "question", _("Question")
    DISAGREE = "disagree", _("Disagree")


class Finding(models.Model):
    """The reviewers' view of one action: a draft until the review is returned."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("finding"), max_length=10, choices=Verdict.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    evidence_seen = models.TextField(_("evidence looked at"), blank=True, max_length=2000)
    # For question/disagree: the status the reviewers would give (blank: none suggested).
    suggested_status = models.CharField(
        _("status the reviewers would give"),
        max_length=14,
        choices=ActionStatus.choices,
        blank=True,
    )
    recorded_by = actor(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["action__code"]
        constraints = [
            models.UniqueConstraint(fields=["review", "action"], name="one_finding_per_action")
        ]

    def __str__(self) -> str:
        return f"{self.action.code}: {self.verdict}"

    @property
    def needs_answer(self) -> bool:
        """Agreement needs no reply; a question or disagreement does."""
        return self.verdict != Verdict.AGREE


class SubdimensionNote(models.Model):
    """The reviewers' strengths and recommendations for one subdimension."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="notes")
    code = models.CharField(max_length=5)
    strengths = models.TextField(_("strengths"), blank=True, max_length=4000)
    recommendations = models.TextField(_("recommendations"), blank=True, max_length=4000)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="one_note_per_subdimension")
        ]

    def __str__(self) -> str:
        return f"{self.review} {self.code}"


class AnswerKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    EXPLAINED = "explained", _("Explained")


class Answer(models.Model):
    """The city's follow-up of one finding."""

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="answer")
    kind = models.CharField(_("answer"), max_length=10, choices=AnswerKind.choices)
    reply = models.TextField(_("reply"), blank=True, max_length=4000)
    answered_by = actor(blank=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.finding}: {self.kind}"
