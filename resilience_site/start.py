"""The start page after sign-in, by role: officers see their cities, partners their
dashboard, site admins an overview of the site."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.models import City
from assessments.models import Assessment, AssessmentStatus
from assessments.start import officer_start


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    starts = officer_start(user)
    partners = list(user.partners.all())
    if not starts and len(partners) == 1 and not user.is_staff:
        return redirect("dashboards:dashboard", partner=partners[0].slug)
    context = {"starts": starts, "partners": partners}
    if user.is_staff:
        context["site"] = _site_overview()
    return render(request, "start/home.html", context)


def _site_overview() -> dict:
    year = timezone.localdate().year
    return {
        "cities": City.objects.count(),
        "drafts": Assessment.objects.filter(status=AssessmentStatus.DRAFT).count(),
        "submitted_this_year": Assessment.objects.filter(
            status=AssessmentStatus.SUBMITTED, submitted_at__year=year
        ).count(),
        "year": year,
        "recent": Assessment.objects.select_related("city").order_by("-created_at")[:10],
    }
