"""The maturity matrix, the next steps and the timeline of one assessment."""

from itertools import chain

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from policies.queries import policies_by_action
from rendering.charts import chart_for

from .. import results
from ..access import get_assessment
from ..matrix import build_matrix
from ..models import ActionStatus, RecordChange

FILTERS = ("stage", "dimension", "stakeholder", "status")


@login_required
@require_safe
def matrix(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    filters = {k: request.GET.get(k) or None for k in FILTERS}
    if filters["status"] not in (None, *ActionStatus.values):
        filters["status"] = None
    m = build_matrix(assessment, **filters)
    return render(
        request,
        "assessments/matrix.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "matrix": m,
            "chart": chart_for(m),
            "filters": filters,
            "status_choices": ActionStatus.choices,
        },
    )


@login_required
@require_safe
def next_steps(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    m = build_matrix(assessment)
    steps = results.next_steps(m.structure, m.scorecard)
    links = policies_by_action([s.action.pk for s in steps])
    return render(
        request,
        "assessments/next_steps.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "matrix": m,
            "steps": [
                (s.subdimension, s.result, m.cards[s.action.code], links.get(s.action.pk, []))
                for s in steps
            ],
        },
    )


@login_required
@require_safe
def timeline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    changes = RecordChange.objects.filter(record__assessment=assessment).select_related(
        "changed_by", "record__action"
    )[:300]
    events = assessment.events.select_related("user")[:100]
    entries = sorted(
        chain(
            ({"at": c.changed_at, "change": c} for c in changes),
            ({"at": e.at, "event": e} for e in events),
        ),
        key=lambda e: e["at"],
        reverse=True,
    )
    return render(
        request,
        "assessments/timeline.html",
        {"assessment": assessment, "access": access, "city": assessment.city, "entries": entries},
    )
