"""The policy catalogue (read by everyone signed in) and an assessment's Essentials view."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from accounts.access import get_assessment
from assessments.models import ActionStatus

from .models import Essential, EssentialLink, Policy, PolicyKind


@login_required
@require_safe
def policy_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind")
    policies = Policy.objects.all()
    if kind in PolicyKind.values:
        policies = policies.filter(kind=kind)
    return render(
        request,
        "policies/policy_list.html",
        {"policies": policies, "kinds": PolicyKind.choices, "kind": kind},
    )


@login_required
@require_safe
def policy_detail(request: HttpRequest, policy: str) -> HttpResponse:
    policy = get_object_or_404(Policy, slug=policy)
    links = policy.links.select_related("action__stage", "action__subdimension")
    return render(request, "policies/policy_detail.html", {"policy": policy, "links": links})


@login_required
@require_safe
def essentials_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Per 2017 Essential: the linked actions and which of them this assessment has done."""
    assessment, access = get_assessment(request.user, slug, pk)
    status_by_action = dict(assessment.records.values_list("action_id", "status"))
    links = EssentialLink.objects.filter(
        essential__edition="2017",
        action__subdimension__dimension__version=assessment.model_version,
    ).select_related("action", "question")
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
    for essential in Essential.objects.filter(edition="2017"):
        actions = list(by_essential[essential.pk].values())
        done = sum(1 for a in actions if a["status"] == ActionStatus.DONE)
        rows.append({"essential": essential, "actions": actions, "done": done})
    return render(
        request,
        "policies/essentials.html",
        {"assessment": assessment, "access": access, "city": assessment.city, "rows": rows},
    )
