"""Invitations, roles and the rule that a city always keeps an editor."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership, Role, User

from .conftest import make_city, make_user


def _invite(client, editor, email="newcomer@glasgow.test", role="viewer"):
    client.force_login(editor)
    return client.post(
        reverse("accounts:members", args=["glasgow"]), {"email": email, "role": role}
    )


def _link_token(message) -> str:
    return message.body.split("/invitations/")[1].split("/")[0]


def test_editor_invites_by_email_and_newcomer_sets_a_password(client, editor):
    assert _invite(client, editor).status_code == 302
    assert mail.outbox[0].to == ["newcomer@glasgow.test"]
    token = _link_token(mail.outbox[0])
    client.logout()
    response = client.post(
        reverse("accounts:accept_invitation", args=[token]),
        {
            "full_name": "Nina Newcomer",
            "password1": "a-long-unusual-pass",
            "password2": "a-long-unusual-pass",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@glasgow.test")
    assert user.check_password("a-long-unusual-pass")
    assert Membership.objects.get(user=user).role == Role.VIEWER
    assert client.get(reverse("assessments:city", args=["glasgow"])).status_code == 200


def test_weak_password_is_refused_with_a_message(client, editor):
    _invite(client, editor)
    client.logout()
    token = _link_token(mail.outbox[0])
    response = client.post(
        reverse("accounts:accept_invitation", args=[token]),
        {"full_name": "Nina", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 400
    assert b"too short" in response.content or b"too common" in response.content
    assert not User.objects.filter(email="newcomer@glasgow.test").exists()


def test_an_invitation_works_once(client, editor):
    _invite(client, editor)
    token = _link_token(mail.outbox[0])
    client.logout()
    data = {
        "full_name": "N",
        "password1": "a-long-unusual-pass",
        "password2": "a-long-unusual-pass",
    }
    client.post(reverse("accounts:accept_invitation", args=[token]), data)
    client.logout()
    response = client.post(reverse("accounts:accept_invitation", args=[token]), data)
    assert response.status_code == 410
    assert b"accepted" in response.content


def test_expired_invitation_is_refused(client, editor):
    _invite(client, editor)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()
    response = client.get(reverse("accounts:accept_invitation", args=[_link_token(mail.outbox[0])]))
    assert response.status_code == 410
    assert b"expired" in response.content


def test_revoked_invitation_is_refused(client, editor):
    _invite(client, editor)
    invitation = Invitation.objects.get()
    client.post(reverse("accounts:revoke_invitation", args=["glasgow", invitation.pk]))
    client.logout()
    response = client.get(reverse("accounts:accept_invitation", args=[invitation.token]))
    assert response.status_code == 410
    assert b"revoked" in response.content


def test_inviting_an_existing_member_is_refused_clearly(client, editor, viewer):
    response = _invite(client, editor, email="viewer@glasgow.test")
    assert response.status_code == 400
    assert b"already a member" in response.content
    assert not Invitation.objects.exists()


def test_existing_user_accepts_after_signing_in(client, editor, other_city, outsider):
    _invite(client, editor, email=outsider.email, role="editor")
    client.force_login(outsider)
    client.post(reverse("accounts:accept_invitation", args=[_link_token(mail.outbox[0])]))
    assert Membership.objects.get(user=outsider, city__slug="glasgow").role == Role.EDITOR


def test_editor_changes_a_role(client, editor, viewer):
    client.force_login(editor)
    membership = Membership.objects.get(user=viewer)
    client.post(
        reverse("accounts:change_role", args=["glasgow", membership.pk]), {"role": "editor"}
    )
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


def test_removing_the_last_editor_is_refused_with_a_message(client, editor):
    client.force_login(editor)
    membership = Membership.objects.get(user=editor)
    response = client.post(
        reverse("accounts:remove_member", args=["glasgow", membership.pk]), follow=True
    )
    assert b"needs at least one editor" in response.content
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_demoting_the_last_editor_is_refused(client, editor):
    client.force_login(editor)
    membership = Membership.objects.get(user=editor)
    response = client.post(
        reverse("accounts:change_role", args=["glasgow", membership.pk]),
        {"role": "viewer"},
        follow=True,
    )
    assert b"needs at least one editor" in response.content
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


def test_with_a_second_editor_the_first_can_leave(client, editor, city):
    other = make_user("second@glasgow.test")
    Membership.objects.create(user=other, city=city, role=Role.EDITOR)
    client.force_login(editor)
    membership = Membership.objects.get(user=editor)
    client.post(reverse("accounts:remove_member", args=["glasgow", membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_home_lists_every_city_of_a_member_with_its_latest_assessment(
    client, editor, other_city, assessment
):
    Membership.objects.create(user=editor, city=other_city, role=Role.VIEWER)
    client.force_login(editor)
    page = client.get("/").content.decode()
    assert "Glasgow" in page and "Riga" in page
    assert "Self-assessment 2026" in page and "No assessment yet." in page


def test_a_member_of_several_cities_switches_from_the_navigation(client, editor, other_city):
    Membership.objects.create(user=editor, city=other_city, role=Role.VIEWER)
    client.force_login(editor)
    html = client.get(reverse("assessments:city", args=["glasgow"])).content.decode()
    switcher = html.split("Switch city")[1].split("</ul>")[0]
    assert 'href="/cities/riga/"' in switcher and 'href="/cities/glasgow/"' in switcher
    assert client.get("/cities/riga/").status_code == 200


def test_the_navigation_lists_my_cities_by_name_and_my_partners_dashboards(
    client, editor, other_city, partner
):
    """A member of Glasgow and Riga who also works for a partner: the switcher lists both
    cities by name (Glasgow before Riga whatever the joining order), the partner's
    dashboard is linked, and no one else's city or partner appears."""
    make_city("aberdeen")  # not theirs
    Membership.objects.create(user=editor, city=other_city, role=Role.VIEWER)
    partner.members.add(editor)
    client.force_login(editor)
    html = client.get(reverse("assessments:city", args=["riga"])).content.decode()
    switcher = html.split("Switch city")[1].split("</ul>")[0]
    assert switcher.index("/cities/glasgow/") < switcher.index("/cities/riga/")
    assert "/cities/aberdeen/" not in html
    assert f'href="{reverse("dashboards:dashboard", args=[partner.slug])}"' in html
    assert f"{partner.name} dashboard" in html


def test_an_editor_cannot_reach_another_citys_member_through_their_own_city(
    client, editor, outsider
):
    # The wrong code this catches: a membership fetched by its id alone, so Riga's member
    # could be demoted or removed from Glasgow's members page.
    riga = Membership.objects.get(user=outsider)
    client.force_login(editor)
    role = reverse("accounts:change_role", args=["glasgow", riga.pk])
    assert client.post(role, {"role": "viewer"}).status_code == 404
    remove = reverse("accounts:remove_member", args=["glasgow", riga.pk])
    assert client.post(remove).status_code == 404
    riga.refresh_from_db()
    assert riga.role == Role.EDITOR
