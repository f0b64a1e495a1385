"""The one rule of who may read which experience.

- public: everyone, signed in or not;
- every signed-in city: any signed-in user;
- partners: the city's members and the members of a partner the city shares an assessment
  with;
- the city only: its members.
Site admins read every one (they moderate). An experience a site admin took down is read
only by its city and site admins, who see why. Everyone else gets 404.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from assessments.models import Share

from .models import Experience, Visibility


def visible_to(user, queryset=None):
    """The experiences `user` may read (anonymous: the public ones)."""
    experiences = Experience.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return experiences.public()
    if user.is_staff:
        return experiences
    member = Exists(Membership.objects.filter(city=OuterRef("city"), user=user))
    partner = Exists(Share.objects.filter(assessment__city=OuterRef("city"), partner__members=user))
    listed = Q(moderated_at__isnull=True)
    return experiences.filter(
        member
        | (listed & Q(visibility__in=(Visibility.PUBLIC, Visibility.SIGNED_IN)))
        | (listed & Q(visibility=Visibility.PARTNERS) & partner)
    )


def get_experience(user, pk: int) -> Experience:
    """The experience if `user` may read it, else 404 (its existence is not revealed)."""
    found = visible_to(user).select_related("city", "action__subdimension", "action__stage")
    experience = found.filter(pk=pk).first()
    if experience is None:
        raise Http404(_("No such experience."))
    return experience


def can_edit(user, experience: Experience) -> bool:
    """The city's editors change their own experiences."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, city_id=experience.city_id, role=Role.EDITOR
    ).exists()
