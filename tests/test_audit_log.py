"""The one audit log: every change in one timeline, newest first, in words; read-only in the
admin; entries that outlive their author's account and go with what they are about."""

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.services import change_role
from assessments import services
from audit.models import AuditEntry, Kind

from .conftest import make_member, make_user, update_action


def _timeline(client, assessment) -> str:
    page = client.get(reverse("assessments:timeline", args=["glasgow", assessment.pk]))
    return page.content.decode().split('class="list-unstyled timeline"')[1].split("</ol>")[0]


def test_the_timeline_holds_record_changes_and_lifecycle_steps_newest_first(
    client, assessment, editor
):
    for code in ("L1S1", "L1S2"):
        update_action(assessment, code, editor, status="done")
    services.submit(assessment, editor)
    client.force_login(editor)
    timeline = _timeline(client, assessment)
    signed = timeline.index("Submitted and signed off")
    moved = timeline.index("L1 reached Starting")
    second = timeline.index(">L1S2</a>")
    first = timeline.index(">L1S1</a>")
    started = timeline.index("Started")
    assert signed < moved < second < first < started
    assert "Not started → Done" in timeline  # statuses in words, not codes


def test_an_entry_outlives_its_authors_account(client, city, assessment, editor):
    colleague = make_member("colleague@glasgow.test", "Colin Colleague", city, Role.EDITOR)
    update_action(assessment, "L1S1", colleague, note="Minutes of the board")
    colleague.delete()
    client.force_login(editor)
    timeline = _timeline(client, assessment)
    assert "Minutes of the board" in timeline and "someone" in timeline
    assert AuditEntry.objects.get(field="note").user is None


def test_entries_go_with_their_assessment_and_the_city_trail_stays(
    city, assessment, editor, viewer
):
    update_action(assessment, "L1S1", editor, status="done")
    change_role(viewer.memberships.get(city=city), Role.EDITOR, editor)
    assessment.delete()
    assert list(AuditEntry.objects.values_list("kind", flat=True)) == [Kind.ROLE_CHANGED]


def test_a_reopening_reason_is_kept_to_1000_characters_whoever_calls(assessment, editor):
    services.submit(assessment, editor)
    services.reopen(assessment, editor, "r" * 1500)
    assert len(AuditEntry.objects.get(kind=Kind.REOPENED).detail) == 1000


@pytest.fixture
def admin_user(db):
    return make_user("admin@site.test", is_staff=True, is_superuser=True)


def test_the_admin_lists_the_log_and_changes_nothing(client, assessment, editor, admin_user):
    update_action(assessment, "L1S1", editor, note="Board minutes")
    entry = AuditEntry.objects.get(field="note")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:audit_auditentry_changelist"))
    assert listing.status_code == 200 and "L1S1" in listing.content.decode()
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
