"""The access rule for assessments: a city's own rule (accounts.access) plus sharing.

City members and site admins reach an assessment as they reach its city; partner members
reach, read-only, an assessment the city shared with their partner. Everything else is 404.
"""

from django.utils.translation import gettext as _

from accounts.access import share_for, shared_object_access
from accounts.compiled import CompiledQuery

from .models import Assessment


def shared_with_user(user, assessment: Assessment) -> bool:
    return share_for(user, assessment) is not None


# Stand for the URL's slug and id while the query is compiled (no slug holds a NUL, no id is
# negative).
_ANY_SLUG, _ANY_PK = "\x00any-city", -7_041_991
# Compiled once per process (accounts.compiled): compiling its three joins took the ORM
# about ten times as long as SQLite takes to run it, on every assessment page.
_BY_CITY_AND_PK = CompiledQuery(
    Assessment,
    lambda slug, pk: (
        Assessment.objects.select_related("model_version", "submitted_by", "city")
        .filter(city__slug=slug, pk=pk)
        .order_by()[:1]
    ),
)


def get_assessment(user, slug: str, pk: int, *, write: bool = False):
    """An assessment reached through its city, with the user's access to it.

    Partner members reach assessments shared with their partner, read-only.
    """
    # One query reaches the assessment through its city's slug: never by id alone.
    found = _BY_CITY_AND_PK.rows({_ANY_SLUG: str(slug), _ANY_PK: int(pk)})
    assessment = found[0] if found else None
    access = shared_object_access(user, assessment, write=write, not_found=_("No such assessment."))
    return assessment, access
