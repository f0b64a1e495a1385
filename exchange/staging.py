"""An upload kept between its preview and its confirmation, for an hour at most.

A whole assessment with its files is too large to ride in a signed form field (as the
Scorecard's preview does), so its bytes wait in the storage evidence uses (the local disk, or
the bucket when one is configured: a worker or another app server reads them too), under
exchange-staging/ and a random name that only the signed confirmation carries, bound to the
city and the person.
"""

from __future__ import annotations

import contextlib
import secrets
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

SALT = "exchange.import"
MAX_AGE = 3600
FOLDER = "exchange-staging"


def _name(key: str) -> str:
    return f"{FOLDER}/{key}.upload"


def sweep() -> None:
    """Forget the uploads nobody confirmed within the hour."""
    limit = timezone.now() - timedelta(seconds=MAX_AGE)
    with contextlib.suppress(OSError):
        _folders, files = default_storage.listdir(FOLDER)
        for file in files:
            name = f"{FOLDER}/{file}"
            with contextlib.suppress(OSError):
                if file.endswith(".upload") and default_storage.get_modified_time(name) < limit:
                    default_storage.delete(name)


def stage(data: bytes) -> str:
    """Keep the bytes; returns the key that names them."""
    sweep()
    key = secrets.token_hex(16)
    default_storage.save(_name(key), ContentFile(data))
    return key


def ticket(key: str, *, city_id: int, user_id: int, name: str) -> str:
    """The signed ticket that names kept bytes, for this person and city only."""
    return signing.dumps({"key": key, "city": city_id, "user": user_id, "name": name}, salt=SALT)


def keep(data: bytes, *, city_id: int, user_id: int, name: str) -> str:
    """Keep the bytes; returns the signed ticket that names them."""
    return ticket(stage(data), city_id=city_id, user_id=user_id, name=name)


def read(key: str) -> bytes | None:
    with contextlib.suppress(OSError), default_storage.open(_name(key), "rb") as stream:
        return stream.read()
    return None


def named(ticket: str, *, city_id: int, user_id: int) -> tuple[str, str] | None:
    """The key of the kept bytes and their file name, when the ticket is good, recent and
    this person's for this city; else None. The bytes themselves are read by the job."""
    try:
        payload = signing.loads(ticket, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("city") != city_id or payload.get("user") != user_id:
        return None
    return payload["key"], payload["name"]


def discard(key: str) -> None:
    with contextlib.suppress(OSError):
        default_storage.delete(_name(key))
