"""Membership workflows: invitations, role changes and removals, each in one transaction."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.log import log
from audit.models import Kind

from .models import City, Invitation, Membership, Role, User


class MembershipError(ValueError):
    """A membership change that would leave the city in a bad state; the message says why."""


def _log(city: City, kind: str, email: str, by: User | None, old: str = "", new: str = ""):
    log(kind, city=city, email=email, field="role", old=old, new=new, user=by)


def invite(
    city: City, email: str, role: str, invited_by: User, base_url: str, language: str = ""
) -> Invitation:
    """Create an invitation and email its link, in the language the inviting editor chose; an
    earlier pending invite to the same address is revoked so only the newest link works."""
    email = email.strip().lower()
    if Membership.objects.filter(city=city, user__email=email).exists():
        raise MembershipError(
            _("%(email)s is already a member of %(city)s.") % {"email": email, "city": city.name}
        )
    with transaction.atomic():
        city.invitations.pending().filter(email=email).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            city=city, email=email, role=role, invited_by=invited_by, language=language
        )
        _log(city, Kind.INVITED, email, invited_by, new=role)
    link = base_url + reverse("accounts:accept_invitation", args=[invitation.token])
    with translation.override(language or settings.LANGUAGE_CODE):
        _send_invitation(invitation, invited_by, link)
    return invitation


def _send_invitation(invitation: Invitation, invited_by: User, link: str) -> None:
    city = invitation.city
    send_mail(
        subject=_("You are invited to %(city)s's resilience assessment") % {"city": city.name},
        message=_(
            "%(who)s invited you to join %(city)s as %(role)s.\n\n"
            "Accept the invitation and set your password here:\n%(link)s\n\n"
            "The link expires on %(expires)s."
        )
        % {
            "who": invited_by.get_full_name(),
            "city": city.name,
            "role": invitation.get_role_display(),
            "link": link,
            "expires": invitation.expires_at.date().isoformat(),
        },
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )


def accept_invitation(
    invitation: Invitation, *, user: User | None = None, password: str = "", full_name: str = ""
) -> Membership:
    """Turn a pending invitation into a membership, creating the user when new."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.state != "pending":
            state = invitation.state_label
            raise MembershipError(_("This invitation is %(state)s.") % {"state": state})
        if user is None:
            user = User.objects.filter(email=invitation.email).first()
            if user is None:
                user = User.objects.create_user(
                    invitation.email,
                    password=password,
                    full_name=full_name,
                    language=invitation.language,
                )
        old_role = (
            Membership.objects.filter(user=user, city=invitation.city)
            .values_list("role", flat=True)
            .first()
        )
        membership, _created = Membership.objects.update_or_create(
            user=user, city=invitation.city, defaults={"role": invitation.role}
        )
        _log(
            invitation.city,
            Kind.JOINED,
            user.email,
            user,
            old_role or "",
            membership.role,
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def revoke_invitation(invitation: Invitation, by: User) -> None:
    if invitation.state != "pending":
        raise MembershipError(_("Only a pending invitation can be revoked."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    _log(invitation.city, Kind.INVITATION_REVOKED, invitation.email, by, invitation.role)


def _ensure_another_editor(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(city=membership.city, role=Role.EDITOR)
        .exclude(pk=membership.pk)
    )
    if not list(others):
        raise MembershipError(
            _("%(city)s needs at least one editor: make someone else an editor first.")
            % {"city": membership.city.name}
        )


@transaction.atomic
def change_role(membership: Membership, role: str, by: User) -> Membership:
    if membership.role == role:
        return membership
    if membership.role == Role.EDITOR and role != Role.EDITOR:
        _ensure_another_editor(membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    _log(membership.city, Kind.ROLE_CHANGED, membership.user.email, by, old, role)
    return membership


@transaction.atomic
def remove_member(membership: Membership, by: User) -> None:
    if membership.role == Role.EDITOR:
        _ensure_another_editor(membership)
    _log(membership.city, Kind.REMOVED, membership.user.email, by, membership.role)
    membership.delete()
