"""The partner's cached figures follow an edit to a city (its country here), not only a
change of shares: the filters group cities by such fields."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from assessments import services

from .conftest import mark_done


@pytest.fixture
def shared(assessment, editor, partner):
    mark_done(assessment, ["L1S1"], editor)
    services.share(services.submit(assessment, editor), partner, editor)
    return assessment


def _text(client, url, country) -> str:
    html = client.get(url, {"country": country}).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_an_edited_country_shows_on_the_next_load(client, partner_user, partner, shared):
    cache.clear()
    client.force_login(partner_user)
    url = reverse("dashboards:dashboard", args=[partner.slug])
    one = "1 city shares its latest submitted assessment"
    assert one in _text(client, url, "GB")
    city = shared.city
    city.country = "IE"
    city.save()
    assert one not in _text(client, url, "GB")
    assert one in _text(client, url, "IE")
