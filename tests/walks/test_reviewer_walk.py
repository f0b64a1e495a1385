"""The reviewer as one more kind of user: Bristol's editor, reviewing one Glasgow assessment,
walks every city page and API route. Only the review's own pages open; every other page of
Glasgow is a 404 (its existence not revealed), and nothing of Glasgow's changes."""

import pytest

from ..urlwalk import ALL, _url, cases
from .test_access_walk import CITY_SCOPED
from .test_api_walk import CITY_SCOPED as API_CITY_SCOPED
from .test_api_walk import headers, snapshot, url

REVIEW_PAGES = {"reviews:detail", "reviews:action", "reviews:note"}
# The review's steps: the reviewer returns it (a redirect with the refusal or the news);
# closing is the city's, a change the reviewer may not make.
REVIEW_STEPS = {"reviews:return": 302, "reviews:close": 403}


def test_the_walk_has_the_review_pages():
    assert REVIEW_PAGES | set(REVIEW_STEPS) <= {n for n, _ in ALL}


@pytest.mark.parametrize("name,pattern", cases(CITY_SCOPED))
def test_the_reviewer_opens_only_the_review(client, world, name, pattern):
    client.force_login(world["reviewer"])
    target = _url(name, pattern, world["kwargs"])
    expected = 200 if name in REVIEW_PAGES else (405 if name in REVIEW_STEPS else 404)
    assert client.get(target).status_code in (expected, 405)
    before = snapshot(world)
    response = client.post(target, {"status": "done", "revision": 0, "verdict": "agree"})
    if name in REVIEW_STEPS:
        assert response.status_code == REVIEW_STEPS[name]
    elif name in REVIEW_PAGES:
        assert response.status_code in (200, 302, 400, 403, 405)
    else:
        assert response.status_code in (404, 405)
    assert snapshot(world) == before


@pytest.mark.parametrize("name,pattern", API_CITY_SCOPED, ids=[n for n, _ in API_CITY_SCOPED])
def test_the_reviewer_reads_only_the_review_through_the_api(client, world, name, pattern):
    auth = headers(world["reviewer"])
    expected = 200 if name == "api:review" else 404
    response = client.get(url(name, pattern, world), **auth)
    assert response.status_code == (405 if name == "api:import" else expected)
