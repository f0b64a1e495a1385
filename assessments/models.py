"""A city's self-assessment against one maturity model version."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import City, Partner
from audit.fields import actor
from lifecycle.models import (
    PartnerShare,
    SelfAssessment,
    SelfAssessmentQuerySet,
    Status,
    one_open_draft,
)
from maturity.models import Action, ModelVersion

# The lifecycle's status, under the name this app has always used.
AssessmentStatus = Status


class AssessmentQuerySet(SelfAssessmentQuerySet):
    def with_header(self):
        """With what every page, file and command names it by: city, model version, signer."""
        return self.select_related("city", "model_version", "submitted_by")


class Assessment(SelfAssessment):
    """A city's self-assessment against one version of the SMR maturity model."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="assessments")
    model_version = models.ForeignKey(
        ModelVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    # The overall stage level at sign-off (None while a draft): for dashboard trends.
    overall_level = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # Moves with every change to what the assessment's pages show (its records, evidence and
    # lifecycle: lifecycle.assessment_changed), in the same transaction: the page cache keys
    # the matrix and the headline by it.
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = AssessmentQuerySet.as_manager()

    class Meta(SelfAssessment.Meta):
        indexes = [models.Index(fields=["city", "-reference_date"])]
        constraints = [one_open_draft("one_open_assessment_draft_per_city")]


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    # Met for the stage rule, never counted as done; only with a written reason.
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# The statuses the scoring rule counts as met. The one definition: every page, export and
# dashboard asks `is_met` or filters on this.
MET_STATUSES = (ActionStatus.DONE, ActionStatus.NOT_APPLICABLE)


class ActionRecordQuerySet(models.QuerySet):
    def open(self):
        """Not met yet: neither done nor not applicable."""
        return self.exclude(status__in=MET_STATUSES)

    def overdue(self, today=None):
        """Open, and its target date has passed."""
        return self.open().filter(target_date__lt=today or timezone.localdate())

    def due_by(self, day):
        """Open, with a target date on or before `day` (overdue ones included)."""
        return self.open().filter(target_date__lte=day)


class ActionRecord(models.Model):
    """What a city recorded about one action in one assessment.

    `revision` grows with every save: a save based on an older revision is refused, so two
    editors never silently overwrite each other.
    """

    # No index of its own: the unique (assessment, action) index serves every lookup by
    # assessment, and each index is written on every one of millions of rows.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="records", db_index=False
    )
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="records")
    status = models.CharField(
        _("status"), max_length=14, choices=ActionStatus.choices, default="not_started"
    )
    na_reason = models.TextField(_("why it does not apply"), blank=True)
    note = models.TextField(_("evidence note"), blank=True)
    # Who answers for the action: a member of the city (reminded by email) or, when the
    # person has no account, a free-text name or department.
    responsible_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for",
        db_index=False,  # indexed below where set
    )
    responsible = models.CharField(
        _("responsible department or person"), max_length=200, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    # Moves with `revision` when a link or file is added or removed, and only then: the
    # action page's evidence part is keyed by it, so saving a note does not redraw (and
    # re-read) links and files that did not change.
    evidence_revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = actor(blank=True, indexed=False)  # indexed below where set

    objects = ActionRecordQuerySet.as_manager()

    class Meta:
        ordering = [
            "action__subdimension__dimension__order",
            "action__subdimension__order",
            "action__stage__order",
            "action__order",
        ]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "action"], name="one_record_per_action")
        ]
        indexes = [
            models.Index(fields=["assessment", "status"]),
            # Most records name no member and were never edited (carried over, generated):
            # partial indexes keep a user's deletion fast without indexing millions of NULLs.
            models.Index(
                fields=["responsible_member"],
                condition=models.Q(responsible_member__isnull=False),
                name="record_responsible_member_idx",
            ),
            models.Index(
                fields=["updated_by"],
                condition=models.Q(updated_by__isnull=False),
                name="record_updated_by_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.action.code}"

    @property
    def is_done(self) -> bool:
        return self.status == ActionStatus.DONE

    @property
    def owner_name(self) -> str:
        """The responsible member's name, else the free-text name ("" when nobody)."""
        if self.responsible_member_id:
            return self.responsible_member.get_full_name()
        return self.responsible

    @property
    def is_not_applicable(self) -> bool:
        return self.status == ActionStatus.NOT_APPLICABLE

    @property
    def is_met(self) -> bool:
        """Counts for the stage rule."""
        return self.status in MET_STATUSES

    def is_overdue(self, today=None) -> bool:
        """Its target date has passed and it is not met yet (ActionRecordQuerySet.overdue)."""
        target = self.target_date
        return bool(target and target < (today or timezone.localdate()) and not self.is_met)


class Evidence(models.Model):
    """A link or file attached to an action record as evidence, in the order added."""

    added_by = actor()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["added_at"]


class EvidenceLink(Evidence):
    record = models.ForeignKey(ActionRecord, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("link"), max_length=2000)
    label = models.CharField(_("label"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.label or self.url


def evidence_path(instance: "EvidenceFile", filename: str) -> str:
    # The stored name is random: the user's name is kept only as metadata, so no path trick
    # in it can reach the file system.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"evidence/{instance.record.assessment.city_id}/{uuid.uuid4().hex}{suffix}"


class EvidenceFile(Evidence):
    record = models.ForeignKey(ActionRecord, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.original_name


class Share(PartnerShare):
    """A city's consent for a partner to see one submitted assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="shares")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="shares")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "partner"], name="one_share_per_partner")
        ]
        indexes = [models.Index(fields=["partner", "latest"])]

    def __str__(self) -> str:
        return f"{self.assessment} → {self.partner}"


class SubdimensionResult(models.Model):
    """A submitted assessment's stage per subdimension, written once at sign-off.

    Submitted assessments are read-only, so their stages never change until reopened (which
    deletes these rows). Dashboards aggregate them in SQL instead of rescoring thousands of
    assessments per request. Computed by the same scoring rule as every page.
    """

    # No index of its own: the unique (assessment, code) index serves lookups by assessment.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="subdimension_results", db_index=False
    )
    code = models.CharField(max_length=5)
    level = models.PositiveSmallIntegerField()
    done = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    # Bit i set = the subdimension's i-th action (ModelStructure.done_mask order) is done:
    # lets dashboards count completion per action over 10 rows per city, not 90.
    done_mask = models.PositiveIntegerField(default=0)
    # The same for actions marked not applicable: met for the stage, never counted as done.
    na_mask = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code"], name="one_result_per_subdimension"
            )
        ]
        indexes = [models.Index(fields=["code", "level"])]

    def __str__(self) -> str:
        return f"{self.assessment} {self.code}: {self.level}"


class Reminder(models.Model):
    """When a member was last emailed about an action they are responsible for.

    `manage.py send_reminders` mentions an action to the same person at most once a week.
    """

    record = models.ForeignKey(ActionRecord, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "user"], name="one_reminder_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.record} → {self.user} ({self.sent_at:%Y-%m-%d})"
