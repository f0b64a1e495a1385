"""Personal API tokens: created and revoked on the account page, shown once, stored hashed,
read-only or read-write, last use recorded; the command for scripts; throttling with 429."""

import hashlib
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from api.models import ApiToken


def test_a_token_is_shown_once_and_stored_only_as_a_digest(client, editor):
    client.force_login(editor)
    response = client.post(reverse("api_tokens"), {"name": "open data"})
    assert response.status_code == 200
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=editor)
    assert key.startswith(f"rm_{token.prefix}_")
    secret = key.split("_", 2)[2]
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in token.digest and not token.can_write
    assert response["Cache-Control"] == "no-store"
    again = client.get(reverse("api_tokens"))
    assert key not in again.content.decode() and token.prefix in again.content.decode()


def test_token_authenticates_and_records_its_last_use(client, editor, city):
    token, key = ApiToken.issue(editor, "script")
    response = client.get(reverse("api:cities"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert [c["slug"] for c in response.json()["results"]] == ["glasgow"]
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", ["Token rm_nope_nope", "Token a b", "Token", "Token rm__x"])
def test_a_bad_token_is_401_in_the_error_format(client, db, header):
    response = client.get(reverse("api:model_versions"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "code", "fields"}


def test_a_right_prefix_with_a_wrong_secret_is_refused(client, editor):
    token, key = ApiToken.issue(editor, "script")
    response = client.get(reverse("api:cities"), HTTP_AUTHORIZATION=f"Token {key}x")
    assert response.status_code == 401


def test_revoked_token_stops_working(client, editor):
    token, key = ApiToken.issue(editor, "script")
    client.force_login(editor)
    assert client.post(reverse("api_tokens"), {"revoke": token.pk}).status_code == 302
    client.logout()
    response = client.get(reverse("api:cities"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401


def test_nobody_revokes_someone_elses_token(client, editor, outsider):
    token, _key = ApiToken.issue(editor, "script")
    client.force_login(outsider)
    assert client.post(reverse("api_tokens"), {"revoke": token.pk}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_command_prints_the_token_as_the_last_word(client, editor):
    out = StringIO()
    call_command("create_api_token", "EDITOR@glasgow.test", "--write", stdout=out)
    key = out.getvalue().strip().splitlines()[-1].split()[-1]
    assert ApiToken.objects.get(user=editor).can_write
    response = client.get(reverse("api:cities"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200


def test_throttled_token_gets_429_with_retry_after(client, editor, settings):
    from rest_framework.settings import api_settings

    from api.throttling import TokenRateThrottle

    cache.clear()
    original = TokenRateThrottle.THROTTLE_RATES
    rates = {"token": "3/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    api_settings.reload()
    TokenRateThrottle.THROTTLE_RATES = rates
    try:
        _token, key = ApiToken.issue(editor, "script")
        _other, other_key = ApiToken.issue(editor, "another")
        url = reverse("api:cities")
        codes = [client.get(url, HTTP_AUTHORIZATION=f"Token {key}").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        response = client.get(url, HTTP_AUTHORIZATION=f"Token {key}")
        assert int(response["Retry-After"]) > 0
        assert response.json()["code"] == "throttled"
        # Counted per token: another token of the same person is not held back.
        assert client.get(url, HTTP_AUTHORIZATION=f"Token {other_key}").status_code == 200
    finally:
        TokenRateThrottle.THROTTLE_RATES = original
        cache.clear()


def test_the_throttle_counts_in_the_shared_database_cache(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
