"""/healthz tells each part apart, and is 503 only for what takes this instance out."""

from .fleet_helpers import redis_server, spare_port


def _redis_cache(url: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }


def test_a_cache_server_and_broker_that_answer_are_ok(client, db, settings):
    with redis_server() as url:
        settings.CACHES = {**settings.CACHES, "default": _redis_cache(url)}
        settings.JOBS_BROKER_URL = url
        body = client.get("/healthz").json()
    assert (body["status"], body["cache"], body["broker"]) == ("ok", "ok", "ok")


def test_a_lost_cache_server_and_broker_are_reported_but_keep_the_instance_in(client, db, settings):
    nobody = f"redis://127.0.0.1:{spare_port()}/0"  # nothing listens there
    settings.DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    settings.CACHES = {**settings.CACHES, "default": _redis_cache(nobody)}
    settings.JOBS_BROKER_URL = nobody
    response = client.get("/healthz")
    assert response.status_code == 200  # every instance shares them: none is taken out
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "unreachable",
        "broker": "unreachable",
        "storage": "ok",
    }
