"""Passwords are stored with Argon2id (accounts/hashers.py), and those stored before with
PBKDF2 still sign in, then are stored again with Argon2id."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from accounts.models import User
from resilience_site import settings as production

PASSWORD = "correct-horse-battery"


@pytest.fixture
def production_hashers(settings):
    # The suite stores passwords with MD5 for speed (settings_test): these tests use the site's.
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS


def _sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_a_new_password_is_stored_with_argon2id(db, production_hashers):
    user = User.objects.create_user("editor@glasgow.test", password=PASSWORD)
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)
    assert not user.check_password("wrong-horse-battery")


def test_a_pbkdf2_password_signs_in_and_is_stored_again_with_argon2id(
    client, db, production_hashers
):
    stored = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user = User.objects.create(email="editor@glasgow.test", password=stored)
    assert _sign_in(client, "editor@glasgow.test", "wrong-horse-battery").status_code == 200
    response = _sign_in(client, "editor@glasgow.test", PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    client.logout()
    assert _sign_in(client, "editor@glasgow.test", PASSWORD).status_code == 302
