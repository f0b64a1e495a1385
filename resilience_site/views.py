"""Site-wide views: the start page, the health check and friendly error pages."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.access import cities_of
from accounts.models import Membership
from assessments.models import Assessment


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    latest = Assessment.objects.filter(city=OuterRef("pk")).order_by("-reference_date", "-pk")
    cities = cities_of(request.user).annotate(
        latest_title=Subquery(latest.values("title")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
        latest_pk=Subquery(latest.values("pk")[:1]),
    )
    memberships = {
        m.city_id: m.get_role_display() for m in Membership.objects.filter(user=request.user)
    }
    return render(
        request,
        "accounts/home.html",
        {
            "cities": [(c, memberships.get(c.pk)) for c in cities],
            "partners": request.user.partners.all(),
        },
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _error(request: HttpRequest, status: int) -> HttpResponse:
    return render(request, "errors/error.html", {"status": status}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400)


def permission_denied(request, exception=None):
    return _error(request, 403)


def page_not_found(request, exception=None):
    return _error(request, 404)


def server_error(request):
    return _error(request, 500)
