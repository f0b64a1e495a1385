"""The access rule for assessments: a city's own rule (accounts.access) plus sharing.

City members and site admins reach an assessment as they reach its city; partner members
reach, read-only, an assessment the city shared with their partner. Everything else is 404.
"""

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import get_city, share_for, shared_object_access

from .models import Assessment


def shared_with_user(user, assessment: Assessment) -> bool:
    return share_for(user, assessment) is not None


def members_assessment(user, slug: str, pk: int, *, write: bool = False):
    """(access, assessment): an assessment of a city the user belongs to (or any, for a site
    admin), never through a partner's share: for what holds every private part, such as the
    exchange file, or what only the city's members do, such as asking for a peer review."""
    access = get_city(user, slug, write=write)
    assessment = access.city.assessments.with_header().filter(pk=pk).first()
    if assessment is None:
        raise Http404(_("No such assessment."))
    assessment.city = access.city
    return access, assessment


def get_members_assessment(user, slug: str, pk: int) -> Assessment:
    """The assessment of `members_assessment`, for reading."""
    return members_assessment(user, slug, pk)[1]


def get_assessment(user, slug: str, pk: int, *, write: bool = False):
    """An assessment reached through its city, with the user's access to it.

    Partner members reach assessments shared with their partner, read-only.
    """
    # One query reaches the assessment through its city's slug: never by id alone. Unordered
    # (one row at most): the model's ordering would only cost its compilation.
    found = (
        Assessment.objects.select_related("model_version", "submitted_by", "city")
        .filter(city__slug=slug, pk=pk)
        .order_by()[:1]
    )
    assessment = next(iter(found), None)
    access = shared_object_access(user, assessment, write=write, not_found=_("No such assessment."))
    return assessment, access
