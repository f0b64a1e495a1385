"""Who may see and change a city's indicator values: accounts.access's rule, plus partners.

Members and site admins as for the city (editors change, viewers and admins read). A
partner's member reads them only when the city shares an assessment with that partner AND
has consented that the share includes its indicator values; everyone else gets 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import CityAccess, city_access
from accounts.models import City, Partner
from assessments.models import Share

from .models import IndicatorConsent


def consenting_partners(city: City):
    """The partners that see this city's indicator values: consent given and a share held."""
    shared = Share.objects.filter(assessment__city=city).values("partner_id")
    consented = IndicatorConsent.objects.filter(city=city).values("partner_id")
    return Partner.objects.filter(pk__in=shared).filter(pk__in=consented)


def indicator_access(user, slug: str, *, write: bool = False) -> CityAccess:
    """The user's access to the indicator values of the city named by `slug`."""
    city = next(iter(City.objects.filter(slug=slug).order_by()[:1]), None)
    access = city_access(user, city) if city else None
    partner = access is None and city is not None and user.is_authenticated
    if partner and consenting_partners(city).filter(members=user).exists():
        access = CityAccess(city=city, role=None, can_edit=False, partner=True)
    if access is None:
        raise Http404(_("No such city."))
    if write and not access.can_edit:
        raise PermissionDenied(_("Only the city's editors can change this."))
    return access
