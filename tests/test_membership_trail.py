"""Every change to who may do what in a city is recorded: who, when, what."""

from django.core import mail
from django.urls import reverse

from accounts.models import Membership, Role
from audit.models import AuditEntry

from .conftest import make_user


def _trail(city):
    return list(
        AuditEntry.objects.memberships()
        .filter(city=city)
        .order_by("pk")
        .values_list("kind", "email", "old", "new", "user__email")
    )


def test_invitation_and_joining_are_recorded(client, city, editor):
    client.force_login(editor)
    members = reverse("accounts:members", args=["glasgow"])
    client.post(members, {"email": "Nina@Glasgow.test", "role": "viewer"})
    token = mail.outbox[0].body.split("/invitations/")[1].split("/")[0]
    client.logout()
    client.post(
        reverse("accounts:accept_invitation", args=[token]),
        {
            "full_name": "Nina",
            "password1": "a-long-unusual-pass",
            "password2": "a-long-unusual-pass",
        },
    )
    assert _trail(city) == [
        ("invited", "nina@glasgow.test", "", "viewer", "editor@glasgow.test"),
        ("joined", "nina@glasgow.test", "", "viewer", "nina@glasgow.test"),
    ]


def test_role_change_removal_and_revocation_are_recorded(client, city, editor, viewer):
    client.force_login(editor)
    m = Membership.objects.get(user=viewer, city=city)
    client.post(reverse("accounts:change_role", args=["glasgow", m.pk]), {"role": "editor"})
    client.post(reverse("accounts:remove_member", args=["glasgow", m.pk]))
    client.post(
        reverse("accounts:members", args=["glasgow"]), {"email": "x@y.test", "role": "editor"}
    )
    invitation = city.invitations.get(email="x@y.test")
    client.post(reverse("accounts:revoke_invitation", args=["glasgow", invitation.pk]))
    assert _trail(city) == [
        ("role", "viewer@glasgow.test", "viewer", "editor", "editor@glasgow.test"),
        ("removed", "viewer@glasgow.test", "editor", "", "editor@glasgow.test"),
        ("invited", "x@y.test", "", "editor", "editor@glasgow.test"),
        ("revoked", "x@y.test", "editor", "", "editor@glasgow.test"),
    ]


def test_a_refused_change_leaves_no_trace(client, city, editor):
    client.force_login(editor)
    own = Membership.objects.get(user=editor, city=city)
    client.post(reverse("accounts:change_role", args=["glasgow", own.pk]), {"role": "viewer"})
    assert Membership.objects.get(pk=own.pk).role == Role.EDITOR
    assert _trail(city) == []


def test_setting_the_same_role_records_nothing(client, city, editor, viewer):
    client.force_login(editor)
    m = Membership.objects.get(user=viewer, city=city)
    client.post(reverse("accounts:change_role", args=["glasgow", m.pk]), {"role": "viewer"})
    assert _trail(city) == []


def test_editors_see_the_trail_in_words_and_other_cities_do_not_leak(
    client, city, editor, viewer, other_city
):
    client.force_login(editor)
    m = Membership.objects.get(user=viewer, city=city)
    client.post(reverse("accounts:change_role", args=["glasgow", m.pk]), {"role": "editor"})
    riga_editor = make_user("boss@riga.test")
    Membership.objects.create(user=riga_editor, city=other_city, role=Role.EDITOR)
    AuditEntry.objects.create(
        field="role", city=other_city, kind="removed", email="secret@riga.test", old="viewer"
    )
    html = client.get(reverse("accounts:members", args=["glasgow"])).content.decode()
    assert "Role changed" in html and "Viewer → Editor" in html
    assert "secret@riga.test" not in html
