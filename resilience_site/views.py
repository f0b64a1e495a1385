"""Site-wide views: the health check and friendly error pages."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache

from . import health

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Each part's state. 503 only when this instance cannot reach the database: the load
    balancer then takes it out. The cache, broker and storage are shared by every instance:
    one of them down is reported ("degraded"), but taking every instance out for it would
    turn a slower site into none (pages draw without the cache; jobs wait for the broker)."""
    parts = health.report()
    if parts["database"] != health.OK:
        return JsonResponse({"status": "error", **parts}, status=503)
    failing = [name for name, state in parts.items() if state == health.ERROR]
    return JsonResponse({"status": "degraded" if failing else "ok", **parts})


# How long a client should wait before retrying when the database is unreachable.
RETRY_AFTER_SECONDS = 30


def _error(request: HttpRequest, status: int) -> HttpResponse:
    """Every error page renders without the request: no context processor runs, so it needs
    no database, user or session. A 400 for a foreign Host header is raised by the first
    middleware, before the session and the user exist; a page that read them answered 500."""
    return HttpResponse(render_to_string("errors/error.html", {"status": status}), status=status)


def bad_request(request, exception=None):
    return _error(request, 400)


def permission_denied(request, exception=None):
    return _error(request, 403)


def page_not_found(request, exception=None):
    return _error(request, 404)


def _database_error(exc: BaseException | None) -> BaseException | None:
    """The OperationalError or InterfaceError behind `exc`, if the database is what failed."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def server_error(request):
    """Handler500; Django calls it while the failed request's exception is being handled.

    Every uncaught exception ends here, from a view or from a middleware (the session, the
    user), so this is the one place that can tell an unreachable database from a bug. Both
    pages render without the request: no context processor runs, so neither touches the
    database (Django's own handler500 does the same, for the same reason).
    """
    failure = _database_error(sys.exc_info()[1])
    if failure is not None:
        logger.warning(
            "Database unreachable during %s %s: %s", request.method, request.path, failure
        )
        response = HttpResponse(render_to_string("errors/database_unavailable.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
    return HttpResponse(render_to_string("errors/error.html", {"status": 500}), status=500)
