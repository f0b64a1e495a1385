"""What every self-assessment instrument shares: a city's draft that is signed off, reopened
and shared with partners. The SMR assessment and the UN Scorecard are its concrete models;
the SMR Maturity Model 2.0 and peer reviews plug in the same way."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.fields import actor


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class SelfAssessmentQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=Status.SUBMITTED)

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def newest_first(self):
        """The one order of "latest": the reference date, then the one started last."""
        return self.order_by("-reference_date", "-created_at", "-pk")

    def standing(self):
        """The city's standing: its latest signed-off one (None when none is)."""
        return self.submitted().newest_first().first()

    def open_draft(self):
        """The city's one open draft, the one work pages fill (None when none is open)."""
        return self.drafts().newest_first().first()


class SelfAssessment(models.Model):
    """A city's self-assessment: drafted, signed off (submitted, read-only) and reopened.

    Concrete models add their `city` foreign key (each with its own related name).
    """

    title = models.CharField(_("title"), max_length=200)
    reference_date = models.DateField(_("reference date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT.value
    )
    created_by = actor()
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = actor(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["-reference_date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.city} – {self.title}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT


def one_open_draft(name: str) -> models.UniqueConstraint:
    """At most one draft per city and instrument: a second one would split the work (and the
    start page would follow the new, empty one). Concrete models list it in their Meta."""
    return models.UniqueConstraint(
        fields=["city"], condition=models.Q(status=Status.DRAFT.value), name=name
    )


class PartnerShare(models.Model):
    """A city's consent for a partner to see one signed-off self-assessment.

    Concrete models add the foreign key to what is shared (named by their lifecycle's
    `subject`) and the partner's, each with its own related name.
    """

    shared_by = actor()
    shared_at = models.DateTimeField(auto_now_add=True)
    # True on the share of the city's most recent one shared with this partner, kept in the
    # same transaction as every share change (Lifecycle.refresh_latest_share): dashboards join
    # on it instead of finding each city's latest per request.
    latest = models.BooleanField(default=False)
    # The city's choice, shown to it when sharing: with it, the partner also sees the private
    # parts (evidence files, the history with people's names, responsible people, the
    # Scorecard's team).
    include_private = models.BooleanField(_("include evidence files and names"), default=False)

    class Meta:
        abstract = True
