"""A job asked for by someone (a PDF report, a worksheet…), and the claims that keep a periodic
task from running twice when two schedulers fire it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One piece of work and, once done, its file.

    `key` names the inputs (the kind, what it reads and at which versions, the reader's
    access and language): asking again for the same key finds this job instead of making a
    new one, so a finished file is served again until what it shows changes.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=64, unique=True)
    params = models.JSONField(default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the job was last handed to the broker; None while no broker has taken it.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to="jobs/", blank=True, max_length=300)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_wanted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["last_wanted_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


class PeriodicClaim(models.Model):
    """A periodic task's run for one slot (e.g. the reminders of one day): the first worker
    to insert the row runs it; a second scheduler's copy of the same run finds it taken."""

    task = models.CharField(max_length=60)
    slot = models.CharField(max_length=40)
    # The Celery task id of the run that holds the slot: the same message delivered again
    # (its worker was killed mid-run) may finish the run; another beat's may not.
    holder = models.CharField(max_length=64, blank=True)
    finished = models.BooleanField(default=False)
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "slot"], name="one_claim_per_slot")]

    def __str__(self) -> str:
        return f"{self.task} {self.slot}"
