"""Who does what by when: My actions, overdue marks, and weekly reminder emails."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from assessments import services
from assessments.models import ActionRecord

from .conftest import make_user

TODAY = timezone.localdate()


def _own(assessment, code, user=None, *, days=0, name="", status="not_started"):
    ActionRecord.objects.filter(assessment=assessment, action__code=code).update(
        responsible_member=user,
        responsible=name,
        target_date=TODAY + timedelta(days=days),
        status=status,
    )


def _listed(html: str) -> list[str]:
    """The action codes My actions lists, in its order."""
    return re.findall(r'class="action-code" href="[^"]*">([^<]+)</a>', html)


@pytest.fixture
def owner(city):
    user = make_user("owner@glasgow.test", full_name="Olive Owner")
    Membership.objects.create(user=user, city=city, role=Role.VIEWER)
    return user


def test_one_email_per_person_with_overdue_and_soon_due_actions(assessment, owner, editor):
    _own(assessment, "L1S1", owner, days=-3)  # overdue
    _own(assessment, "L1S2", owner, days=10)  # due within 14 days
    _own(assessment, "L1M1", owner, days=30)  # later: not yet
    _own(assessment, "P1S1", owner, days=-1, status="done")  # done: nothing to remind
    _own(assessment, "P1S2", None, days=-5, name="Harbour office")  # free text: no email
    _own(assessment, "P1S3", editor, days=2)
    call_command("send_reminders", "--base-url", "https://resilience.example.org")
    assert sorted(m.to[0] for m in mail.outbox) == ["editor@glasgow.test", "owner@glasgow.test"]
    body = next(m.body for m in mail.outbox if m.to == ["owner@glasgow.test"])
    assert "L1S1" in body and "OVERDUE since" in body and "L1S2" in body
    assert "L1M1" not in body and "P1S1" not in body and "P1S2" not in body
    assert (
        f"https://resilience.example.org/cities/glasgow/assessments/{assessment.pk}/actions/L1S1/"
        in body
    )


def test_no_action_is_mentioned_twice_within_a_week(assessment, owner):
    _own(assessment, "L1S1", owner, days=-3)
    call_command("send_reminders")
    call_command("send_reminders")
    assert len(mail.outbox) == 1
    _own(assessment, "L1S2", owner, days=1)  # a new item: a new email, with only that item
    call_command("send_reminders")
    assert len(mail.outbox) == 2 and "L1S1" not in mail.outbox[1].body
    from assessments.owners import send_reminders

    send_reminders("http://x", now=timezone.now() + timedelta(days=8))
    assert len(mail.outbox) == 3 and "L1S1" in mail.outbox[2].body


def test_submitted_assessments_and_former_members_get_no_reminders(assessment, owner, editor):
    _own(assessment, "L1S1", owner, days=-3)
    Membership.objects.filter(user=owner).delete()
    call_command("send_reminders")
    assert mail.outbox == []
    Membership.objects.create(user=owner, city=assessment.city, role=Role.VIEWER)
    services.submit(assessment, editor)
    call_command("send_reminders")
    assert mail.outbox == []


def test_my_actions_lists_mine_overdue_first_across_cities(client, assessment, owner):
    _own(assessment, "P1S1", owner, days=5)
    _own(assessment, "L1S2", owner, days=-2)
    _own(assessment, "C1S1", None, days=-9, name="Someone else")
    client.force_login(owner)
    html = client.get(reverse("assessments:my_actions")).content.decode()
    assert _listed(html) == ["L1S2", "P1S1"]
    assert "overdue" in html[html.index("L1S2") : html.index("P1S1")]


def test_the_matrix_marks_overdue_actions(client, assessment, owner, editor):
    _own(assessment, "L1S1", owner, days=-3)
    _own(assessment, "L1S2", owner, days=-3, status="done")
    client.force_login(editor)
    html = client.get(reverse("assessments:matrix", args=["glasgow", assessment.pk])).content
    html = html.decode()
    card = html[html.index('id="card-L1S1"') :]
    assert "overdue" in card[: card.index("</article>")]
    assert f"Overdue since {(TODAY - timedelta(days=3)):%-d %b %Y}" in card
    done = html[html.index('id="card-L1S2"') :]
    assert "Overdue" not in done[: done.index("</article>")]


def test_a_daily_run_reminds_of_an_action_once_a_week(assessment, owner):
    """cron runs the command every day: the same overdue action is mailed again only once a
    week has passed, not on every run."""
    from assessments.owners import send_reminders

    _own(assessment, "L1S1", owner, days=-3)
    start = timezone.now()
    send_reminders("http://x", now=start)
    assert len(mail.outbox) == 1
    for later in [timedelta(hours=8), *(timedelta(days=d) for d in range(1, 7))]:
        send_reminders("http://x", now=start + later)
    send_reminders("http://x", now=start + timedelta(days=6, hours=23))
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    send_reminders("http://x", now=start + timedelta(days=7, hours=1))
    assert len(mail.outbox) == 2 and "L1S1" in mail.outbox[1].body


def test_the_run_s_own_date_decides_what_is_due_soon(assessment, owner):
    """A run dated later (a cron job that fell behind, a test) reminds of what is due within 14
    days of that date, not of the machine's today."""
    from assessments.owners import send_reminders

    _own(assessment, "L1S1", owner, days=30)
    send_reminders("http://x", now=timezone.now())
    assert mail.outbox == []  # 30 days away
    send_reminders("http://x", now=timezone.now() + timedelta(days=20))
    assert len(mail.outbox) == 1 and "L1S1" in mail.outbox[0].body


def test_my_actions_overdue_first_then_by_date_undated_last(client, assessment, owner):
    _own(assessment, "L1M1", owner, days=5)
    _own(assessment, "P1S1", owner)
    ActionRecord.objects.filter(assessment=assessment, action__code="P1S1").update(target_date=None)
    _own(assessment, "P1S2", owner, days=1)
    _own(assessment, "L1S1", owner, days=-2)
    client.force_login(owner)
    html = client.get(reverse("assessments:my_actions")).content.decode()
    assert _listed(html) == ["L1S1", "P1S2", "L1M1", "P1S1"]


def test_my_actions_leaves_out_submitted_assessments_and_cities_i_left(
    client, assessment, owner, editor
):
    _own(assessment, "L1S1", owner, days=3)
    client.force_login(owner)
    url = reverse("assessments:my_actions")
    assert _listed(client.get(url).content.decode()) == ["L1S1"]
    Membership.objects.filter(user=owner).delete()
    assert _listed(client.get(url).content.decode()) == []
    Membership.objects.create(user=owner, city=assessment.city, role=Role.VIEWER)
    services.submit(assessment, editor)
    assert _listed(client.get(url).content.decode()) == []


def _body_of(address: str) -> str:
    (body,) = [m.body for m in mail.outbox if m.to == [address]]
    return body


def test_the_email_greets_by_name_and_counts_its_actions_in_the_subject(assessment, owner):
    _own(assessment, "L1S1", owner, days=-3)
    _own(assessment, "L1S2", owner, days=4)
    call_command("send_reminders", stdout=io.StringIO())
    (email,) = mail.outbox
    assert email.subject == "Your resilience actions: 2 due"
    assert email.body.startswith("Hello Olive,")


def test_the_command_says_how_many_emails_it_sent(assessment, owner, editor):
    _own(assessment, "L1S1", owner, days=-3)
    _own(assessment, "L1S2", owner, days=4)
    _own(assessment, "P1S1", editor, days=1)
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue() == "2 reminder email(s) sent.\n"


def test_the_email_lists_by_date_then_by_code(assessment, owner):
    _own(assessment, "P1S1", owner, days=-3)
    _own(assessment, "L1S1", owner, days=5)
    _own(assessment, "L1M1", owner, days=5)
    call_command("send_reminders", stdout=io.StringIO())
    body = _body_of("owner@glasgow.test")
    positions = {code: body.index(f"· {code}:") for code in ("P1S1", "L1S1", "L1M1")}
    assert sorted(positions, key=positions.get) == ["P1S1", "L1M1", "L1S1"]


def test_an_action_due_today_is_due_not_overdue(assessment, owner):
    _own(assessment, "L1S1", owner, days=0)
    call_command("send_reminders", stdout=io.StringIO())
    body = _body_of("owner@glasgow.test")
    assert f"due {TODAY:%Y-%m-%d}" in body and "OVERDUE" not in body


def test_the_run_s_own_date_decides_what_is_overdue(assessment, owner):
    from assessments.owners import send_reminders

    _own(assessment, "L1S1", owner, days=5)
    send_reminders("http://x", now=timezone.now() + timedelta(days=10))
    assert f"OVERDUE since {TODAY + timedelta(days=5):%Y-%m-%d}" in _body_of("owner@glasgow.test")


def test_due_soon_means_within_14_days(assessment, owner):
    _own(assessment, "L1S1", owner, days=14)
    _own(assessment, "L1S2", owner, days=15)
    call_command("send_reminders", stdout=io.StringIO())
    body = _body_of("owner@glasgow.test")
    assert "L1S1" in body and "L1S2" not in body


def test_a_deactivated_member_gets_no_reminder(assessment, owner):
    _own(assessment, "L1S1", owner, days=-3)
    owner.is_active = False
    owner.save()
    call_command("send_reminders", stdout=io.StringIO())
    assert mail.outbox == []


def test_a_former_member_s_actions_do_not_hold_back_the_others(assessment, owner, editor):
    _own(assessment, "L1S1", owner, days=-9)  # first in the run's order
    _own(assessment, "L1S2", editor, days=-1)
    Membership.objects.filter(user=owner).delete()
    call_command("send_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["editor@glasgow.test"]]


def test_my_actions_leaves_out_done_actions(client, assessment, owner):
    _own(assessment, "L1S1", owner, days=3, status="done")
    _own(assessment, "L1S2", owner, days=3)
    client.force_login(owner)
    html = client.get(reverse("assessments:my_actions")).content.decode()
    assert _listed(html) == ["L1S2"]


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def test_my_actions_takes_as_many_queries_for_five_actions_as_for_one(client, assessment, owner):
    client.force_login(owner)
    url = reverse("assessments:my_actions")
    client.get(url)  # the session and the page's caches
    _own(assessment, "L1S1", owner, days=3)
    one = _queries(lambda: client.get(url))
    for code in ("L1S2", "L1M1", "P1S1", "P1S2"):
        _own(assessment, code, owner, days=3)
    five = _queries(lambda: client.get(url))
    assert _listed(client.get(url).content.decode()) == ["L1M1", "L1S1", "L1S2", "P1S1", "P1S2"]
    assert five == one


def test_a_reminder_run_takes_as_many_queries_for_five_actions_as_for_one(
    assessment, owner, editor
):
    from assessments.owners import send_reminders

    _own(assessment, "L1S1", owner, days=3)
    one = _queries(lambda: send_reminders("http://x"))
    for code in ("L1S2", "L1M1", "P1S1", "P1S2", "P1S3"):
        _own(assessment, code, editor, days=3)
    five = _queries(lambda: send_reminders("http://x"))
    assert [m.to for m in mail.outbox] == [["owner@glasgow.test"], ["editor@glasgow.test"]]
    assert five == one
