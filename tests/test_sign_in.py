"""Signing in with an email, and the throttle on repeated failures."""

from django.urls import reverse

from .conftest import make_user


def _sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_sign_in_with_email_and_password(client, db):
    make_user("officer@city.test")
    response = _sign_in(client, "officer@city.test", "correct-horse-battery")
    assert response.status_code == 302 and response.url == "/"


def test_wrong_password_is_refused_with_a_message(client, db):
    make_user("officer@city.test")
    response = _sign_in(client, "officer@city.test", "wrong")
    assert response.status_code == 200
    assert b"enter a correct email" in response.content.lower()


def test_repeated_failures_lock_the_account_out(client, db, settings):
    make_user("officer@city.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "officer@city.test", "wrong")
    response = _sign_in(client, "officer@city.test", "correct-horse-battery")
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content


def test_password_reset_sends_an_email(client, db, mailoutbox):
    make_user("officer@city.test")
    client.post(reverse("password_reset"), {"email": "officer@city.test"})
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_sign_out_is_a_post(client, db):
    user = make_user("officer@city.test")
    client.force_login(user)
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_password_change_needs_the_old_password_and_a_strong_new_one(client, db):
    user = make_user("officer@city.test")
    client.force_login(user)
    url = reverse("password_change")
    weak = client.post(url, {"old_password": "correct-horse-battery",
                             "new_password1": "abc", "new_password2": "abc"})  # fmt: skip
    assert b"too short" in weak.content
    client.post(url, {"old_password": "correct-horse-battery",
                      "new_password1": "a-much-better-passphrase",
                      "new_password2": "a-much-better-passphrase"})  # fmt: skip
    user.refresh_from_db()
    assert user.check_password("a-much-better-passphrase")
