"""The policy catalogue (signed in) and the Scorecard's questions (public).

The catalogue only: a question's page with a city's statuses lives in `scorecard`, a layer
allowed to know the city's assessments.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .forms import PolicyFilterForm
from .models import Essential, EssentialCorrespondence, Policy, ScorecardQuestion


@login_required
@require_safe
def policy_list(request: HttpRequest) -> HttpResponse:
    kind = PolicyFilterForm(request.GET).chosen_kind()
    policies = Policy.objects.filter(kind=kind) if kind else Policy.objects.all()
    # The select is drawn unbound, the listed kind selected: an unknown kind asked for is no
    # error to show (the page lists every kind, and "All kinds" is selected).
    form = PolicyFilterForm(initial={"kind": kind})
    context = {"policies": policies, "form": form, "filtered": bool(kind)}
    return render(request, "policies/policy_list.html", context)


@login_required
@require_safe
def policy_detail(request: HttpRequest, policy: str) -> HttpResponse:
    policy = get_object_or_404(Policy, slug=policy)
    links = policy.links.select_related("action__stage", "action__subdimension")
    return render(request, "policies/policy_detail.html", {"policy": policy, "links": links})


@require_safe
def scorecard_questions(request: HttpRequest) -> HttpResponse:
    """The Scorecard's 47 preliminary questions by Essential: public, as UNDRR publishes them."""
    essentials = Essential.objects.current_edition().prefetch_related(
        Prefetch("questions", queryset=ScorecardQuestion.objects.order_by("order")),
        Prefetch(
            "corresponds_to_2010",
            queryset=EssentialCorrespondence.objects.select_related("essential_2010"),
        ),
    )
    return render(request, "policies/scorecard_questions.html", {"essentials": essentials})
