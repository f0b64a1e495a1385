"""A city's indicator values: the overview, one subdimension's indicators (charts, values,
entry), and the partners' consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Partner
from assessments.models import Share
from maturity.models import Indicator, ModelVersion, Subdimension

from . import services
from .access import consenting_partners, indicator_access
from .charts import values_chart
from .forms import ConsentForm, ValueForm
from .models import IndicatorValue


def versions_with_indicators():
    return (
        ModelVersion.objects.published()
        .filter(dimensions__subdimensions__indicators__isnull=False)
        .distinct()
    )


def _version(slug: str) -> ModelVersion:
    version = ModelVersion.objects.published().filter(slug=slug).first()
    if version is None:
        raise Http404(_("No such model version."))
    return version


def _shared_partners(city):
    """Partners the city shares an assessment with: the ones it may extend to its values."""
    shared = Share.objects.filter(assessment__city=city).values("partner_id")
    return Partner.objects.filter(pk__in=shared).order_by("name")


@login_required
@require_safe
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Every indicator of each version that has them, with the city's latest value."""
    access = indicator_access(request.user, slug)
    city = access.city
    latest = IndicatorValue.objects.for_city(city).latest_per_indicator()
    versions = []
    for version in versions_with_indicators():
        subs = (
            Subdimension.objects.filter(dimension__version=version, indicators__isnull=False)
            .distinct()
            .prefetch_related("indicators")
            .order_by("dimension__order", "order")
        )
        rows = [(sub, [(i, latest.get(i.pk)) for i in sub.indicators.all()]) for sub in subs]
        versions.append((version, rows))
    context = {"city": city, "access": access, "versions": versions}
    if access.can_edit:
        consented = set(consenting_partners(city).values_list("pk", flat=True))
        context["partners"] = [(p, p.pk in consented) for p in _shared_partners(city)]
    return render(request, "indicators/overview.html", context)


@login_required
@require_safe
def subdimension(request: HttpRequest, slug: str, version: str, sub: str) -> HttpResponse:
    """One subdimension's indicators: each one's values by year, its chart and, for the
    city's editors, the form to enter a year's value."""
    access = indicator_access(request.user, slug)
    model_version = _version(version)
    found = Subdimension.objects.filter(dimension__version=model_version, code=sub).first()
    if found is None:
        raise Http404(_("No such subdimension."))
    return _subdimension_page(request, access, found, bound=None)


def _subdimension_page(request, access, sub, *, bound: tuple | None, status: int = 200):
    city = access.city
    values = list(
        IndicatorValue.objects.for_city(city)
        .filter(indicator__subdimension=sub)
        .select_related("entered_by")
    )
    items = []
    for indicator in sub.indicators.all():
        mine = [v for v in values if v.indicator_id == indicator.pk]
        if bound and bound[0].pk == indicator.pk:
            form = bound[1]
        else:
            form = ValueForm(prefix=indicator.code) if access.can_edit else None
        chart = values_chart(mine, title=indicator.text, chart_id=f"chart-{indicator.code}")
        items.append({"indicator": indicator, "values": mine, "chart": chart, "form": form})
    context = {"city": city, "access": access, "sub": sub, "version": sub.dimension.version,
               "items": items}  # fmt: skip
    return render(request, "indicators/subdimension.html", context, status=status)


@login_required
@require_POST
def record(request: HttpRequest, slug: str, version: str, indicator: str) -> HttpResponse:
    access = indicator_access(request.user, slug, write=True)
    code = indicator
    indicator = (
        Indicator.objects.filter(subdimension__dimension__version=_version(version), code=code)
        .select_related("subdimension__dimension__version")
        .first()
    )
    if indicator is None:
        raise Http404(_("No such indicator."))
    form = ValueForm(request.POST, prefix=indicator.code)
    if not form.is_valid():
        bound = (indicator, form)
        return _subdimension_page(request, access, indicator.subdimension, bound=bound, status=400)
    value = services.record_value(access.city, indicator, form.measured(), request.user)
    messages.success(
        request,
        _("Saved %(year)s: %(value)s.") % {"year": value.year, "value": value.shown},
    )
    url = redirect(
        "indicators:subdimension", slug=slug, version=version, sub=indicator.subdimension.code
    )
    url["Location"] += f"#{indicator.code}"
    return url


@login_required
@require_POST
def consent(request: HttpRequest, slug: str) -> HttpResponse:
    access = indicator_access(request.user, slug, write=True)
    form = ConsentForm(request.POST, partners=_shared_partners(access.city))
    if not form.is_valid():
        messages.error(request, _("Choose a partner the city shares an assessment with."))
        return redirect("indicators:overview", slug=slug)
    partner, include = form.cleaned_data["partner"], form.cleaned_data["include"]
    services.set_consent(access.city, partner, include, request.user)
    if include:
        messages.success(
            request, _("%(partner)s now sees the indicator values.") % {"partner": partner.name}
        )
    else:
        messages.success(
            request,
            _("%(partner)s no longer sees the indicator values.") % {"partner": partner.name},
        )
    return redirect("indicators:overview", slug=slug)
