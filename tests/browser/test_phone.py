"""At 390 px no page scrolls sideways: every page a role reaches from its start page, and
every page of the URL walk it may open. A wide table may scroll inside its own box."""

from collections import deque
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from ..urlwalk import ALL, _url
from .conftest import PHONE, sign_in

# Downloads and sign-out are not pages; the admin has its own, Django-made, layout.
SKIP = ("/admin/", "/accounts/logout/", ".pdf", ".xlsx", ".csv", ".zip", ".json", "/files/")
LIMIT = 60


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def too_wide(widths: dict[str, int]) -> dict[str, int]:
    return {url: width for url, width in widths.items() if width > PHONE["width"]}


def _overflowing(page, urls) -> dict:
    wide = {}
    for url in urls:
        try:
            response = page.goto(url)
        except PlaywrightError:  # a POST-only address answers 405 with no page
            continue
        if response is None or response.status >= 400:
            continue
        wide |= too_wide({url: _width(page)})
    return wide


def reachable(page, start: str = "/") -> dict[str, int]:
    """Pages linked from the start page, breadth first, same site, GET, without query: each
    one's address (the path it landed on) and its width, measured as the crawl meets it, so
    no page is loaded twice."""
    seen, queue, widths = {start}, deque([start]), {}
    while queue and len(widths) < LIMIT:
        url = queue.popleft()
        response = page.goto(url)
        if response is None or response.status >= 400:
            continue
        widths[urlsplit(page.url).path] = _width(page)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            path = parts.path
            if parts.netloc != urlsplit(page.url).netloc or any(s in path for s in SKIP):
                continue
            if path not in seen:
                seen.add(path)
                queue.append(path)
    return widths


@pytest.mark.parametrize("who", ["editor", "viewer", "partner_user"])
def test_no_page_scrolls_sideways_on_a_phone(phone, world, request, who):
    user = request.getfixturevalue(who)
    sign_in(phone, user.email)
    met = reachable(phone)
    assert len(met) > 3, met  # the crawl really went somewhere
    walk = []
    for name, pattern in ALL:
        route = str(pattern.pattern)
        if any(s in route for s in SKIP) or name in ("logout", "healthz"):
            continue
        try:
            walk.append(_url(name, pattern, world["kwargs"]))
        except KeyError:
            continue
    # The walk's pages the crawl did not meet; those it met were measured on the way.
    wide = too_wide(met) | _overflowing(phone, sorted(set(walk) - set(met)))
    assert not wide, wide
