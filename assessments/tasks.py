"""The reminder e-mails as a Celery task, fired by beat (resilience_site/celery.py)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from jobs.services import claim

from .owners import send_reminders


@shared_task(name="assessments.send_reminders")
def send_reminders_task() -> int:
    """Today's reminders, once: a second beat's run of the same day finds the day claimed.
    Each action is still mentioned to a person at most once a week (owners.send_reminders)."""
    if not claim("send_reminders", timezone.localdate().isoformat()):
        return 0
    return send_reminders(settings.SITE_URL.rstrip("/"))
