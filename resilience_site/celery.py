"""The Celery application: configured from Django's settings (the CELERY_ ones), its tasks
found in each app's tasks.py. `celery -A resilience_site worker` / `… beat` run it."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resilience_site.settings")

app = Celery("resilience_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Celery beat, instead of a cron line on one server. Two beats may run (one per machine): each
# periodic task claims its slot (jobs.services.claim) so it runs once.
app.conf.beat_schedule = {
    "send-reminders": {
        "task": "assessments.send_reminders",
        # Daily at 07:00 UTC; REMINDERS_EVERY_SECONDS, for a trial fleet, fires it more often
        # (each day's reminders still go once: the task claims the day).
        "schedule": (
            float(os.environ["REMINDERS_EVERY_SECONDS"])
            if os.environ.get("REMINDERS_EVERY_SECONDS")
            else crontab(minute=0, hour=7)
        ),
    },
    "forget-old-jobs": {"task": "jobs.forget_old_jobs", "schedule": crontab(minute=30, hour=3)},
    # Partners whose dashboard rollup is missing or of an older version (dashboards/tasks.py).
    "refresh-stale-rollups": {"task": "dashboards.refresh_stale_rollups", "schedule": 600.0},
}
