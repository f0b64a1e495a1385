"""The access rule for assessments: a city's own rule (accounts.access) plus sharing.

City members and site admins reach an assessment as they reach its city; partner members
reach, read-only, an assessment the city shared with their partner. Everything else is 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import CityAccess, city_access

from .models import Assessment


def share_for_user(user, assessment: Assessment):
    """The share that lets this user see the assessment (the most generous one), or None."""
    if not user.is_authenticated:
        return None
    return assessment.shares.filter(partner__members=user).order_by("-include_private").first()


def shared_with_user(user, assessment: Assessment) -> bool:
    return share_for_user(user, assessment) is not None


def get_assessment(user, slug: str, pk: int, *, write: bool = False):
    """An assessment reached through its city, with the user's access to it.

    Partner members reach assessments shared with their partner, read-only.
    """
    # One query reaches the assessment through its city's slug: never by id alone.
    assessment = (
        Assessment.objects.select_related("model_version", "submitted_by", "city")
        .filter(city__slug=slug, pk=pk)
        .first()
    )
    if assessment is None:
        raise Http404(_("No such assessment."))
    access = city_access(user, assessment.city)
    if access is None:
        share = share_for_user(user, assessment)
        if share is None:
            raise Http404(_("No such assessment."))
        access = CityAccess(
            city=assessment.city,
            role=None,
            can_edit=False,
            partner=True,
            sees_private=share.include_private,
        )
    if write and not access.can_edit:
        raise PermissionDenied(_("Only the city's editors can change this."))
    return assessment, access
