"""The policy catalogue, read by everyone signed in."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Policy, PolicyKind


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
