"""Gives each load-test officer one overdue action, so the fleet's beats have reminders to
send (one e-mail each, exactly once), and forgets earlier runs' reminders and claims."""

from datetime import timedelta

from django.utils import timezone

from assessments.models import ActionRecord, Reminder
from jobs.models import PeriodicClaim

Reminder.objects.filter(user__email__endswith="@load.test").delete()
PeriodicClaim.objects.filter(task="send_reminders").delete()
for record in ActionRecord.objects.filter(
    assessment__city__slug__startswith="load-city-", action__code="L1M1"
).select_related("assessment__city"):
    number = record.assessment.city.slug.rsplit("-", 1)[1]
    officer = record.assessment.city.memberships.get(user__email=f"officer{number}@load.test")
    record.responsible_member = officer.user
    record.target_date = timezone.localdate() - timedelta(days=2)
    record.status = "not_started"
    record.save(update_fields=["responsible_member", "target_date", "status"])
