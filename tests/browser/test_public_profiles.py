"""Issue 31, as a visitor and as a city: the public directory and profiles, and "How other
cities did this" on an action page. axe-core finds nothing and no public page scrolls
sideways at 390 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from profiles import services
from profiles.models import PublicProfile

from ..exchange_world import build_exchange
from .conftest import PHONE, axe_violations, sign_in


@pytest.fixture
def ex(smr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_exchange(smr)


def _fits_and_passes_axe(page) -> None:
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_visitor_filters_the_directory_and_reads_glasgows_profile(phone, ex):
    phone.goto("/profiles/")
    expect(phone.get_by_role("link", name="Kristiansand")).to_be_visible()
    _fits_and_passes_axe(phone)
    phone.get_by_label("Country").select_option("GB")
    phone.get_by_role("button", name="Filter").click()
    expect(phone.get_by_role("status")).to_have_text("1 city")
    expect(phone.get_by_role("link", name="Kristiansand")).to_have_count(0)
    phone.get_by_role("link", name="Glasgow").click()
    expect(phone.get_by_role("heading", name="Glasgow", level=1)).to_be_visible()
    # The signed-off stages: L1 reached Starting, and the assessment's date.
    row = phone.locator('.profile-stages li[data-code="L1"]')
    expect(row).to_contain_text("Starting")
    expect(phone.locator("main")).to_contain_text("30 June 2025")
    expect(phone.get_by_role("link", name="Department plans in Glasgow")).to_be_visible()
    expect(phone.locator("main")).not_to_contain_text("partners-only")
    _fits_and_passes_axe(phone)
    phone.get_by_role("link", name="Department plans in Glasgow").click()
    expect(phone.get_by_role("heading", name="Department plans in Glasgow")).to_be_visible()
    _fits_and_passes_axe(phone)


def test_a_visitor_gets_404_for_an_unpublished_city_and_a_city_only_experience(phone, ex):
    assert phone.goto("/profiles/riga/").status == 404
    city_only = ex["experiences"]["city"]
    assert phone.goto(f"/experiences/{city_only.pk}/").status == 404
    signed_in = ex["experiences"]["signed_in"]
    assert phone.goto(f"/experiences/{signed_in.pk}/").status == 404


def test_rigas_editor_sees_on_l1s1_what_it_may_and_not_the_others(page, ex):
    sign_in(page, ex["riga_editor"].email)
    page.goto(reverse("assessments:action", args=["riga", ex["riga_draft"].pk, "L1S1"]))
    section = page.locator(
        "section", has=page.get_by_role("heading", name="How other cities did this")
    )
    expect(section.get_by_role("link", name="Department plans in Glasgow")).to_be_visible()
    expect(section.get_by_role("link", name="Kristiansand for signed-in cities")).to_be_visible()
    expect(section).not_to_contain_text("Glasgow partners-only notes")
    expect(section).not_to_contain_text("Kristiansand city-only notes")
    assert axe_violations(page) == []
    section.get_by_role("link", name="Share how our city did this").click()
    expect(page.get_by_role("heading", name="How we did it")).to_be_visible()


def test_unpublishing_removes_the_page_on_the_next_request(page, ex):
    assert page.goto("/profiles/glasgow/").status == 200
    sign_in(page, ex["editor"].email)
    page.goto(reverse("profiles:edit", args=["glasgow"]))
    page.get_by_label("Publish our profile").uncheck()
    page.locator("main").get_by_role("button", name="Save").click()
    expect(page.locator(".alert-success")).to_contain_text("The public profile was saved.")
    assert not PublicProfile.objects.get(city=ex["glasgow"]).published
    assert page.goto("/profiles/glasgow/").status == 404
    assert "/profiles/glasgow/" not in page.goto("/profiles/").text()
    assert services  # the page above went through profiles.services (audit log)


def test_the_signed_in_exchange_pages_pass_axe_and_fit_a_phone(phone, ex, catalogue):
    from assessments import services as assessment_services

    from ..conftest import make_partner_user

    sign_in(phone, ex["editor"].email)
    public = ex["experiences"]["public"]
    urls = [
        reverse("experiences:search") + "?action=L1S1",
        reverse("experiences:detail", args=[public.pk]),
        reverse("experiences:edit", args=["glasgow", public.pk]),
        reverse("experiences:city", args=["glasgow"]),
        reverse("profiles:edit", args=["glasgow"]),
        reverse("profiles:report", args=["kristiansand"]),
        reverse("assessments:next_steps", args=["glasgow", ex["draft"].pk]),
    ]
    for url in urls:
        assert phone.goto(url).status == 200, url
        assert axe_violations(phone) == [], url
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
    assessment_services.share(ex["signed"], ex["partner"], ex["editor"])
    member = make_partner_user(ex["partner"])
    phone.context.clear_cookies()
    sign_in(phone, member.email)
    for url in [
        reverse("experiences:partner", args=["iclei"]),
        reverse("dashboards:dashboard", args=["iclei"]),
    ]:
        assert phone.goto(url).status == 200, url
        assert axe_violations(phone) == [], url
