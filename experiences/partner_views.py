"""A partner's members choose the experiences featured on its dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import get_partner
from assessments.models import Share

from . import partners, services
from .access import get_experience, visible_to


@login_required
def partner_experiences(request: HttpRequest, partner: str) -> HttpResponse:
    found = get_partner(request.user, partner)
    if request.method == "POST":
        try:
            pk = int(request.POST.get("experience", ""))
        except ValueError:
            return HttpResponse(_("Choose an experience."), status=400)
        experience = get_experience(request.user, pk)
        services.feature(found, experience, request.user, on=request.POST.get("on") == "1")
        messages.success(request, _("The featured experiences were saved."))
        return redirect("experiences:partner", partner=found.slug)
    shares = Share.objects.filter(assessment__city=OuterRef("city"), partner=found)
    candidates = visible_to(request.user).listed().filter(Exists(shares)).for_list()
    page = Paginator(candidates, 20).get_page(request.GET.get("page"))
    context = {
        "partner": found,
        "featured": partners.featured(found, request.user),
        "featured_ids": set(found.featured_experiences.values_list("experience_id", flat=True)),
        "page": page,
    }
    return render(request, "experiences/partner.html", context)
