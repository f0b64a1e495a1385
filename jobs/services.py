"""Asking for a job, running it, and handing it to the queue.

Without a broker (CELERY_BROKER_URL unset) Celery runs each task eagerly, inside the request
that asked, so one machine needs nothing more; with one, a worker runs it and the page shows
its progress. Either way the job's row is the truth the pages read.
"""

import hashlib
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import registry
from .models import Job, JobState, PeriodicClaim

logger = logging.getLogger(__name__)


def job_key(kind: str, *parts) -> str:
    """The job's identity: its kind and everything its file depends on."""
    return hashlib.sha256(repr((kind, *parts)).encode()).hexdigest()


def uses_broker() -> bool:
    return bool(settings.JOBS_BROKER_URL)


def submit(kind: str, key_parts: tuple, params: dict, user) -> Job:
    """The job for these inputs: the one already asked for (done, or on its way), else a new
    one handed to the queue. A failed one is tried again."""
    key = job_key(kind, *key_parts)
    job, created = _get_or_create(kind, key, params, user)
    if not created:
        Job.objects.filter(pk=job.pk).update(last_wanted_at=timezone.now())
        if job.state == JobState.FAILED:
            retry(job)
            return job
    ensure_queued(job)
    job.refresh_from_db()
    return job


def retry(job: Job) -> None:
    """A failed job, asked for again: queued afresh."""
    Job.objects.filter(pk=job.pk, state=JobState.FAILED).update(
        state=JobState.QUEUED, error="", attempts=0, enqueued_at=None
    )
    job.refresh_from_db()
    ensure_queued(job)
    job.refresh_from_db()


def _get_or_create(kind, key, params, user) -> tuple[Job, bool]:
    try:
        with transaction.atomic():
            return Job.objects.get_or_create(
                key=key, defaults={"kind": kind, "params": params, "requested_by": user}
            )
    except IntegrityError:  # two requests asked at once: the other made it
        return Job.objects.get(key=key), False


def enqueue(job: Job) -> bool:
    """Hands the job to Celery (run at once, here, when there is no broker). False when the
    broker cannot be reached: the job stays queued and its page tries again."""
    from .tasks import run_job

    try:
        run_job.apply_async(args=[str(job.pk)])
    except Exception as exc:  # the broker is down: kombu's and redis' errors alike
        logger.warning("Job %s not queued: %s", job.pk, exc)
        return False
    Job.objects.filter(pk=job.pk).update(enqueued_at=timezone.now())
    return True


def ensure_queued(job: Job) -> None:
    """Called by the progress page: a job no broker took yet is handed to it again, and so is
    one queued so long ago that its message must have been lost (a broker restarted without
    its data). A job delivered twice is made once: `run` leaves a finished job as it is."""
    if job.state != JobState.QUEUED:
        return
    lost = timezone.now() - timedelta(seconds=settings.JOBS_REDELIVER_SECONDS)
    if job.enqueued_at is None or job.enqueued_at < lost:
        enqueue(job)


def run(job_id: str) -> None:
    """Makes the job's file. Idempotent: a job already done is left as it is, so a message
    delivered twice (a worker killed before it acknowledged) costs one render at most."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.state == JobState.DONE:
        return
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=F("attempts") + 1)
    try:
        output = registry.get(job.kind).run(job)
    except registry.Refused as exc:
        # The input, not the machinery: told to the user as is, and not tried again.
        Job.objects.filter(pk=job.pk).update(
            state=JobState.FAILED, error=str(exc), finished_at=timezone.now()
        )
        return
    name = job.file.storage.save(f"jobs/{job.pk}/{output.filename}", ContentFile(output.content))
    Job.objects.filter(pk=job.pk).update(
        state=JobState.DONE,
        file=name,
        filename=output.filename,
        content_type=output.content_type,
        error="",
        finished_at=timezone.now(),
    )


def fail(job_id: str, exc: BaseException) -> None:
    """The last try failed: the page says so, in words a user can act on."""
    logger.error("Job %s failed: %r", job_id, exc)
    Job.objects.filter(pk=job_id).exclude(state=JobState.DONE).update(
        state=JobState.FAILED,
        error=_("The file could not be made. Ask for it again; if it fails again, tell us."),
        finished_at=timezone.now(),
    )


def claim(task: str, slot: str, holder: str = "") -> bool:
    """True for the first run of (task, slot) and for that same run delivered again before it
    finished (`holder`: its Celery task id); False for any other: two schedulers firing the
    same periodic task make one run."""
    try:
        with transaction.atomic():
            PeriodicClaim.objects.create(task=task, slot=slot, holder=holder)
    except IntegrityError:
        return (
            bool(holder)
            and PeriodicClaim.objects.filter(
                task=task, slot=slot, holder=holder, finished=False
            ).exists()
        )
    return True


def release(task: str, slot: str) -> None:
    """The run of (task, slot) is complete: not even its own message runs it again."""
    PeriodicClaim.objects.filter(task=task, slot=slot).update(finished=True)


def keep_upload(upload, folder: str) -> str:
    """An upload a job will read, kept where evidence is (the local disk, or the bucket when
    one is configured) so that a worker on another machine reads it too. Its name."""
    return default_storage.save(f"uploads/{folder}/{uuid.uuid4().hex}", upload)


def read_upload(name: str) -> bytes:
    with default_storage.open(name, "rb") as stream:
        return stream.read()


def discard_upload(name: str) -> None:
    if name and default_storage.exists(name):
        default_storage.delete(name)


def forget_old_jobs(now=None) -> int:
    """Deletes jobs nobody asked for in JOB_FILES_KEEP_DAYS, and their files."""
    now = now or timezone.now()
    old = Job.objects.filter(last_wanted_at__lt=now - timedelta(days=settings.JOB_FILES_KEEP_DAYS))
    count = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        discard_upload(job.params.get("upload", ""))  # an upload never parsed
        job.delete()
        count += 1
    return count
