"""The site answers: home needs a sign-in, the login pages and health check work."""

from django.urls import reverse


def test_home_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sign_in_page_and_admin_login_render(client, db):
    assert b"Sign in" in client.get(reverse("login")).content
    assert client.get("/admin/login/").status_code == 200


def test_healthz_checks_each_part(client, db):
    response = client.get("/healthz")
    # No broker configured: jobs run in the request, and the check says so.
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "not used",
        "storage": "ok",
    }


def test_unknown_page_gets_the_friendly_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_security_headers_are_sent(client, db):
    response = client.get(reverse("login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_favicon_is_served_from_our_own_static_files(client, db):
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")
