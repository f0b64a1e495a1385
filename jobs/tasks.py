"""The Celery tasks: one that runs any job, retried; and the tidying of old files."""

from celery import shared_task
from django.utils import timezone

from . import services

MAX_RETRIES = 3


@shared_task(bind=True, name="jobs.run_job", max_retries=MAX_RETRIES, acks_late=True)
def run_job(self, job_id: str) -> None:
    try:
        services.run(job_id)
    except Exception as exc:
        # In the request (no broker) the user is waiting: say it failed rather than try
        # again while they wait; a worker tries again, later.
        if self.request.is_eager or self.request.retries >= MAX_RETRIES:
            services.fail(job_id, exc)
            return
        # 2, 4, 8 s: a cache, storage or database hiccup has passed by then.
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc


@shared_task(name="jobs.forget_old_jobs")
def forget_old_jobs() -> int:
    if not services.claim("forget_old_jobs", timezone.now().strftime("%Y-%m-%d")):
        return 0
    return services.forget_old_jobs()
