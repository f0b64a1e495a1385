"""The top navigation at 1366 px: one line per label, in each of the five languages, and no
sideways scrolling (issue 25, finding 8: "Policies & campaign tools" took two lines in
English, three in French); on a phone it folds into its button."""

import pytest

from accounts.models import Membership, Partner, Role

from ..conftest import make_user
from .conftest import PHONE, sign_in

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def busy_officer(city, other_city):
    """An editor of one city, a viewer of another and a member of a partner with a long
    name, so the bar carries every item an officer may have."""
    user = make_user("officer@glasgow.test", full_name="Glasgow Resilience Officer")
    Membership.objects.create(user=user, city=city, role=Role.EDITOR)
    Membership.objects.create(user=user, city=other_city, role=Role.VIEWER)
    Partner.objects.create(name="ICLEI Europe (demo)", slug="iclei").members.add(user)
    return user


def _labels(page) -> list[tuple[str, float]]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
              'nav[aria-label] .nav-link, nav[aria-label] .btn, .navbar-brand'))
            .filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim(), e.getBoundingClientRect().height])"""
    )


@pytest.mark.parametrize("language", ["en", "fr", "es", "it", "nb"])
def test_every_menu_label_takes_one_line_at_1366_px(chromium, live_server, busy_officer, language):
    busy_officer.language = language
    busy_officer.save()
    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, busy_officer.email)
    page.goto("/")
    assert not page.is_visible(".navbar-toggler")  # the whole menu is in the bar
    labels = _labels(page)
    assert len(labels) >= 7  # brand, start, my actions, dashboard, switch city, policies, …
    line = min(h for _, h in labels if h > 0)
    assert [t for t, h in labels if h > line * 1.5] == []  # none wraps onto a second line
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    bar = page.evaluate("document.querySelector('nav[aria-label]').getBoundingClientRect().height")
    assert bar < 70  # one row
    context.close()


def test_the_account_pages_sit_under_the_account_menu(page, busy_officer):
    sign_in(page, busy_officer.email)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Account").click()
    assert page.get_by_text("Signed in as Glasgow Resilience Officer").is_visible()
    page.get_by_role("link", name="API tokens").click()
    page.wait_for_url("**/account/api-tokens/")
    assert page.errors == []


def test_the_menu_folds_into_its_button_on_a_phone(chromium, live_server, busy_officer):
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, busy_officer.email)
    assert page.is_visible(".navbar-toggler")
    page.click(".navbar-toggler")
    page.get_by_role("link", name="Policies & campaign tools").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
