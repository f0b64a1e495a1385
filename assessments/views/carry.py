"""What could not come over when an assessment was carried forward from another version."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..access import get_assessment
from ..carry import carry_report


@login_required
@require_safe
def carried_forward(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    report = carry_report(assessment)
    if report is None:
        raise Http404(_("This assessment was not carried forward from another model version."))
    context = {
        "access": access,
        "city": assessment.city,
        "assessment": assessment,
        "report": report,
    }
    return render(request, "assessments/carried_forward.html", context)
