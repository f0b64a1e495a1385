"""Adding or removing evidence is a save of the action: its revision goes up by one, so a
colleague's form opened before the change is refused instead of hiding it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services

from .conftest import make_user


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def record(assessment):
    record = assessment.records.select_related("action").get(action__code="L1S1")
    record.assessment = assessment
    return record


@pytest.fixture
def colleague(city):
    from accounts.models import Membership, Role

    user = make_user("colleague@glasgow.test", full_name="Carl Colleague")
    Membership.objects.create(user=user, city=city, role=Role.EDITOR)
    return user


def _pdf():
    return SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")


def test_adding_a_link_bumps_the_revision(record, colleague):
    services.add_link(record, "https://example.org/plan", "Plan", colleague)
    saved = type(record).objects.get(pk=record.pk)
    assert (saved.revision, saved.updated_by) == (1, colleague)
    assert record.revision == 1  # the caller's copy stays in step


def test_adding_a_file_bumps_the_revision(record, colleague):
    services.add_file(record, _pdf(), "application/pdf", colleague)
    saved = type(record).objects.get(pk=record.pk)
    assert (saved.revision, saved.updated_by, record.revision) == (1, colleague, 1)


def test_removing_a_file_on_the_page_bumps_the_revision(client, record, editor, colleague):
    evidence = services.add_file(record, _pdf(), "application/pdf", editor)
    assert type(record).objects.get(pk=record.pk).revision == 1
    client.force_login(colleague)
    url = reverse(
        "assessments:remove_evidence",
        args=["glasgow", record.assessment.pk, "L1S1", "file", evidence.pk],
    )
    assert client.post(url).status_code == 302
    saved = type(record).objects.get(pk=record.pk)
    assert (saved.revision, saved.updated_by) == (2, colleague)
    assert not saved.files.exists()


def test_removing_a_link_bumps_the_revision(record, editor):
    link = services.add_link(record, "https://example.org/plan", "Plan", editor)
    services.remove_evidence(record, link, editor)
    assert type(record).objects.get(pk=record.pk).revision == record.revision == 2


def test_a_tick_from_before_a_colleagues_new_link_is_a_conflict(client, record, editor, colleague):
    """Catches evidence changes that leave the revision alone: the stale tick would pass."""
    stale = record.revision
    services.add_link(record, "https://example.org/plan", "Plan", colleague)
    client.force_login(editor)
    response = client.post(
        reverse("assessments:tick", args=["glasgow", record.assessment.pk, "L1S1"]),
        {"status": "done", "revision": stale},
        HTTP_HX_REQUEST="true",
    )
    assert b"changed this action meanwhile" in response.content
    assert type(record).objects.get(pk=record.pk).status == "not_started"


def test_a_form_from_before_a_colleagues_removal_is_a_409(client, record, editor, colleague):
    link = services.add_link(record, "https://example.org/plan", "Plan", editor)
    stale = record.revision
    services.remove_evidence(record, link, colleague)
    client.force_login(editor)
    url = reverse("assessments:action", args=["glasgow", record.assessment.pk, "L1S1"])
    form = {"status": "done", "note": "Plan adopted", "responsible": "", "revision": stale}
    response = client.post(url, form)
    assert response.status_code == 409
    assert type(record).objects.get(pk=record.pk).note == ""


def test_after_saving_with_a_link_the_page_carries_the_new_revision(client, record, editor):
    client.force_login(editor)
    url = reverse("assessments:action", args=["glasgow", record.assessment.pk, "L1S1"])
    form = {"status": "in_progress", "note": "Plan drafted", "responsible": "", "revision": 0}
    response = client.post(url, {**form, "link_url": "https://example.org/p", "link_label": "P"})
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    # One save of the fields, one for the link; the next save builds on revision 2.
    assert 'name="revision" value="2"' in html
    response = client.post(url, {**form, "note": "Plan adopted", "revision": 2})
    assert response.status_code == 302
    assert type(record).objects.get(pk=record.pk).note == "Plan adopted"
