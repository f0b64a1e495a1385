"""The partner's network targets page: set a target, see the ones set, withdraw one.

Any member of the partner organisation (or a site admin) may set targets: they are the
organisation's own, not a city's data. Plain POST forms; the dashboard shows their progress.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import get_partner

from . import queries
from .filters import parse_filters
from .models import NetworkTarget
from .targets import (
    TargetForm,
    TargetShareForm,
    change_target,
    set_target,
    target_history,
    withdraw_target,
)


def _page(request: HttpRequest, partner) -> str:
    return reverse("dashboards:targets", args=[partner.slug])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def targets(request: HttpRequest, partner: str) -> HttpResponse:
    obj = get_partner(request.user, partner)
    filters, _form = parse_filters(request.GET)
    version, filters = queries.dashboard_version(obj, filters)
    form = TargetForm(request.POST or None, partner=obj, version=version)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            set_target(form.save(commit=False), request.user)
            messages.success(request, _("Target set."))
            return redirect(f"{_page(request, obj)}?version={version.slug}")
        status = 400
    listing = obj.targets.filter(subdimension__dimension__version=version).select_related(
        "subdimension", "stage", "created_by"
    )
    return render(
        request,
        "dashboards/targets.html",
        {
            "partner": obj,
            "form": form,
            "targets": listing,
            "history": target_history(obj),
            "model_version": version,
            "filter_query": {"version": version.slug} if version else {},
        },
        status=status,
    )


def _target(request: HttpRequest, partner: str, pk: int) -> tuple[NetworkTarget, str]:
    """The partner's target `pk` (404 for another partner's, reached through the user's own
    partner) and the targets page of its model version, where the step returns."""
    obj = get_partner(request.user, partner)
    target = get_object_or_404(obj.targets.select_related("stage__version"), pk=pk)
    return target, f"{_page(request, obj)}?version={target.stage.version.slug}"


@login_required
@require_POST
def target_delete(request: HttpRequest, partner: str, pk: int) -> HttpResponse:
    target, back = _target(request, partner, pk)
    withdraw_target(target, request.user)
    messages.success(request, _("Target withdrawn."))
    return redirect(back)


@login_required
@require_POST
def target_change(request: HttpRequest, partner: str, pk: int) -> HttpResponse:
    target, back = _target(request, partner, pk)
    form = TargetShareForm(request.POST, instance=target)
    if form.is_valid():
        change_target(target, form.cleaned_data["share"], request.user)
        messages.success(request, _("Target changed."))
    else:
        for error in form.errors.get("share", []):
            messages.error(request, _("The target was not changed: %(error)s") % {"error": error})
    return redirect(back)
