"""A city's UNDRR Disaster Resilience Scorecard, preliminary level: 47 questions scored 0–3.

Named `ScorecardAssessment` so it never clashes with `maturity.structure.Scorecard`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import City, Partner
from policies.models import ScorecardQuestion

MAX_SCORE = 3


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ScorecardAssessment(models.Model):
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="scorecards")
    title = models.CharField(_("title"), max_length=200)
    reference_date = models.DateField(_("reference date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ScorecardStatus.choices, default="draft"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    submitted_at = models.DateTimeField(null=True, blank=True)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The workbook's Info sheet: city profile rows, team lead and stakeholders, as imported.
    # The willingness-to-share flag is shown only: sharing is always the city's explicit act.
    info = models.JSONField(_("workbook Info sheet"), default=dict, blank=True)

    class Meta:
        ordering = ["-reference_date", "-created_at"]
        indexes = [models.Index(fields=["city", "-reference_date"])]

    def __str__(self) -> str:
        return f"{self.city} – {self.title}"

    @property
    def is_draft(self) -> bool:
        return self.status == ScorecardStatus.DRAFT


class ScorecardAnswer(models.Model):
    """One question's answer: a score 0–3, or none (unanswered, never counted as 0)."""

    # No index of its own: the unique (scorecard, question) index serves lookups by scorecard.
    scorecard = models.ForeignKey(
        ScorecardAssessment, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    question = models.ForeignKey(ScorecardQuestion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    verification = models.TextField(_("means of verification"), blank=True, max_length=5000)
    actions = models.TextField(
        _("actions to achieve maximum resilience"), blank=True, max_length=5000
    )
    institution = models.TextField(_("responsible institution"), blank=True, max_length=5000)
    timescale = models.TextField(_("timescale"), blank=True, max_length=5000)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["question__essential__number", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "question"], name="one_answer_per_q"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=MAX_SCORE),
                name="scorecard_score_0_to_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.ref}: {self.score if self.score is not None else '–'}"


class ScorecardEventKind(models.TextChoices):
    CREATED = "created", _("Started")
    ANSWERED = "answered", _("Answer changed")
    IMPORTED = "imported", _("Workbook imported")
    SUBMITTED = "submitted", _("Submitted and signed off")
    REOPENED = "reopened", _("Reopened")
    SHARED = "shared", _("Shared with a partner")
    UNSHARED = "unshared", _("Sharing withdrawn")


class ScorecardEvent(models.Model):
    """The Scorecard's history: every lifecycle step and every changed answer."""

    scorecard = models.ForeignKey(
        ScorecardAssessment, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=12, choices=ScorecardEventKind.choices)
    detail = models.CharField(max_length=1000, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class ScorecardShare(models.Model):
    """A city's consent for a partner to see one submitted Scorecard (like `Share`)."""

    scorecard = models.ForeignKey(
        ScorecardAssessment, on_delete=models.CASCADE, related_name="shares"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="scorecard_shares")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    # With it the partner also sees people's names in the history and the Info sheet's team.
    include_private = models.BooleanField(_("include names"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "partner"], name="one_scorecard_share_per_partner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scorecard} → {self.partner}"
