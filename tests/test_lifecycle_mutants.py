"""The lifecycle's steps, its pages' messages and the audit log, tested against the wrong
versions mutmut found passing (make mutation, issue 22). Each test names what a user would
see go wrong."""

import re
from datetime import date

from django.urls import reverse

from assessments import services
from assessments.models import Share
from audit.models import AuditEntry, Kind
from dashboards import queries

from .conftest import make_city, make_member, start_signed_off


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _timeline_lines(client, assessment) -> list[str]:
    page = client.get(reverse("assessments:timeline", args=["glasgow", assessment.pk]))
    timeline = page.content.decode().split('class="list-unstyled timeline"')[1]
    items = re.findall(r"<li[^>]*>(.*?)</li>", timeline.split("</ol>")[0], re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


# What the lifecycle pages say (lifecycle.views).


def test_sign_off_and_reopening_each_say_they_were_done(client, assessment, editor):
    client.force_login(editor)
    url = reverse("assessments:submit", args=["glasgow", assessment.pk])
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert _messages(response) == ["Assessment submitted and signed off."]
    url = reverse("assessments:reopen", args=["glasgow", assessment.pk])
    response = client.post(url, {"reason": "A figure was wrong"}, follow=True)
    assert _messages(response) == ["Assessment reopened as a draft."]


def test_reopening_a_draft_says_it_already_is_one(client, assessment, editor):
    """The reopening page of a draft (a second tab, a back button) refuses in words."""
    client.force_login(editor)
    url = reverse("assessments:reopen", args=["glasgow", assessment.pk])
    response = client.post(url, {"reason": "A figure was wrong"}, follow=True)
    assert _messages(response) == ["This assessment is already a draft."]
    assert not AuditEntry.objects.filter(kind=Kind.REOPENED).exists()


def test_the_open_draft_refusal_links_to_it_in_words(client, assessment, editor, city, smr):
    services.submit(assessment, editor)
    newer = services.start_assessment(
        city, smr, title="Self-assessment 2027", reference_date=date(2027, 6, 30), user=editor
    )
    client.force_login(editor)
    url = reverse("assessments:reopen", args=["glasgow", assessment.pk])
    response = client.post(url, {"reason": "A figure was wrong"}, follow=True)
    link = reverse("assessments:matrix", args=["glasgow", newer.pk])
    [message] = _messages(response)
    assert message.startswith("The draft “Self-assessment 2027” is open")
    assert message.endswith(f'<a href="{link}">Continue the draft</a>')


def test_sharing_a_draft_is_refused_in_words_and_shares_nothing(
    client, assessment, editor, partner
):
    client.force_login(editor)
    url = reverse("assessments:sharing", args=["glasgow", assessment.pk])
    response = client.post(url, {"partner": partner.pk, "action": "share"}, follow=True)
    assert _messages(response) == ["Only a submitted assessment can be shared."]
    assert not Share.objects.exists()


def test_sharing_without_the_private_parts_says_so(client, assessment, editor, partner):
    services.submit(assessment, editor)
    client.force_login(editor)
    url = reverse("assessments:sharing", args=["glasgow", assessment.pk])
    response = client.post(url, {"partner": partner.pk, "action": "share"}, follow=True)
    assert _messages(response) == ["Shared with ICLEI Europe, without evidence files or names."]


def test_the_sharing_page_tells_shared_from_not_shared_partners(
    client, assessment, editor, partner
):
    """Each partner's row says whether it is shared and ticks the private parts only for a
    share that has them."""
    from accounts.models import Partner

    undrr = Partner.objects.create(name="UNDRR", slug="undrr")
    assessment = services.submit(assessment, editor)
    services.share(assessment, partner, editor, include_private=True)
    client.force_login(editor)
    page = client.get(reverse("assessments:sharing", args=["glasgow", assessment.pk]))
    page = page.content.decode()
    states = re.findall(r'<td class="share-state">(.*?)</td>', page)
    assert states == ["Yes, with evidence files and names", "No"]  # ICLEI Europe, UNDRR
    assert re.search(rf'id="private-{partner.pk}" checked', page)
    assert re.search(rf'id="private-{undrr.pk}">', page)


def test_a_sharing_form_without_a_partner_says_what_to_choose(client, assessment, editor):
    assessment = services.submit(assessment, editor)
    client.force_login(editor)
    url = reverse("assessments:sharing", args=["glasgow", assessment.pk])
    response = client.post(url, {"action": "share"})
    assert response.status_code == 400
    assert _messages(response) == ["Choose a campaign partner to share with or withdraw from."]


def test_the_timeline_names_who_shared_and_who_withdrew(client, assessment, editor, partner):
    assessment = services.submit(assessment, editor)
    client.force_login(editor)
    url = reverse("assessments:sharing", args=["glasgow", assessment.pk])
    client.post(url, {"partner": partner.pk, "action": "share"}, follow=True)
    response = client.post(url, {"partner": partner.pk, "action": "withdraw"}, follow=True)
    assert _messages(response) == ["No longer shared with ICLEI Europe."]
    lines = [line.split(" · ", 1)[1] for line in _timeline_lines(client, assessment)]
    assert lines[:2] == [
        "Sharing withdrawn Ellen Editor — ICLEI Europe",
        "Shared with a partner Ellen Editor — ICLEI Europe",
    ]


# The steps (lifecycle.services).


def test_a_reopened_assessment_has_no_stage_in_the_api(client, assessment, editor):
    """Only a signed-off assessment has a stored overall stage: a reopened one is a draft."""
    from api.models import ApiToken

    services.reopen(services.submit(assessment, editor), editor, "A figure was wrong")
    headers = {"HTTP_AUTHORIZATION": f"Token {ApiToken.issue(editor, 't')[1]}"}
    body = client.get(reverse("api:assessment", args=["glasgow", assessment.pk]), **headers)
    assert body.json()["status"] == "draft"
    assert body.json()["overall_level"] is None


def test_withdrawing_one_share_leaves_the_partners_other_shares(smr, city, editor, partner):
    riga = make_city("riga", name="Riga", country="LV")
    riga_editor = make_member("editor@riga.test", "Rita Riga", riga, "editor")
    ours = start_signed_off(city, smr, user=editor, title="2025", reference_date=date(2025, 6, 1))
    theirs = start_signed_off(
        riga, smr, user=riga_editor, title="2025", reference_date=date(2025, 6, 1)
    )
    services.share(ours, partner, editor)
    services.share(theirs, partner, riga_editor)
    services.unshare(ours, partner, editor)
    assert list(queries.latest_shared(partner).values_list("pk", flat=True)) == [theirs.pk]


def test_a_share_deleted_in_the_admin_hands_latest_to_the_older_one(smr, city, editor, partner):
    older = start_signed_off(city, smr, user=editor, title="2024", reference_date=date(2024, 6, 1))
    newer = start_signed_off(city, smr, user=editor, title="2025", reference_date=date(2025, 6, 1))
    services.share(older, partner, editor)
    services.share(newer, partner, editor)
    assert list(queries.latest_shared(partner).values_list("pk", flat=True)) == [newer.pk]
    Share.objects.get(assessment=newer).delete()  # as the admin's delete does
    assert list(queries.latest_shared(partner).values_list("pk", flat=True)) == [older.pk]


def test_sharing_with_a_second_partner_leaves_the_first_partners_view(smr, city, editor, partner):
    from accounts.models import Partner

    other = Partner.objects.create(name="UNDRR", slug="undrr")
    older = start_signed_off(city, smr, user=editor, title="2024", reference_date=date(2024, 6, 1))
    newer = start_signed_off(city, smr, user=editor, title="2025", reference_date=date(2025, 6, 1))
    services.share(newer, partner, editor)
    services.share(older, other, editor)
    # Each partner sees the newest of what was shared with it, not with someone else.
    assert list(queries.latest_shared(partner).values_list("pk", flat=True)) == [newer.pk]
    assert list(queries.latest_shared(other).values_list("pk", flat=True)) == [older.pk]


def test_an_older_year_shared_after_the_newer_one_does_not_take_its_place(
    smr, city, editor, partner
):
    """Latest is the most recent reference date, not the last made: last year's assessment,
    entered as history after this year's, stays behind it on the partner's dashboard."""
    newer = start_signed_off(city, smr, user=editor, title="2025", reference_date=date(2025, 6, 1))
    older = start_signed_off(city, smr, user=editor, title="2024", reference_date=date(2024, 6, 1))
    services.share(newer, partner, editor)
    services.share(older, partner, editor)
    assert list(queries.latest_shared(partner).values_list("pk", flat=True)) == [newer.pk]


def test_a_reopening_without_a_reason_logs_none(assessment, editor):
    """Services and the exchange may reopen without a reason: the log says nothing made up."""
    services.submit(assessment, editor)
    services.reopen(assessment, editor)
    assert AuditEntry.objects.get(kind=Kind.REOPENED).detail == ""


# The audit log (audit.log): what the timeline and the admin show of the steps.


def test_the_timeline_shows_the_steps_without_a_detail_they_have_not(client, assessment, editor):
    services.submit(assessment, editor)
    client.force_login(editor)
    lines = _timeline_lines(client, assessment)
    assert [line.split(" · ", 1)[1] for line in lines] == [
        "Submitted and signed off Ellen Editor",
        "Started Ellen Editor",
    ]


def test_the_admin_lists_a_step_with_no_field_and_no_person(client, assessment, editor, admin_user):
    services.submit(assessment, editor)
    client.force_login(admin_user)
    page = client.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    fields = re.findall(r'<td class="field-field">(.*?)</td>', page)
    emails = re.findall(r'<td class="field-email">(.*?)</td>', page)
    assert len(fields) == len(emails) == 2  # started, signed off
    assert set(fields) | set(emails) == {"-"}
