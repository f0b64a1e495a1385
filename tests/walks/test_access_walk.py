"""Walks every URL pattern of the project as each kind of user.

The patterns come from resolving the URLconf, so a new view is covered automatically: if it
forgets the access rule, an outsider reaches it and this test fails.
"""

import pytest
from django.urls import reverse

from ..exchange_world import PUBLIC_EXCHANGE
from ..urlwalk import ALL, PDF_VIEWS, _url, cases

PUBLIC = {  # views anyone may open: sign-in flows, the health check, invitations
    "login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete", "healthz", "accounts:accept_invitation", "maturity:how_stages_work",
    "policies:scorecard_questions", "scorecard:question", "maturity:about", "maturity:versions",
    "choose_language",  # the header's language switcher works before signing in too
    "exchange:schema",  # the exchange format's published JSON Schema
    *PUBLIC_EXCHANGE,  # issue 31: public profiles and experiences (tests/exchange_world.py)
}  # fmt: skip
WRITE_FORMS = {
    "assessments:new",
    "assessments:submit",
    "assessments:sharing",
    "scorecard:import",
    "scorecard:import_preview",
    "scorecard:sharing",
    "scorecard:submit",
    "exchange:import",
    "exchange:import_preview",
    "experiences:new",
    "experiences:edit",
}  # fmt: skip  (pages only editors may open)
SIGNED_IN_ONLY = {"home", "password_change", "password_change_done", "policies:list",
                  "policies:detail", "reports:worksheet", "reviews:mine"}  # fmt: skip


CITY_SCOPED = [(n, p) for n, p in ALL if "<slug:slug>" in str(p.pattern)]


def test_the_walk_covers_the_city_views():
    names = {n for n, _ in CITY_SCOPED}
    assert {"assessments:matrix", "assessments:tick", "accounts:members"} <= names


PRIVATE = [(n, p) for n, p in ALL if n not in PUBLIC]


@pytest.mark.parametrize("name,pattern", PRIVATE, ids=[n for n, _ in PRIVATE])
def test_anonymous_visitors_are_sent_to_sign_in(client, world, name, pattern):
    response = client.get(_url(name, pattern, world["kwargs"]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("who", ["outsider", "partner_user"])
@pytest.mark.parametrize("name,pattern", CITY_SCOPED, ids=[n for n, _ in CITY_SCOPED])
def test_outsiders_and_partners_get_404_for_unshared_city_pages(
    client, world, request, who, name, pattern
):
    """Another city's editor, and a partner the city shared nothing with, see nothing."""
    client.force_login(request.getfixturevalue(who))
    url = _url(name, pattern, world["kwargs"])
    # 405: the method is refused before anything is looked up, so nothing is revealed.
    assert client.get(url).status_code in (404, 405)
    assert client.post(url).status_code in (404, 405)


@pytest.mark.parametrize("name,pattern", cases(CITY_SCOPED))
def test_viewers_read_but_cannot_write(client, world, viewer, name, pattern):
    client.force_login(viewer)
    url = _url(name, pattern, world["kwargs"])
    assert client.get(url).status_code in ((403,) if name in WRITE_FORMS else (200, 405))
    before = world["assessment"].records.get(action__code="L1S1").revision
    assert client.post(url, {"status": "done", "revision": before}).status_code in (403, 405)
    assert world["assessment"].records.get(action__code="L1S1").revision == before


@pytest.mark.parametrize("name,pattern", cases(CITY_SCOPED))
def test_editors_reach_every_city_page(client, world, editor, name, pattern):
    client.force_login(editor)
    response = client.get(_url(name, pattern, world["kwargs"]))
    assert response.status_code in (200, 405)


def test_partner_reads_a_shared_assessment_read_only(client, world, partner_user):
    client.force_login(partner_user)
    shared = world["shared"]
    url = reverse("assessments:matrix", args=["glasgow", shared.pk])
    assert client.get(url).status_code == 200
    tick = reverse("assessments:tick", args=["glasgow", shared.pk, "L1S1"])
    assert client.post(tick, {"status": "done", "revision": 0}).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=[pytest.mark.pdf] if n in PDF_VIEWS else [])
        for n in sorted(SIGNED_IN_ONLY)
    ],
)
def test_signed_in_pages_open_for_any_member(client, world, outsider, name):
    client.force_login(outsider)
    pattern = dict(ALL)[name]
    kwargs = {"policy": "handbook", "version": world["assessment"].model_version.slug}
    assert client.get(_url(name, pattern, kwargs)).status_code == 200


PARTNER_SCOPED = [(n, p) for n, p in ALL if "<slug:partner>" in str(p.pattern)]
PARTNER_ACTIONS = {"dashboards:target_delete", "dashboards:target_change"}  # POST-only


@pytest.mark.parametrize("name,pattern", cases(PARTNER_SCOPED))
def test_partner_pages_are_only_for_the_partners_members(
    client, world, editor, partner_user, name, pattern
):
    url = _url(name, pattern, {**world["kwargs"], "fmt": "csv"})
    client.force_login(editor)
    if name in PARTNER_ACTIONS:  # POST only: the outsider's POST finds nothing
        assert client.get(url).status_code == 405 and client.post(url).status_code == 404
        return
    assert client.get(url).status_code == 404
    client.force_login(partner_user)
    assert client.get(url).status_code == 200
