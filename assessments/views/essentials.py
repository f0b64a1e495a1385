"""An assessment seen through the Ten Essentials: which linked actions it has done."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..access import get_assessment
from ..results import essential_progress


@login_required
@require_safe
def essentials_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Per 2017 Essential: the linked actions and which of them this assessment has done."""
    assessment, access = get_assessment(request.user, slug, pk)
    rows = essential_progress(assessment)
    return render(
        request,
        "assessments/essentials.html",
        {"assessment": assessment, "access": access, "city": assessment.city, "rows": rows},
    )
