"""The reminder e-mails as a Celery task, fired by beat (resilience_site/celery.py)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from jobs.services import claim, release

from .owners import send_reminders


@shared_task(bind=True, name="assessments.send_reminders", acks_late=True)
def send_reminders_task(self) -> int:
    """Today's reminders, once: a second beat's run of the same day finds the day claimed.
    A run whose worker was killed is delivered again and finishes: each person's e-mail and
    its Reminder rows are written together, so those already sent are not sent again; and
    each action is mentioned to a person at most once a week (owners.send_reminders)."""
    day = timezone.localdate().isoformat()
    if not claim("send_reminders", day, holder=self.request.id or ""):
        return 0
    sent = send_reminders(settings.SITE_URL.rstrip("/"))
    release("send_reminders", day)
    return sent
