"""Public pages about the maturity model itself."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import ModelVersion, Subdimension


@require_safe
def how_stages_work(request: HttpRequest) -> HttpResponse:
    """The rule behind every stage shown, in words, with the model's own stages."""
    version = ModelVersion.objects.current()
    stages = list(version.stages.all()) if version else []
    # Subdimensions with no action at some stage pass it as soon as the stages before do.
    gaps = []
    if version:
        subs = Subdimension.objects.filter(dimension__version=version).prefetch_related(
            "actions__stage"
        )
        for sub in subs:
            present = {a.stage_id for a in sub.actions.all()}
            missing = [s for s in stages if s.pk not in present]
            if missing:
                gaps.append((sub, missing))
    return render(
        request,
        "maturity/how_stages_work.html",
        {"version": version, "stages": stages, "gaps": gaps},
    )


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    """Where the model comes from and who funded it, as its version records it."""
    version = ModelVersion.objects.current()
    return render(request, "maturity/about.html", {"version": version})
