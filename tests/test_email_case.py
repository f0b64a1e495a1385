"""An email address signs in whatever its letter case, as invitations already treat it."""

from django.urls import reverse

from accounts.models import User

from .conftest import make_user


def _sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_sign_in_ignores_the_case_of_the_email(client, db):
    make_user("editor@glasgow.test")
    response = _sign_in(client, "Editor@Glasgow.TEST", "correct-horse-battery")
    assert response.status_code == 302 and response.url == "/"


def test_a_wrong_password_still_fails_in_any_case(client, db):
    make_user("editor@glasgow.test")
    response = _sign_in(client, "Editor@Glasgow.TEST", "wrong")
    assert response.status_code == 200
    assert b"enter a correct email" in response.content.lower()


def test_failures_in_mixed_case_count_towards_one_lock_out(client, db, settings):
    """Catches a lookup made case-insensitive without lower-casing the form's value: django-axes
    would then count `EDITOR@…` and `editor@…` apart, and changing case would dodge the limit."""
    make_user("editor@glasgow.test")
    spellings = ["Editor@Glasgow.test", "EDITOR@GLASGOW.TEST", "editor@GLASGOW.test"]
    for i in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, spellings[i % len(spellings)], "wrong")
    response = _sign_in(client, "editor@glasgow.test", "correct-horse-battery")
    assert response.status_code == 429


def test_the_user_is_found_by_email_in_any_case(db):
    user = make_user("editor@glasgow.test")
    assert User.objects.get_by_natural_key("Editor@Glasgow.TEST") == user


def test_two_accounts_differing_only_by_case_sign_in_by_exact_spelling(db):
    """Addresses are stored lower-cased, but one saved in mixed case (say in the admin) must
    not turn the sign-in of its lower-case twin into a 500."""
    lower = make_user("editor@glasgow.test")
    mixed = User.objects.create(email="Editor@glasgow.test")
    assert User.objects.get_by_natural_key("editor@glasgow.test") == lower
    assert User.objects.get_by_natural_key("Editor@glasgow.test") == mixed


def test_password_reset_finds_the_user_in_any_case(client, db, mailoutbox):
    make_user("editor@glasgow.test")
    client.post(reverse("password_reset"), {"email": "Editor@Glasgow.TEST"})
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["editor@glasgow.test"]
