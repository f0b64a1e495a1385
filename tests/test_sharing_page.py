"""The sharing page: only the city's editors see and change which partners an assessment
is shared with, and a malformed POST is a 400 that changes nothing."""

import pytest
from django.urls import reverse

from accounts.models import Partner
from assessments import services
from assessments.models import Share


@pytest.fixture
def submitted(assessment, editor, partner):
    """A submitted assessment, shared with ICLEI."""
    assessment = services.submit(assessment, editor)
    services.share(assessment, partner, editor)
    return assessment


@pytest.fixture
def other_partner(db) -> Partner:
    return Partner.objects.create(name="UNDRR", slug="undrr")


def _url(assessment) -> str:
    return reverse("assessments:sharing", args=["glasgow", assessment.pk])


def test_editor_sees_and_uses_the_sharing_page(client, submitted, editor, other_partner):
    client.force_login(editor)
    page = client.get(_url(submitted))
    assert page.status_code == 200 and b"UNDRR" in page.content
    response = client.post(_url(submitted), {"partner": other_partner.pk, "action": "share"})
    assert response.status_code == 302
    assert set(Share.objects.values_list("partner__slug", flat=True)) == {"iclei", "undrr"}
    client.post(_url(submitted), {"partner": other_partner.pk, "action": "withdraw"})
    assert set(Share.objects.values_list("partner__slug", flat=True)) == {"iclei"}


def test_partner_cannot_see_whom_else_the_city_shares_with(client, submitted, partner_user):
    """Catches the page being reached through the assessment's read rule, which lets a
    partner the assessment was shared with read the list of the city's other partners."""
    client.force_login(partner_user)
    matrix = client.get(reverse("assessments:matrix", args=["glasgow", submitted.pk]))
    assert matrix.status_code == 200  # the partner does read the assessment itself
    assert client.get(_url(submitted)).status_code == 404
    assert client.post(_url(submitted), {"partner": 1, "action": "withdraw"}).status_code == 404
    assert Share.objects.count() == 1


def test_viewer_is_refused_the_sharing_page(client, submitted, viewer, partner):
    client.force_login(viewer)
    assert client.get(_url(submitted)).status_code == 403
    response = client.post(_url(submitted), {"partner": partner.pk, "action": "withdraw"})
    assert response.status_code == 403
    assert Share.objects.count() == 1


def test_another_citys_editor_gets_404(client, submitted, outsider):
    client.force_login(outsider)
    assert client.get(_url(submitted)).status_code == 404


def test_another_citys_assessment_under_my_city_is_404(client, smr, editor, outsider, other_city):
    """Catches an assessment fetched by id alone, not through the city in the URL."""
    from datetime import date

    riga = services.start_assessment(
        other_city, smr, title="Riga 2026", reference_date=date(2026, 1, 1), user=outsider
    )
    client.force_login(editor)
    assert client.get(_url(riga)).status_code == 404


def test_sharing_link_is_only_shown_to_editors(client, submitted, editor, viewer, partner_user):
    matrix = reverse("assessments:matrix", args=["glasgow", submitted.pk])
    link = f'href="{_url(submitted)}"'.encode()
    client.force_login(editor)
    assert link in client.get(matrix).content
    for user in (viewer, partner_user):
        client.force_login(user)
        assert link not in client.get(matrix).content


@pytest.mark.parametrize(
    "data",
    [
        {"partner": "abc", "action": "share"},  # was a 500: int("abc") in the lookup
        {"partner": "", "action": "share"},
        {"partner": "\x00", "action": "share"},
        {"partner": "99999999999999999999", "action": "share"},
        {"partner": "{other}", "action": "delete"},
        {"partner": "{other}"},
        {},
    ],
)
def test_a_malformed_post_is_400_and_changes_nothing(
    client, submitted, editor, other_partner, data
):
    client.force_login(editor)
    data = {k: v.format(other=other_partner.pk) for k, v in data.items()}
    response = client.post(_url(submitted), data)
    assert response.status_code == 400
    assert b"Choose a campaign partner" in response.content
    assert list(Share.objects.values_list("partner__slug", flat=True)) == ["iclei"]
