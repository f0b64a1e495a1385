"""An assessment seen through the Ten Essentials: which linked actions it has done."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from policies.models import Essential, EssentialLink

from ..access import get_assessment
from ..models import ActionStatus


@login_required
@require_safe
def essentials_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Per 2017 Essential: the linked actions and which of them this assessment has done."""
    assessment, access = get_assessment(request.user, slug, pk)
    status_by_action = dict(assessment.records.values_list("action_id", "status"))
    links = (
        EssentialLink.objects.current_edition()
        .for_version(assessment.model_version)
        .select_related("action", "question")
    )
    by_essential = defaultdict(dict)
    for link in links:
        entry = by_essential[link.essential_id].setdefault(
            link.action_id,
            {
                "action": link.action,
                "questions": [],
                "status": status_by_action.get(link.action_id),
            },
        )
        if link.question:
            entry["questions"].append(link.question.ref)
    rows = []
    for essential in Essential.objects.current_edition():
        actions = list(by_essential[essential.pk].values())
        done = sum(1 for a in actions if a["status"] == ActionStatus.DONE)
        rows.append({"essential": essential, "actions": actions, "done": done})
    return render(
        request,
        "assessments/essentials.html",
        {"assessment": assessment, "access": access, "city": assessment.city, "rows": rows},
    )
