"""One self-assessment lifecycle for the SMR assessment and the UN Scorecard: every former
difference between the two ends in one behaviour, on both."""

import pytest
from django.urls import reverse

from assessments import services as smr_services
from audit.models import AuditEntry, Kind
from dashboards import queries
from dashboards.scorecards import latest_scorecards
from scorecard import services as un_services


@pytest.fixture
def scorecard(catalogue, city, editor):
    return un_services.start_scorecard(city, user=editor, title="Scorecard 2026")


@pytest.fixture(params=["assessment", "scorecard"])
def instrument(request, assessment, scorecard, editor):
    """Each instrument, signed off: (object, its services, URL name prefix, URL kwargs)."""
    if request.param == "assessment":
        obj = smr_services.submit(assessment, editor)
        return obj, smr_services, "assessments", {"slug": "glasgow", "pk": obj.pk}
    obj = un_services.submit(scorecard, editor)
    return obj, un_services, "scorecard", {"slug": "glasgow", "scorecard": obj.pk}


def test_a_reason_over_1000_characters_is_refused_and_nothing_reopens(client, editor, instrument):
    obj, _services, app, kwargs = instrument
    client.force_login(editor)
    response = client.post(reverse(f"{app}:reopen", kwargs=kwargs), {"reason": "r" * 1001})
    assert response.status_code == 400
    assert "Keep this within 1,000 characters (it has 1,001)." in response.content.decode()
    obj.refresh_from_db()
    assert obj.status == "submitted"
    assert not obj.audit_entries.filter(kind=Kind.REOPENED).exists()


def test_a_1000_character_reason_is_kept_whole(client, editor, instrument):
    obj, _services, app, kwargs = instrument
    client.force_login(editor)
    reason = "why " * 250
    client.post(reverse(f"{app}:reopen", kwargs=kwargs), {"reason": reason})
    obj.refresh_from_db()
    assert obj.status == "draft"
    assert obj.audit_entries.get(kind=Kind.REOPENED).detail == reason.strip()


def test_a_partner_shared_it_gets_404_on_its_sharing_page(
    client, editor, partner, partner_user, instrument
):
    obj, services, app, kwargs = instrument
    services.share(obj, partner, editor)
    client.force_login(partner_user)
    assert client.get(reverse(f"{app}:detail" if app == "scorecard" else f"{app}:matrix",
                              kwargs=kwargs)).status_code == 200  # fmt: skip
    assert client.get(reverse(f"{app}:sharing", kwargs=kwargs)).status_code == 404
    response = client.post(
        reverse(f"{app}:sharing", kwargs=kwargs), {"partner": partner.pk, "action": "withdraw"}
    )
    assert response.status_code == 404
    assert obj.shares.filter(partner=partner).exists()


def test_a_viewer_gets_403_on_the_sharing_page(client, viewer, instrument):
    _obj, _services, app, kwargs = instrument
    client.force_login(viewer)
    assert client.get(reverse(f"{app}:sharing", kwargs=kwargs)).status_code == 403


def test_one_sharing_form_shares_with_names_and_withdraws(client, editor, partner, instrument):
    obj, _services, app, kwargs = instrument
    client.force_login(editor)
    url = reverse(f"{app}:sharing", kwargs=kwargs)
    response = client.post(
        url, {"partner": partner.pk, "action": "share", "include_private": "on"}, follow=True
    )
    assert f"Shared with {partner.name}, with " in response.content.decode()
    assert obj.shares.get(partner=partner).include_private is True
    response = client.post(url, {"partner": partner.pk, "action": "withdraw"}, follow=True)
    assert f"No longer shared with {partner.name}." in response.content.decode()
    assert not obj.shares.exists()
    kinds = list(obj.audit_entries.lifecycle().order_by("pk").values_list("kind", "detail"))
    assert kinds[-2:] == [(Kind.SHARED, partner.name), (Kind.UNSHARED, partner.name)]


def test_a_sharing_form_without_a_partner_is_a_400_that_changes_nothing(
    client, editor, partner, instrument
):
    obj, services, app, kwargs = instrument
    services.share(obj, partner, editor)
    client.force_login(editor)
    response = client.post(reverse(f"{app}:sharing", kwargs=kwargs), {"action": "withdraw"})
    assert response.status_code == 400
    assert obj.shares.filter(partner=partner).exists()


def _latest_shared(services, partner):
    if services is smr_services:
        return list(queries.latest_shared(partner).values_list("pk", flat=True))
    return list(latest_scorecards(partner).values_list("pk", flat=True))


@pytest.mark.parametrize("services", [smr_services, un_services], ids=["assessment", "scorecard"])
def test_the_latest_shared_is_the_newest_by_reference_date_whatever_the_sharing_order(
    services, smr, catalogue, city, editor, partner
):
    from datetime import date

    from maturity.models import ModelVersion

    def start(year):
        if services is smr_services:
            version = ModelVersion.objects.current()
            return smr_services.start_assessment(
                city, version, title=f"{year}", reference_date=date(year, 6, 1), user=editor
            )
        return un_services.start_scorecard(
            city, user=editor, title=f"{year}", reference_date=date(year, 6, 1)
        )

    older = services.submit(start(2024), editor)
    newer = services.submit(start(2025), editor)
    services.share(newer, partner, editor)
    services.share(older, partner, editor)  # shared last, yet older
    assert _latest_shared(services, partner) == [newer.pk]
    services.reopen(newer, editor, "fix a typo")  # withdraws its share
    assert _latest_shared(services, partner) == [older.pk]
    older.delete()  # a cascade, as from the admin
    assert _latest_shared(services, partner) == []


def test_every_step_of_both_is_in_the_one_log(editor, partner, instrument):
    obj, services, _app, _kwargs = instrument
    services.share(obj, partner, editor)
    services.reopen(obj, editor, "typo")
    field = "assessment" if services is smr_services else "scorecard"
    steps = list(
        AuditEntry.objects.filter(**{field: obj})
        .lifecycle()
        .order_by("pk")
        .values_list("kind", "user__email")
    )
    assert steps == [
        (Kind.CREATED, editor.email),
        (Kind.SUBMITTED, editor.email),
        (Kind.SHARED, editor.email),
        (Kind.REOPENED, editor.email),
    ]


@pytest.fixture(params=["assessment", "scorecard"])
def draft(request, assessment, scorecard):
    """Each instrument as a draft: (object, URL name prefix, URL kwargs, its title)."""
    if request.param == "assessment":
        return assessment, "assessments", {"slug": "glasgow", "pk": assessment.pk}
    return scorecard, "scorecard", {"slug": "glasgow", "scorecard": scorecard.pk}


def test_sign_off_asks_first_on_both_and_only_the_confirmation_signs(client, editor, draft):
    obj, app, kwargs = draft
    client.force_login(editor)
    url = reverse(f"{app}:submit", kwargs=kwargs)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Submit and sign off “{obj.title}”?" in html
    assert "read-only" in html and 'name="confirm" value="yes"' in html
    client.post(url)
    obj.refresh_from_db()
    assert obj.status == "draft"
    client.post(url, {"confirm": "yes"})
    obj.refresh_from_db()
    assert obj.status == "submitted" and obj.submitted_by == editor


def test_the_scorecards_confirmation_shows_its_totals_and_what_is_unanswered(
    client, editor, scorecard
):
    client.force_login(editor)
    html = client.get(reverse("scorecard:submit", args=["glasgow", scorecard.pk])).content.decode()
    assert "Total 0 of " in html
    assert "questions are not answered; they stay unanswered in this signed version." in html
