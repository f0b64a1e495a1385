"""The policy catalogue (signed in) and the Scorecard's questions (public)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from accounts.access import get_city

from .models import Essential, Policy, PolicyKind, ScorecardQuestion


class CityContextForm(forms.Form):
    city = forms.SlugField(required=False)


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


@require_safe
def scorecard_questions(request: HttpRequest) -> HttpResponse:
    """The Scorecard's 47 preliminary questions by Essential: public, as UNDRR publishes them."""
    essentials = Essential.objects.current_edition().prefetch_related(
        Prefetch("questions", queryset=ScorecardQuestion.objects.order_by("order"))
    )
    return render(request, "policies/scorecard_questions.html", {"essentials": essentials})


@require_safe
def scorecard_question(request: HttpRequest, ref: str) -> HttpResponse:
    """One question in full, with the SMR actions that count as evidence for it.

    Opened from a city (`?city=<slug>`, for its members), each action shows its status in the
    city's latest assessment: a hint for the officer, never a score.
    """
    question = get_object_or_404(ScorecardQuestion.objects.select_related("essential"), ref=ref)
    links = list(
        question.links.select_related("action__stage", "action__subdimension").order_by(
            "action__code"
        )
    )
    city = None
    form = CityContextForm(request.GET)
    if form.is_valid() and form.cleaned_data["city"]:
        city = get_city(request.user, form.cleaned_data["city"]).city
        # The city's latest assessment, reached through the city; statuses by action id.
        latest = city.assessments.order_by("-reference_date", "-created_at").first()
        statuses = {}
        if latest is not None:
            statuses = {
                r.action_id: r
                for r in latest.records.filter(action__in=[x.action_id for x in links])
            }
        for link in links:
            link.city_record = statuses.get(link.action_id)
    return render(
        request,
        "policies/scorecard_question.html",
        {"question": question, "links": links, "city": city},
    )
