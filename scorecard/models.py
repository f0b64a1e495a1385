"""A city's UNDRR Disaster Resilience Scorecard, preliminary level: 47 questions scored 0–3.

Named `ScorecardAssessment`: "Scorecard" alone is the UN instrument in the interface, and the
model keeps the name its table and API have.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import City, Partner
from lifecycle.models import (
    PartnerShare,
    SelfAssessment,
    SelfAssessmentQuerySet,
    Status,
    one_open_draft,
)
from policies.models import ScorecardQuestion

MAX_SCORE = 3


# The lifecycle's status, under the name this app has always used.
ScorecardStatus = Status


class ScorecardAssessment(SelfAssessment):
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="scorecards")
    # The workbook's Info sheet: city profile rows, team lead and stakeholders, as imported.
    # The willingness-to-share flag is shown only: sharing is always the city's explicit act.
    info = models.JSONField(_("workbook Info sheet"), default=dict, blank=True)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta(SelfAssessment.Meta):
        indexes = [models.Index(fields=["city", "-reference_date"])]
        constraints = [one_open_draft("one_open_scorecard_draft_per_city")]


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

    @property
    def wording(self) -> str:
        """The answer as the workbook words it (the question's label for the score): what a
        reader of "2 / 3" needs to know what 2 means. "" when unanswered or unlabelled."""
        if self.score is None:
            return ""
        return getattr(self.question, f"descriptor_{self.score}", "")


class ScorecardShare(PartnerShare):
    """A city's consent for a partner to see one submitted Scorecard (like `Share`); the
    private parts are the people's names in the history and the Info sheet's team."""

    scorecard = models.ForeignKey(
        ScorecardAssessment, on_delete=models.CASCADE, related_name="shares"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="scorecard_shares")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "partner"], name="one_scorecard_share_per_partner"
            )
        ]
        indexes = [models.Index(fields=["partner", "latest"], name="scorecard_share_latest_idx")]

    def __str__(self) -> str:
        return f"{self.scorecard} → {self.partner}"
