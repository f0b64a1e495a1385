"""The access rule for Scorecard assessments: the city's own rule (accounts.access) plus
sharing, built like `assessments.access`.

City members and site admins reach a Scorecard as they reach its city; partner members reach,
read-only, a Scorecard the city shared with their partner. Everything else is 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import CityAccess, city_access

from .models import ScorecardAssessment


def share_for_user(user, scorecard: ScorecardAssessment):
    """The share that lets this user see the Scorecard (the most generous one), or None."""
    if not user.is_authenticated:
        return None
    return scorecard.shares.filter(partner__members=user).order_by("-include_private").first()


def get_scorecard(user, slug: str, pk: int, *, write: bool = False):
    """A Scorecard assessment reached through its city, with the user's access to it."""
    scorecard = (
        ScorecardAssessment.objects.select_related("city", "submitted_by")
        .filter(city__slug=slug, pk=pk)
        .first()
    )
    if scorecard is None:
        raise Http404(_("No such Scorecard assessment."))
    access = city_access(user, scorecard.city)
    if access is None:
        share = share_for_user(user, scorecard)
        if share is None:
            raise Http404(_("No such Scorecard assessment."))
        access = CityAccess(
            city=scorecard.city,
            role=None,
            can_edit=False,
            partner=True,
            sees_private=share.include_private,
        )
    if write and not access.can_edit:
        raise PermissionDenied(_("Only the city's editors can change this."))
    return scorecard, access
