"""The access rule for Scorecard assessments: the city's own rule (accounts.access) plus
sharing, through the same `accounts.access.shared_object_access` as assessments.

City members and site admins reach a Scorecard as they reach its city; partner members reach,
read-only, a Scorecard the city shared with their partner. Everything else is 404.
"""

from django.utils.translation import gettext as _

from accounts.access import shared_object_access

from .models import ScorecardAssessment


def get_scorecard(user, slug: str, pk: int, *, write: bool = False):
    """A Scorecard assessment reached through its city, with the user's access to it."""
    scorecard = (
        ScorecardAssessment.objects.select_related("city", "submitted_by")
        .filter(city__slug=slug, pk=pk)
        .first()
    )
    not_found = _("No such Scorecard assessment.")
    return scorecard, shared_object_access(user, scorecard, write=write, not_found=not_found)
