"""The version of what a partner's dashboard shows, in the shared cache.

A partner's figures change only when a share to it is added, changed or withdrawn (of an
assessment or a Scorecard: a shared one is signed off, so read-only until a reopening, which
withdraws its shares), or when a city it sees is edited (the filters group cities by
country, region, population and network). Each of those moves the version of the partners
concerned, and nobody else's; the dashboard's cached figures are keyed by it.

The version is a random token: moving it draws a new one, and a reader that finds none (an
evicted version) draws its own, which is as good as moved. It is moved at once and again
when the transaction commits, so no figures computed while the change was not yet visible
to their reader stay under the token that readers see afterwards.
"""

import uuid

from django.core.cache import cache
from django.db import transaction


def _key(partner_id: int) -> str:
    return f"dashboard:partner-version:{partner_id}"


def partner_version(partner_id: int) -> str:
    key = _key(partner_id)
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(key, version, None)
    return version


def partners_changed(partner_ids) -> None:
    partner_ids = set(partner_ids)
    keys = [_key(pk) for pk in partner_ids]
    if not keys:
        return

    def move() -> None:
        cache.set_many({key: uuid.uuid4().hex for key in keys}, None)

    move()
    transaction.on_commit(move)
    # Then the partners' overview is computed again, by a job, for the next page to read.
    from .tasks import refresh_soon

    refresh_soon(partner_ids)


def share_changed(sender, instance, **kwargs) -> None:
    """A share (of an assessment or a Scorecard) saved or deleted, by a service, the admin
    or a cascade."""
    partners_changed([instance.partner_id])


def cities_changed(sender, instance, pk_set=None, **kwargs) -> None:
    """A city saved, or a city's networks changed (from either side of the relation)."""
    from accounts.models import City
    from assessments.models import Share
    from scorecard.models import ScorecardShare

    cities = [instance.pk] if isinstance(instance, City) else list(pk_set or ())
    partners = set(
        Share.objects.filter(assessment__city_id__in=cities).values_list("partner_id", flat=True)
    )
    partners |= set(
        ScorecardShare.objects.filter(scorecard__city_id__in=cities).values_list(
            "partner_id", flat=True
        )
    )
    partners_changed(partners)
