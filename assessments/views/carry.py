"""What could not come over when an assessment was carried forward from another version."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..access import get_assessment
from ..carry import carry_report


@login_required
@require_safe
def carried_forward(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    report = carry_report(assessment)  # None: nothing was left behind by a version change
    context = {
        "access": access,
        "city": assessment.city,
        "assessment": assessment,
        "report": report,
    }
    return render(request, "assessments/carried_forward.html", context)
