"""The maturity matrix, the next steps and the timeline of one assessment."""

from itertools import chain

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from policies.queries import policies_by_action
from rendering.charts import chart_for

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
    steps = sorted(
        (
            (row.result.next_stage.order, row.subdimension, row.result, m.cards[a.code])
            for row in m.rows
            if row.result.next_stage
            for a in row.result.missing
        ),
        key=lambda s: (s[0], s[1].dimension.order, s[1].order, s[3].action.order),
    )
    links = policies_by_action([s[3].action.pk for s in steps])
    return render(
        request,
        "assessments/next_steps.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "matrix": m,
            "steps": [
                (sub, result, card, links.get(card.action.pk, []))
                for _o, sub, result, card in steps
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
