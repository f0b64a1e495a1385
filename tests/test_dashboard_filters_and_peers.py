"""Dashboard filters refuse bad input with a 400; peer medians never reveal one city."""

import re
from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from assessments import services

from .conftest import make_city, make_user, mark_done

L1_MODERATE = ["L1S1", "L1S2", "L1M1", "L1M2", "L1M3", "L1M4"]


def _shared_city(slug, smr, partner, codes):
    city = make_city(slug, name=slug.title())
    user = make_user(f"editor@{slug}.test")
    Membership.objects.create(user=user, city=city, role=Role.EDITOR)
    a = services.start_assessment(
        city, smr, title=f"{slug} 2025", reference_date=date(2025, 6, 1), user=user
    )
    mark_done(a, codes, user)
    services.share(services.submit(a, user), partner, user)
    return city


@pytest.fixture
def glasgow_shared(smr, city, editor, partner):
    """Glasgow has done nothing in L1 and shares with the partner."""
    a = services.start_assessment(
        city, smr, title="Glasgow 2025", reference_date=date(2025, 6, 1), user=editor
    )
    services.share(services.submit(a, editor), partner, editor)
    return a


def _l1_row(html: str) -> list[str]:
    row = re.search(
        r'<th scope="row" class="fw-normal"><strong>L1</strong> [^<]*</th>(.*?)</tr>', html, re.S
    )
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row[1])]


def test_the_city_is_not_its_own_peer(client, smr, partner, editor, glasgow_shared):
    # Two peers at Not started and three at Moderate in L1: their median is Moderate. Counting
    # Glasgow itself (nothing done) would pull the median down to nothing reached.
    for n in range(2):
        _shared_city(f"low-{n}", smr, partner, [])
    for n in range(3):
        _shared_city(f"high-{n}", smr, partner, L1_MODERATE)
    client.force_login(editor)
    html = client.get(reverse("dashboards:peers", args=["glasgow"])).content.decode()
    own, median, peers = _l1_row(html)
    assert median == "Moderate"
    assert peers == "5"


def test_peers_are_listed_in_the_models_order_with_names(
    client, smr, partner, editor, glasgow_shared
):
    """Catches the alphabetical order (C1, C2, I1 …) and codes without names (finding 14)."""
    _shared_city("peer-0", smr, partner, [])
    client.force_login(editor)
    html = client.get(reverse("dashboards:peers", args=["glasgow"])).content.decode()
    row = r'<th scope="row" class="fw-normal"><strong>(\w+)</strong> ([^<]*)</th>'
    rows = re.findall(row, html)
    assert [code for code, _title in rows] == [
        "L1", "L2", "L3", "L4", "P1", "P2", "I1", "I2", "C1", "C2",
    ]  # fmt: skip
    assert rows[4] == ("P1", "Diagnosis and Assessment")


def test_no_median_over_fewer_than_five_peers(client, smr, partner, editor, glasgow_shared):
    for n in range(4):
        _shared_city(f"peer-{n}", smr, partner, L1_MODERATE)
    client.force_login(editor)
    html = client.get(reverse("dashboards:peers", args=["glasgow"])).content.decode()
    _own, median, peers = _l1_row(html)
    assert median == "not shown (too few peers)" and peers == "4"
    assert "Moderate" not in html
    assert "Only 4 other cities share with this partner" in html


@pytest.mark.parametrize(
    "params",
    [
        {"region": "Scot\x00land"},
        {"country": "G\x00"},
        {"country": "GBR"},
        {"population": "enormous"},
        {"network": "x" * 101},
    ],
    ids=["null-in-region", "null-in-country", "three-letter-country", "unknown-band", "long"],
)
@pytest.mark.parametrize("view", ["dashboards:dashboard", "dashboards:heatmap"])
def test_a_bad_filter_is_a_400_that_says_which(
    client, partner, partner_user, glasgow_shared, params, view
):
    client.force_login(partner_user)
    response = client.get(reverse(view, args=[partner.slug]), params)
    assert response.status_code == 400
    assert "This filter was not applied" in response.content.decode()


@pytest.mark.parametrize("params", [{"region": "\x00"}, {"sort": "L1'--"}, {"country": "1"}])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_bad_filter_on_an_export_is_a_400(
    client, partner, partner_user, glasgow_shared, params, fmt
):
    client.force_login(partner_user)
    url = reverse("dashboards:heatmap_export", args=[partner.slug, fmt])
    assert client.get(url, params).status_code == 400


def test_a_good_filter_still_filters(client, smr, partner, partner_user, glasgow_shared):
    _shared_city("oslo", smr, partner, [])
    from accounts.models import City

    City.objects.filter(slug="oslo").update(country="NO")
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:heatmap", args=[partner.slug]), {"country": "no"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Oslo" in html and "Glasgow" not in html
