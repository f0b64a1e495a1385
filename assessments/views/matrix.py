"""The maturity matrix, the next steps and the timeline of one assessment."""

from itertools import chain

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from policies.queries import policies_by_action

from .. import results
from ..access import get_assessment
from ..filters import MatrixFilterForm
from ..matrix import build_matrix
from ..models import ActionStatus, RecordChange


def card_base(assessment) -> str:
    """The URL prefix of the assessment's action pages, built once per page, not per card."""
    return reverse("assessments:matrix", args=[assessment.city.slug, assessment.pk]) + "actions/"


@login_required
@require_safe
def matrix(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    form = MatrixFilterForm(request.GET)
    filters = form.filters()
    m = build_matrix(assessment, **filters)
    if form.errors:
        messages.error(request, _("A filter was not valid and is not applied."))
    return render(
        request,
        "assessments/matrix.html",
        {
            "assessment": assessment,
            "access": access,
            "city": assessment.city,
            "matrix": m,
            "summary": m.summary(),
            "card_base": card_base(assessment),
            "filters": filters,
            "status_choices": ActionStatus.choices,
        },
        status=400 if form.errors else 200,
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


# Changes whose values name people or files: without the private parts a partner sees that
# they changed, not to what.
PRIVATE_FIELDS = ("responsible_member", "responsible", "file")


@login_required
@require_safe
def timeline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    assessment, access = get_assessment(request.user, slug, pk)
    changes = RecordChange.objects.filter(record__assessment=assessment).select_related(
        "changed_by", "record__action"
    )[:300]
    events = assessment.events.select_related("user")[:100]
    withheld = () if access.sees_private else PRIVATE_FIELDS
    entries = sorted(
        chain(
            ({"at": c.changed_at, "change": c, "withheld": c.field in withheld} for c in changes),
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
