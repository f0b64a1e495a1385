"""Experiences: the search, one experience, its files, reports, and the city's own list and
forms. Every read goes through experiences.access; every write through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.access import get_city
from assessments.access import get_assessment
from maturity.models import Action
from rendering.downloads import attachment

from . import services
from .access import can_edit, get_experience
from .forms import ExperienceForm, ReportForm, SearchForm
from .models import Experience
from .search import search

PAGE_SIZE = 20


@require_safe
def search_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "experiences/search.html", {"form": form}, status=400)
    page = Paginator(search(request.user, form.cleaned_data), PAGE_SIZE).get_page(
        form.cleaned_data["page"] or 1
    )
    query = {k: v for k, v in form.cleaned_data.items() if k != "page" and v}
    return render(request, "experiences/search.html", {"form": form, "page": page, "query": query})


@require_safe
def detail(request: HttpRequest, experience: int) -> HttpResponse:
    experience = get_experience(request.user, experience)
    profile = getattr(experience.city, "public_profile", None)
    context = {
        "experience": experience,
        "stakeholders": list(experience.stakeholders.all()),
        "files": list(experience.files.all()),
        "editable": can_edit(request.user, experience),
        # Linked only when public: no page links to an unpublished city's profile.
        "profile_public": bool(profile and profile.is_public),
        "report_form": ReportForm() if request.user.is_authenticated else None,
    }
    return render(request, "experiences/detail.html", context)


@require_safe
def download(request: HttpRequest, experience: int, experience_file: int) -> FileResponse:
    """Served for download, never shown inline: a file is the city's, not the site's."""
    found = get_experience(request.user, experience)
    stored = get_object_or_404(found.files, pk=experience_file)
    return attachment(stored.file, stored.original_name, stored.content_type)


@login_required
@require_POST
def report(request: HttpRequest, experience: int) -> HttpResponse:
    experience = get_experience(request.user, experience)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what is wrong (at most 1,000 characters)."))
        return redirect("experiences:detail", experience=experience.pk)
    services.report(experience, experience.city, form.cleaned_data["reason"], request.user)
    messages.success(request, _("Thank you: the site admins will look at it."))
    return redirect("experiences:detail", experience=experience.pk)


@login_required
@require_safe
def city_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_city(request.user, slug)
    experiences = access.city.experiences.select_related(
        "action__subdimension__dimension__version"
    ).order_by("action__code", "-updated_at")
    context = {"city": access.city, "access": access, "experiences": list(experiences)}
    return render(request, "experiences/city_list.html", context)


@login_required
def create(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    """From an action's page: the action of that assessment's model version."""
    assessment, access = get_assessment(request.user, slug, pk, write=True)
    action = (
        Action.objects.for_version(assessment.model_version)
        .select_related("subdimension__dimension__version", "stage")
        .filter(code=code)
        .first()
    )
    if action is None:
        raise Http404(_("No such action."))
    experience = Experience(city=access.city, action=action, created_by=request.user)
    return _edit(request, access, experience, created=True)


@login_required
def edit(request: HttpRequest, slug: str, experience: int) -> HttpResponse:
    access = get_city(request.user, slug, write=True)
    experience = get_object_or_404(
        access.city.experiences.select_related("action__subdimension__dimension__version"),
        pk=experience,
    )
    return _edit(request, access, experience, created=False)


def _edit(request, access, experience, *, created: bool) -> HttpResponse:
    action = experience.action
    if request.method != "POST":
        form = ExperienceForm(instance=experience, action=action)
        return _form_page(request, access, experience, form)
    form = ExperienceForm(request.POST, request.FILES, instance=experience, action=action)
    if not form.is_valid():
        return _form_page(request, access, experience, form, status=400)
    upload = form.cleaned_data["upload"]
    saved = services.save_experience(
        form.save(commit=False),
        form.cleaned_data["stakeholders"],
        request.user,
        uploads=[upload] if upload else [],
        created=created,
    )
    messages.success(request, _("The experience was saved."))
    return redirect("experiences:detail", experience=saved.pk)


def _form_page(request, access, experience, form, status: int = 200) -> HttpResponse:
    context = {"city": access.city, "experience": experience, "form": form}
    return render(request, "experiences/form.html", context, status=status)


@login_required
@require_POST
def delete(request: HttpRequest, slug: str, experience: int) -> HttpResponse:
    access = get_city(request.user, slug, write=True)
    experience = get_object_or_404(access.city.experiences, pk=experience)
    services.delete_experience(experience, request.user)
    messages.success(request, _("The experience was deleted."))
    return redirect("experiences:city", slug=access.city.slug)
