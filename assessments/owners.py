"""Who does what by when: a member's open actions, and the weekly reminder emails."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.language import language_of

from .models import ActionRecord, AssessmentStatus, Reminder

DUE_SOON_DAYS = 14
REMIND_AGAIN_DAYS = 7


def open_actions_of(user):
    """The open actions a member is responsible for, in draft assessments of their cities:
    overdue first, then by target date, undated last."""
    records = (
        ActionRecord.objects.open()
        .filter(
            responsible_member=user,
            assessment__status=AssessmentStatus.DRAFT,
            assessment__city__memberships__user=user,
        )
        .select_related("action", "assessment__city")
        .distinct()
    )
    return sorted(
        records,
        # In date order the overdue come first by themselves; an undated record's None is only
        # ever compared with another undated record's.
        key=lambda r: (
            r.target_date is None,
            r.target_date,
            r.assessment.city.name,
            r.action.code,
        ),
    )


def due_for_reminder(now=None) -> dict:
    """Member → the records to remind them of now: overdue or due within 14 days, in draft
    assessments of a city they still belong to, not mentioned to them in the last 7 days."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    recent = Reminder.objects.filter(sent_at__gte=now - timedelta(days=REMIND_AGAIN_DAYS)).values(
        "record_id", "user_id"
    )
    recently = {(r["record_id"], r["user_id"]) for r in recent}
    records = (
        ActionRecord.objects.due_by(today + timedelta(days=DUE_SOON_DAYS))
        .filter(
            responsible_member__is_active=True,  # a named member, still active
            assessment__status=AssessmentStatus.DRAFT,
        )
        .select_related("responsible_member", "action", "assessment__city")
        .order_by("target_date", "action__code")
    )
    members = _memberships(records)
    by_person: dict = defaultdict(list)
    for record in records:
        person = record.responsible_member
        if (record.assessment.city_id, person.pk) not in members:
            continue  # no longer a member of that city: no email about it
        if (record.pk, person.pk) in recently:
            continue
        by_person[person].append(record)
    return by_person


def _memberships(records) -> set[tuple[int, int]]:
    from accounts.models import Membership

    people = {r.responsible_member_id for r in records}
    return set(Membership.objects.filter(user_id__in=people).values_list("city_id", "user_id"))


def send_reminders(base_url: str, now=None) -> int:
    """Email each responsible member their overdue and soon-due actions, one email each;
    returns how many emails were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for person, records in due_for_reminder(now).items():
        items = [
            {
                "record": r,
                "overdue": r.is_overdue(today),
                "url": base_url
                + reverse(
                    "assessments:action",
                    args=[r.assessment.city.slug, r.assessment_id, r.action.code],
                ),
            }
            for r in records
        ]
        with language_of(person):
            body = render_to_string(
                "assessments/email/reminder.txt",
                {"person": person, "items": items},
            )
            subject = _("Your resilience actions: %(n)s due") % {"n": len(records)}
        with transaction.atomic():
            Reminder.objects.bulk_create(
                [Reminder(record=r, user=person, sent_at=now) for r in records],
                update_conflicts=True,
                unique_fields=["record", "user"],
                update_fields=["sent_at"],
            )
            send_mail(
                subject=subject,
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[person.email],
            )
        sent += 1
    return sent
