"""An upload kept between its preview and its confirmation, for an hour at most.

A whole assessment with its files is too large to ride in a signed form field (as the
Scorecard's preview does), so its bytes wait in MEDIA_ROOT/exchange-staging/ under a random
name that only the signed confirmation carries, bound to the city and the person.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing

SALT = "exchange.import"
MAX_AGE = 3600


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "exchange-staging"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sweep() -> None:
    """Forget the uploads nobody confirmed within the hour."""
    limit = time.time() - MAX_AGE
    for path in _folder().glob("*.upload"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()


def keep(data: bytes, *, city_id: int, user_id: int, name: str) -> str:
    """Keep the bytes; returns the signed ticket that names them."""
    sweep()
    key = secrets.token_hex(16)
    (_folder() / f"{key}.upload").write_bytes(data)
    return signing.dumps({"key": key, "city": city_id, "user": user_id, "name": name}, salt=SALT)


def take(ticket: str, *, city_id: int, user_id: int) -> tuple[bytes, str, Path] | None:
    """The kept bytes, their file name and where they are, when the ticket is good, recent
    and this person's for this city; else None."""
    try:
        payload = signing.loads(ticket, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("city") != city_id or payload.get("user") != user_id:
        return None
    path = _folder() / f"{payload['key']}.upload"
    if not path.is_file():
        return None
    return path.read_bytes(), payload["name"], path


def discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
