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


def _overflowing(page, urls) -> dict:
    wide = {}
    for url in urls:
        try:
            response = page.goto(url)
        except PlaywrightError:  # a POST-only address answers 405 with no page
            continue
        if response is None or response.status >= 400:
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[url] = width
    return wide


def _reachable(page, start: str = "/") -> list[str]:
    """Pages linked from the start page, breadth first, same site, GET, without query."""
    seen, queue, pages = {start}, deque([start]), []
    while queue and len(pages) < LIMIT:
        url = queue.popleft()
        response = page.goto(url)
        if response is None or response.status >= 400:
            continue
        pages.append(page.url)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            path = parts.path
            if parts.netloc != urlsplit(page.url).netloc or any(s in path for s in SKIP):
                continue
            if path not in seen:
                seen.add(path)
                queue.append(path)
    return pages


@pytest.mark.parametrize("who", ["editor", "viewer", "partner_user"])
def test_no_page_scrolls_sideways_on_a_phone(phone, world, request, who):
    user = request.getfixturevalue(who)
    sign_in(phone, user.email)
    pages = _reachable(phone)
    assert len(pages) > 3, pages  # the crawl really went somewhere
    walk = []
    for name, pattern in ALL:
        route = str(pattern.pattern)
        if any(s in route for s in SKIP) or name in ("logout", "healthz"):
            continue
        try:
            walk.append(_url(name, pattern, world["kwargs"]))
        except KeyError:
            continue
    wide = _overflowing(phone, sorted(set(pages) | set(walk)))
    assert not wide, wide
