"""The API's rate limit and page size: what a client may ask for, and from which address.

Anonymous readers of the public resources are counted per address; the address comes from
`X-Forwarded-For` only when the operator says how many proxies of theirs stand in front
(TRUSTED_PROXIES), so a client cannot become a new one by writing the header itself.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.settings import api_settings

from api.throttling import TokenRateThrottle

from .conftest import make_user


@pytest.fixture
def three_a_minute(settings):
    cache.clear()
    original = TokenRateThrottle.THROTTLE_RATES
    rates = {"token": "3/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    api_settings.reload()
    TokenRateThrottle.THROTTLE_RATES = rates
    yield
    TokenRateThrottle.THROTTLE_RATES = original
    cache.clear()


def _codes(client, metas: list[dict]) -> list[int]:
    """The status of one anonymous request per dict of WSGI variables."""
    url = reverse("api:model_versions")
    return [client.get(url, **meta).status_code for meta in metas]


def test_anonymous_readers_are_throttled_per_address(client, db, three_a_minute):
    assert _codes(client, [{}] * 4) == [200, 200, 200, 429]
    other = _codes(client, [{"REMOTE_ADDR": "198.51.100.7"}])
    assert other == [200]


def test_each_signed_in_reader_has_their_own_allowance(client, editor, viewer, three_a_minute):
    """A browser session is counted per person, not with everyone signed in."""
    url = reverse("api:cities")
    client.force_login(editor)
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    client.force_login(viewer)
    assert client.get(url).status_code == 200


def test_a_forwarded_for_header_does_not_make_a_new_client_by_default(client, db, three_a_minute):
    spoofed = [{"HTTP_X_FORWARDED_FOR": f"10.{n}.{n}.{n}"} for n in range(1, 6)]
    assert _codes(client, spoofed) == [200, 200, 200, 429, 429]


def test_behind_a_trusted_proxy_the_client_is_the_address_it_appended(
    client, db, three_a_minute, settings
):
    settings.TRUSTED_PROXIES = 1
    # The client writes its own first entry; the proxy appends the address it saw.
    same_client = [{"HTTP_X_FORWARDED_FOR": f"10.{n}.{n}.{n}, 203.0.113.5"} for n in range(1, 5)]
    assert _codes(client, same_client) == [200, 200, 200, 429]
    assert _codes(client, [{"HTTP_X_FORWARDED_FOR": "203.0.113.6"}]) == [200]
    # A request that did not pass the proxy (no header): the connection's address.
    assert _codes(client, [{}]) == [200]


def test_behind_a_trusted_proxy_the_list_may_have_no_spaces(client, db, three_a_minute, settings):
    settings.TRUSTED_PROXIES = 1
    same_client = [{"HTTP_X_FORWARDED_FOR": f"10.{n}.{n}.{n},203.0.113.5"} for n in range(1, 5)]
    assert _codes(client, same_client) == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_a_lone_entry_is_the_client(client, db, three_a_minute, settings):
    """The client wrote no header: the proxy's entry is the whole list, and names it."""
    settings.TRUSTED_PROXIES = 1
    one = [{"HTTP_X_FORWARDED_FOR": "203.0.113.6"}] * 4
    assert _codes(client, one) == [200, 200, 200, 429]
    assert _codes(client, [{"HTTP_X_FORWARDED_FOR": "203.0.113.7"}]) == [200]


def test_behind_a_trusted_proxy_requests_without_the_header_count_per_connection(
    client, db, three_a_minute, settings
):
    settings.TRUSTED_PROXIES = 1
    assert _codes(client, [{"REMOTE_ADDR": "198.51.100.7"}] * 4) == [200, 200, 200, 429]
    assert _codes(client, [{"REMOTE_ADDR": "198.51.100.8"}]) == [200]


def test_the_sign_in_lock_out_ignores_a_forwarded_for_header(client, db, settings):
    make_user("officer@city.test")
    url = reverse("login")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            url,
            {"username": "officer@city.test", "password": "wrong"},
            headers={"X-Forwarded-For": f"10.9.9.{n}"},
        )
    response = client.post(
        url,
        {"username": "officer@city.test", "password": "correct-horse-battery"},
        headers={"X-Forwarded-For": "10.9.9.250"},
    )
    assert response.status_code == 429


@pytest.mark.parametrize("size,status", [("200", 200), ("201", 400), ("1000000", 400)])
def test_a_page_holds_at_most_200_items(client, catalogue, size, status):
    response = client.get(reverse("api:policies"), {"page_size": size})
    assert response.status_code == status
    if status == 400:
        assert response.json()["fields"]["page_size"] == ["Use a whole number from 1 to 200."]


@pytest.mark.parametrize(
    "page,status",
    [("0", 400), ("abc", 400), ("1000000000", 400), ("999999999", 404), ("1", 200)],
)
def test_a_page_number_is_a_whole_number_below_a_billion(client, catalogue, page, status):
    response = client.get(reverse("api:policies"), {"page": page})
    assert response.status_code == status
    if status == 400:
        assert response.json()["fields"]["page"] == ["Use a whole number from 1 to 999999999."]


def test_the_schema_states_the_page_bounds_the_api_enforces(client, db):
    """A client generated from the schema asks only for pages the API serves."""
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    listed = schema["paths"]["/api/v1/policies/"]["get"]["parameters"]
    parameters = {p["name"]: p for p in listed if p["name"] in ("page", "page_size")}
    assert parameters == {
        "page": {
            "name": "page",
            "required": False,
            "in": "query",
            "description": "The page, from 1.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 999999999},
        },
        "page_size": {
            "name": "page_size",
            "required": False,
            "in": "query",
            "description": "Items per page.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 200},
        },
    }


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_request_without_a_connection_address_is_the_empty_address(rf, settings, proxies):
    """A unix-socket server sends no REMOTE_ADDR: such clients are one client, named by the
    empty text (never None, which the lock-out's records and the throttle's key store)."""
    from accounts.network import client_address

    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/api/v1/model-versions/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) == ""
