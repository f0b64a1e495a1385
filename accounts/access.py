"""The one access rule: who may see or change which city's data.

- City editors view and change their city; city viewers only view it.
- Campaign partner members view, read-only, the assessments a city shared with their partner.
- Site admins (staff) view every city; they change the model and catalogue in the admin.
- Everyone else gets 404 for another city's objects (its existence is not revealed);
  a read-only user asking to write gets 403.

Every view, export and report reaches city data through the functions below, and
assessments through `assessments.access`, which builds on `city_access`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import City, Membership, Role


@dataclass(frozen=True)
class CityAccess:
    city: City
    role: str | None  # Role value, or None for staff / partners
    can_edit: bool
    partner: bool = False  # reached through a share, not as a member or admin
    # Evidence files, people's names in the history and responsible people's names: members
    # and site admins see them; a partner only when the city's share includes them.
    sees_private: bool = True

    @property
    def can_manage_members(self) -> bool:
        return self.role == Role.EDITOR


def role_in(user, city: City) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user, city=city)
        .order_by("pk")
        .values_list("role", flat=True)
        .first()
    )


def city_access(user, city: City) -> CityAccess | None:
    """The user's access to a whole city, or None when the city is not theirs to see."""
    role = role_in(user, city)
    if role is not None:
        return CityAccess(city=city, role=role, can_edit=role == Role.EDITOR)
    if user.is_authenticated and user.is_staff:
        return CityAccess(city=city, role=None, can_edit=False)
    return None


def get_city(user, slug: str, *, write: bool = False) -> CityAccess:
    """The city named by `slug` if the user may see it (404 otherwise; 403 on a refused write)."""
    # Unordered (the slug is unique): the model's ordering would only cost its compilation.
    city = next(iter(City.objects.filter(slug=slug).order_by()[:1]), None)
    access = city_access(user, city) if city else None
    if access is None:
        raise Http404(_("No such city."))
    if write and not access.can_edit:
        raise PermissionDenied(_("Only the city's editors can change this."))
    return access


def share_for(user, shared):
    """The share through which this user sees a city's `shared` object (an assessment, a
    Scorecard: anything with `.shares` to partners), the most generous one first; or None."""
    if not user.is_authenticated:
        return None
    return shared.shares.filter(partner__members=user).order_by("-include_private").first()


def shared_object_access(user, shared, *, write: bool, not_found: str) -> CityAccess:
    """The user's access to one shared object of a city, reached through its city (`shared`
    is None when the city has no such object): members and site admins as to the city,
    partner members read-only through a share, everyone else 404."""
    if shared is None:
        raise Http404(not_found)
    access = city_access(user, shared.city)
    if access is None:
        share = share_for(user, shared)
        if share is None:
            raise Http404(not_found)
        access = CityAccess(
            city=shared.city,
            role=None,
            can_edit=False,
            partner=True,
            sees_private=share.include_private,
        )
    if write and not access.can_edit:
        raise PermissionDenied(_("Only the city's editors can change this."))
    return access


def cities_of(user):
    """The cities a user belongs to, for the home page and the city switcher."""
    if not user.is_authenticated:
        return City.objects.none()
    return City.objects.filter(memberships__user=user).distinct()


def get_partner(user, slug: str):
    """A partner organisation whose dashboards the user may see (members and site admins)."""
    from .models import Partner

    partner = Partner.objects.filter(slug=slug).first()
    if partner is None or not user.is_authenticated:
        raise Http404(_("No such partner."))
    if not user.is_staff and not partner.members.filter(pk=user.pk).exists():
        raise Http404(_("No such partner."))
    return partner


def may_read_own_upload(user, job) -> bool:
    """A file a city's editor uploaded and a job read (a Scorecard workbook, an exchange
    file): only that editor reads what was found, and only while they may edit the city."""
    if user.pk != job.requested_by_id:
        return False
    try:
        get_city(user, job.params["city"], write=True)
    except (Http404, PermissionDenied):
        return False
    return True
