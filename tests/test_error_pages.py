"""Error pages render without the database, the user or the session.

A foreign Host header is refused by the first middleware, before the session and the user
exist; the 400 page that then ran the `my_cities` context processor answered 500 instead.
"""

import pytest
from django.test import RequestFactory

from resilience_site import views


def test_a_foreign_host_header_is_a_400_page(client, db):
    client.raise_request_exception = False  # see the page a browser would get
    response = client.get("/accounts/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.parametrize(
    "handler,status,heading",
    [
        (views.bad_request, 400, "Bad request"),
        (views.permission_denied, 403, "Not allowed"),
        (views.page_not_found, 404, "Page not found"),
    ],
)
def test_each_error_page_needs_no_user_session_or_query(
    db, django_assert_num_queries, handler, status, heading
):
    request = RequestFactory().get("/somewhere/")  # no user, no session: nothing ran yet
    with django_assert_num_queries(0):
        response = handler(request, Exception("refused"))
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_500_page_needs_no_user_session_or_query(db, django_assert_num_queries):
    request = RequestFactory().get("/somewhere/")
    with django_assert_num_queries(0):
        try:
            raise RuntimeError("a bug")
        except RuntimeError:
            response = views.server_error(request)
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()
