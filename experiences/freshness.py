"""The version of what "How other cities did this" shows, in the shared cache.

Which experiences a reader sees depends on the experiences themselves (written, edited,
moderated, deleted), on the cities' names shown beside them, and on who reads: a city's
members, and the members of a partner a city shares with (experiences.access). Any change to
one of those moves this one version, for everyone: they are rare beside the action page's
reads, and one token is a rule nobody can get wrong. The reader's own identity is in each
part's key, so the token need not say whose view changed.

As dashboards.freshness: a random token, moved at once and again when the transaction
commits, so a part drawn while the change was not yet visible never stays under the token
readers see afterwards; an evicted token is as good as moved.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

KEY = "experiences:version"


def experiences_version() -> str:
    version = cache.get(KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(KEY, version, None)
    return version


def experiences_changed(*args, **kwargs) -> None:
    """A signal receiver (any sender): an experience, a membership, a share, a partner's
    members or a city saved or deleted."""

    def move() -> None:
        cache.set(KEY, uuid.uuid4().hex, None)

    move()
    transaction.on_commit(move)
