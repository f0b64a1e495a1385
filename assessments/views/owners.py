"""My actions: what I am responsible for across my cities, overdue first."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..owners import open_actions_of


@login_required
@require_safe
def my_actions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessments/my_actions.html",
        {"records": open_actions_of(request.user), "today": timezone.localdate()},
    )
