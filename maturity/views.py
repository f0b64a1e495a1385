"""Public pages about the maturity model itself."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from . import crosswalk
from .models import Action, ModelVersion, Subdimension


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


@require_safe
def versions(request: HttpRequest) -> HttpResponse:
    """The published versions side by side through the crosswalk: which actions are the same,
    reworded, moved, merged, new or gone."""
    published = {v.slug: v for v in ModelVersion.objects.published()}
    walks = []
    for (old_slug, new_slug), walk in crosswalk.crosswalks().items():
        if old_slug not in published or new_slug not in published:
            continue
        walk = crosswalk.translated(walk, get_language())
        old, new = published[old_slug], published[new_slug]
        old_actions = {a.code: a for a in Action.objects.for_version(old).with_structure()}
        new_actions = {a.code: a for a in Action.objects.for_version(new).with_structure()}
        rows = walk.by_source()
        continued = walk.sources_of()
        walks.append(
            {
                "older": old,
                "newer": new,
                "note": walk.note,
                "rows": [
                    (a, rows[code], [new_actions[c] for c in rows[code].targets])
                    for code, a in old_actions.items()
                    if code in rows
                ],
                "new": [a for code, a in new_actions.items() if code not in continued],
                "counts": {
                    kind: sum(1 for r in walk.rows if r.kind == kind) for kind in crosswalk.KINDS
                },
                "moved": sum(1 for r in walk.rows if r.moved),
            }
        )
    return render(request, "maturity/versions.html", {"walks": walks})
