"""A city's editors choose what their public profile shows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import get_city

from . import geo, services
from .forms import ProfileForm


@login_required
def edit_profile(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_city(request.user, slug, write=request.method == "POST")
    city = access.city
    profile = services.profile_of(city)
    if request.method != "POST":
        form = ProfileForm(instance=profile)
        return _page(request, access, profile, form)
    before = {name: getattr(profile, name) for name in services.SETTINGS}
    form = ProfileForm(request.POST, instance=profile)
    if not form.is_valid():
        return _page(request, access, profile, form, status=400)
    profile = form.save(commit=False)
    if profile.latitude is None:
        found = geo.coordinates_for(city.name, city.country)
        if found:
            profile.latitude, profile.longitude = found
    services.save_profile(profile, before, request.user)
    messages.success(request, _("The public profile was saved."))
    return redirect("profiles:edit", slug=city.slug)


def _page(request, access, profile, form, status: int = 200) -> HttpResponse:
    context = {"city": access.city, "access": access, "profile": profile, "form": form}
    return render(request, "profiles/edit.html", context, status=status)


@login_required
def report_profile(request: HttpRequest, city: str) -> HttpResponse:
    """Any signed-in user tells the site admins that a public profile needs a look."""
    from experiences.forms import ReportForm
    from experiences.services import report

    from .views import _profile_or_404

    profile = _profile_or_404(city)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report(None, profile.city, form.cleaned_data["reason"], request.user)
        messages.success(request, _("Thank you: the site admins will look at it."))
        return redirect("profiles:profile", city=profile.city.slug)
    status = 400 if request.method == "POST" else 200
    context = {"city": profile.city, "form": form}
    return render(request, "profiles/report.html", context, status=status)
