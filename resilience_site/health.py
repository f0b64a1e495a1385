"""What /healthz checks, one part at a time: the database, the cache, the job queue's broker
and the file storage, each answered in about a second at most."""

import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection

OK, ERROR, NOT_USED = "ok", "unreachable", "not used"


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK


def shared_cache() -> str:
    # django-redis ignores a lost server (a miss, by design), so only a read-back tells.
    key, value = f"healthz-{secrets.token_hex(4)}", time.time()
    cache.set(key, value, 10)
    found = cache.get(key)
    cache.delete(key)
    return OK if found == value else ERROR


def broker() -> str:
    if not settings.JOBS_BROKER_URL:
        return NOT_USED  # jobs run inside the request
    from kombu import Connection

    with Connection(settings.JOBS_BROKER_URL, connect_timeout=1) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=1)
    return OK


def storage() -> str:
    default_storage.exists("healthz")  # a HEAD on the bucket's object storage
    return OK


CHECKS = {"database": database, "cache": shared_cache, "broker": broker, "storage": storage}


def report() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:  # whatever the failure, the answer is the same: not reachable
            results[name] = ERROR
    return results
