"""Partners per model version: the dashboard shows one version's cities (the one most sharing
cities use unless another is chosen), says which, and never mixes the two in a figure."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from api.models import ApiToken
from assessments import services

from .conftest import make_city, make_user, mark_done


def _shared(city, version, partner, year, done=()):
    user = make_user(f"e{year}@{city.slug}.test")
    Membership.objects.create(user=user, city=city, role=Role.EDITOR)
    a = services.start_assessment(
        city, version, title=f"{city.name} {year}", reference_date=date(year, 6, 1), user=user
    )
    mark_done(a, done, user)
    services.share(services.submit(a, user), partner, user)
    return a


@pytest.fixture
def mixed(smr, smr2, partner):
    """Two cities shared on 2018, one on 2.0 (Kristiansand, every U1 Starting action done)."""
    _shared(make_city("oslo", name="Oslo", country="NO"), smr, partner, 2025, ["L1S1"])
    _shared(make_city("riga", name="Riga", country="LV"), smr, partner, 2025)
    kristiansand = make_city("kristiansand", name="Kristiansand", country="NO")
    _shared(kristiansand, smr2, partner, 2026, ["U1S1", "U1S3", "U1S4"])


def test_dashboard_defaults_to_the_version_most_sharing_cities_use(client, mixed, partner_user):
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:dashboard", args=["iclei"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Figures are those of the cities assessed on SMR Resilience Maturity Model (2018)" in page
    )
    assert response.context["city_count"] == 2
    codes = {r["code"] for r in response.context["distribution"]}
    assert "U1" not in codes and len(codes) == 10
    assert sum(sum(r["counts"]) for r in response.context["trend"]) == 2


def test_choosing_2_0_shows_only_its_cities(client, mixed, partner_user, smr2):
    client.force_login(partner_user)
    url = reverse("dashboards:dashboard", args=["iclei"])
    response = client.get(url, {"version": smr2.slug})
    page = response.content.decode()
    assert "Figures are those of the cities assessed on SMR Maturity Model 2.0" in page
    assert response.context["city_count"] == 1
    rows = {r["code"]: r for r in response.context["distribution"]}
    assert len(rows) == 12 and "U1" in rows
    assert sum(sum(r["counts"]) for r in response.context["trend"]) == 1
    heatmap = client.get(reverse("dashboards:heatmap", args=["iclei"]), {"version": smr2.slug})
    assert "Kristiansand" in heatmap.text and "Oslo" not in heatmap.text


def test_api_figures_are_of_one_version(client, mixed, partner_user, smr2):
    _token, key = ApiToken.issue(partner_user, "test")
    url = reverse("api:figures", args=["iclei"])
    body = client.get(url, HTTP_AUTHORIZATION=f"Token {key}").json()
    assert body["model_version"] == "smr-rmm-2018"
    assert "U1" not in str(body)
    chosen = client.get(url, {"version": smr2.slug}, HTTP_AUTHORIZATION=f"Token {key}").json()
    assert chosen["model_version"] == smr2.slug
