"""Junk in a URL path is a 404 from the resolver, on SQLite and PostgreSQL alike.

PostgreSQL refuses a NUL byte in text, so before the path converters a `%00` in an action
code or an invitation token reached the query and gave a 500 there (a 404 on SQLite).
"""

import pytest
from django.urls import Resolver404, resolve

from maturity.models import Action

A = "/cities/glasgow/assessments/{pk}/"


@pytest.mark.parametrize(
    "path",
    [
        A + "actions/L1S1%00/",
        A + "actions/%00/",
        A + "actions/%00/tick/",
        A + "actions/l1s1/",  # the codes are upper case
        A + "actions/L1S1'%20OR%20'1'='1/",
        A + "actions/L1S1/files/1%00/",
        A + "actions/L1S1%00/files/{file_pk}/",
        A + "work-plan.pdf",  # was an XLSX download under a .pdf name
        A + "work-plan.csv%00",
        A + "work-plan.",
        "/invitations/%00/",
        "/invitations/{token}%00/",
        "/invitations/short/",
        "/invitations/" + "x" * 65 + "/",
        "/invitations/..%2F..%2Fetc%2Fpasswd/",
        "/partners/iclei/cities.pdf",
        "/partners/iclei/cities.csv%00",
    ],
)
def test_junk_in_a_path_is_404_for_a_member(client, world, editor, partner_user, path):
    url = path.format(
        pk=world["assessment"].pk,
        file_pk=world["kwargs"]["file_pk"],
        token=world["kwargs"]["token"],
    )
    client.force_login(partner_user if url.startswith("/partners/") else editor)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("kind", ["other", "link%00", "LINK", "links"])
def test_an_unknown_evidence_kind_is_404_and_removes_nothing(client, world, editor, kind):
    client.force_login(editor)
    record = world["assessment"].records.get(action__code="L1S1")
    url = f"/cities/glasgow/assessments/{world['assessment'].pk}/actions/L1S1/{kind}/1/remove/"
    assert client.post(url).status_code == 404
    assert record.links.count() == 1 and record.files.count() == 1


def test_every_action_code_of_the_model_is_a_valid_path(smr):
    codes = list(Action.objects.for_version(smr).values_list("code", flat=True))
    assert len(codes) == 90
    for code in codes:
        match = resolve(f"/cities/glasgow/assessments/1/actions/{code}/")
        assert match.view_name == "assessments:action" and match.kwargs["code"] == code


@pytest.mark.parametrize("code", ["L", "L1", "L1S", "1L1S1", "L1S123", "ABC1S1", "L1١S1", "L1S1 "])
def test_what_is_not_an_action_code_does_not_resolve(code):
    with pytest.raises(Resolver404):
        resolve(f"/cities/glasgow/assessments/1/actions/{code}/")


def test_a_real_invitation_token_resolves(world):
    token = world["kwargs"]["token"]
    assert resolve(f"/invitations/{token}/").kwargs == {"token": token}


def _id_patterns():
    from accounts.converters import IdConverter

    from ..urlwalk import ALL

    for name, pattern in ALL:
        ids = [k for k, c in pattern.pattern.converters.items() if isinstance(c, IdConverter)]
        for key in ids:
            yield pytest.param(name, pattern, key, id=f"{name}:{key}")


PLACEHOLDER = 7_654_321


@pytest.mark.parametrize("name,pattern,key", list(_id_patterns()))
@pytest.mark.parametrize("number", ["99999999999999999999", str(2**63), str(2**63 - 1)])
def test_an_id_the_database_cannot_hold_is_404(client, world, editor, name, pattern, key, number):
    """Was an OverflowError on SQLite (a 500): `/cities/glasgow/assessments/<20 digits>/`."""
    from ..urlwalk import _url

    url = _url(name, pattern, world["kwargs"], **{key: PLACEHOLDER})
    url = url.replace(f"/{PLACEHOLDER}/", f"/{number}/")
    client.force_login(editor)
    if int(number) > 2**63 - 1:  # refused by the resolver, whatever the method
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    else:  # the largest id that fits reaches the view, which finds nothing (or refuses the
        # method it does not take: 405)
        codes = {client.get(url).status_code, client.post(url).status_code}
        assert 404 in codes and codes <= {404, 405}


def test_no_path_takes_a_whole_number_the_database_cannot_hold():
    """Every whole number in a path goes through the `id` converter, never Django's `int`."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.converters import IntConverter

    def converters(resolver):
        for p in resolver.url_patterns:
            yield from p.pattern.converters.values()
            if isinstance(p, URLResolver):
                yield from converters(p)
            else:
                assert isinstance(p, URLPattern)

    assert not [c for c in converters(get_resolver()) if isinstance(c, IntConverter)]
