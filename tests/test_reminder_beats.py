"""Reminder e-mails fired by Celery beat: with two beats running (one per machine), each day's
reminders still go once, and each action at most once a week."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Membership, Role
from assessments import owners
from assessments.models import ActionRecord
from assessments.tasks import send_reminders_task

from .conftest import make_user


@pytest.fixture
def owner(city, assessment):
    user = make_user("owner@glasgow.test", full_name="Olive Owner")
    Membership.objects.create(user=user, city=city, role=Role.VIEWER)
    ActionRecord.objects.filter(assessment=assessment, action__code="L1S1").update(
        responsible_member=user, target_date=timezone.localdate() - timedelta(days=3)
    )
    return user


def test_beat_schedules_the_reminders_task_daily():
    from resilience_site.celery import app

    entry = app.conf.beat_schedule["send-reminders"]
    assert entry["task"] == send_reminders_task.name
    assert entry["schedule"].hour == {7}


def test_two_beats_firing_at_once_send_each_reminder_once(owner, monkeypatch):
    """The second beat's run starts while the first has worked out who is due but has not
    sent yet: the moment two schedulers would both send."""
    due = owners.due_for_reminder
    second_run = []

    def due_then_the_other_beat_fires(now=None):
        found = due(now)
        if not second_run:
            second_run.append(send_reminders_task.apply().get())
        return found

    monkeypatch.setattr(owners, "due_for_reminder", due_then_the_other_beat_fires)
    first = send_reminders_task.apply().get()
    assert [m.to for m in mail.outbox] == [["owner@glasgow.test"]]
    assert (first, second_run) == (1, [0])


def test_the_next_day_s_run_does_not_repeat_an_action_within_the_week(owner, monkeypatch):
    send_reminders_task.apply()
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a: tomorrow)
    send_reminders_task.apply()
    assert len(mail.outbox) == 1
