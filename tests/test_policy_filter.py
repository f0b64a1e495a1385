"""The policy catalogue's kind filter."""

import pytest
from django.urls import reverse

from policies.models import Policy


@pytest.fixture
def catalogue(db):
    Policy.objects.create(slug="handbook", title="Flood handbook", kind="campaign_tool")
    Policy.objects.create(slug="iso-37123", title="ISO 37123", kind="standard")


def _titles(client, query: str) -> list[str]:
    response = client.get(reverse("policies:list") + query)
    assert response.status_code == 200
    return [p.title for p in response.context["policies"]]


def test_the_catalogue_shows_only_the_kind_asked_for(client, editor, catalogue):
    client.force_login(editor)
    assert _titles(client, "?kind=standard") == ["ISO 37123"]


def test_the_chosen_kind_stays_selected(client, editor, catalogue):
    client.force_login(editor)
    page = client.get(reverse("policies:list") + "?kind=standard").content.decode()
    assert '<option value="standard" selected>' in page


@pytest.mark.parametrize("query", ["", "?kind=", "?kind=brochure", "?kind=standard%00"])
def test_no_or_an_unknown_kind_shows_the_whole_catalogue(client, editor, catalogue, query):
    client.force_login(editor)
    assert sorted(_titles(client, query)) == ["Flood handbook", "ISO 37123"]


@pytest.mark.parametrize("query", ["?kind=brochure", "?kind=standard%00"])
def test_an_unknown_kind_selects_all_kinds_and_marks_nothing_wrong(
    client, editor, catalogue, query
):
    client.force_login(editor)
    page = client.get(reverse("policies:list") + query).content.decode()
    assert '<option value="" selected>All kinds</option>' in page
    assert "aria-invalid" not in page and "is not one of the available choices" not in page


def test_the_filter_is_labelled_and_offers_every_kind_in_the_readers_language(
    client, editor, catalogue
):
    client.force_login(editor)
    page = client.get(reverse("policies:list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<label class="visually-hidden" for="id_kind">Type</label>' in page
    assert '<option value="" selected>Tous les types</option>' in page
    assert '<option value="standard">Norme</option>' in page


def test_a_kind_with_nothing_listed_says_so_not_that_the_catalogue_is_empty(
    client, editor, catalogue
):
    client.force_login(editor)
    page = client.get(reverse("policies:list") + "?kind=case_study").content.decode()
    assert "Nothing of this kind in the catalogue yet." in page
    assert "The catalogue is empty." not in page
    Policy.objects.all().delete()
    assert "The catalogue is empty." in client.get(reverse("policies:list")).content.decode()
