"""The dashboard's filters, parsed by a FilterSet: bad input is a form error, never a 500."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment

POPULATION_BANDS = {
    "small": (None, 100_000, _("under 100,000")),
    "medium": (100_000, 500_000, _("100,000 – 500,000")),
    "large": (500_000, 1_000_000, _("500,000 – 1 million")),
    "metro": (1_000_000, None, _("over 1 million")),
}


class CityFilters(django_filters.FilterSet):
    """Filters on the city of each assessment a partner sees."""

    country = django_filters.CharFilter(
        label=_("Country"),
        method="filter_country",
        max_length=2,
        validators=[RegexValidator(r"^[A-Za-z]{2}$", _("Use a two-letter country code."))],
    )
    region = django_filters.CharFilter(
        label=_("Region"), field_name="city__region", lookup_expr="iexact", max_length=200
    )
    network = django_filters.CharFilter(
        label=_("Network"), field_name="city__networks__name", max_length=100
    )
    # Which model version's assessments the figures are about (queries.dashboard_version):
    # a figure never mixes versions.
    version = django_filters.CharFilter(
        label=_("Model version"), method="filter_version", max_length=100
    )
    population = django_filters.ChoiceFilter(
        label=_("Population"),
        choices=[(key, band[2]) for key, band in POPULATION_BANDS.items()],
        method="filter_population",
    )

    class Meta:
        model = Assessment
        fields: list[str] = []

    def filter_country(self, queryset, name, value):
        return queryset.filter(city__country=value.upper())

    def filter_version(self, queryset, name, value):
        # The Scorecards a partner sees share these filters; they have no model version.
        if queryset.model is not Assessment:
            return queryset
        return queryset.filter(model_version__slug=value)

    def filter_population(self, queryset, name, value):
        low, high, _label = POPULATION_BANDS[value]
        if low is not None:
            queryset = queryset.filter(city__population__gte=low)
        if high is not None:
            queryset = queryset.filter(city__population__lt=high)
        return queryset


def parse_filters(data) -> tuple[dict, forms.Form]:
    """The valid filters in `data` (what links and exports carry on), and the bound form.

    An invalid value is left out and reported by the form, so the page can answer 400.
    """
    form = CityFilters(data).form
    form.is_valid()
    chosen = {k: v for k, v in form.cleaned_data.items() if v}
    if "country" in chosen:
        chosen["country"] = chosen["country"].upper()
    return chosen, form


def apply_filters(queryset, filters: dict):
    return CityFilters(filters, queryset=queryset).qs


class HeatmapSortForm(forms.Form):
    """`sort`: name, overall or a subdimension code, with '-' for descending."""

    sort = forms.RegexField(regex=r"^-?(name|overall|[A-Z]{1,2}\d{1,2})$", required=False)

    def sort_and_code(self) -> tuple[str, str]:
        sort = (self.cleaned_data.get("sort") if self.is_valid() else "") or "name"
        key = sort.lstrip("-")
        return sort, "" if key in ("name", "overall") else key
