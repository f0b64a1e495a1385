"""Partner dashboards and a city's view of itself among its peers."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.access import get_city, get_partner
from accounts.models import Network, Partner
from jobs.views import deliver
from maturity.models import ModelVersion
from maturity.structure import load_structure
from rendering import charts
from rendering.pdf import render_pdf
from rendering.sheets import to_csv, to_xlsx

from . import across_versions, queries, scorecards, tasks
from .exports import SCORECARD_COLUMNS, export_rows
from .filters import POPULATION_BANDS, HeatmapSortForm, parse_filters
from .presenters import (
    country_name,
    distribution_rows,
    heatmap_table,
    stage_names,
    subdimension_titles,
    trend_rows,
)
from .targets import progress

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50
MIN_PEERS = 5  # fewer peers than this and a median would reveal a city's own stages


def _context(query, partner: Partner) -> dict:
    """The overview's figures for the filters in `query` (the page's GET parameters)."""
    filters, form = parse_filters(query)
    version, filters = queries.dashboard_version(partner, filters)
    latest = queries.latest_shared(partner, filters)
    names = stage_names(version)
    structure = load_structure(version) if version else None
    figures = queries.cached(
        "overview", partner, filters, version.pk if version else None,
        lambda: _figures(partner, filters, latest, structure, version),
    )  # fmt: skip
    completion, not_applicable = figures["completion"], figures["not_applicable"]
    actions = [(a.code, a.text) for a in structure.actions] if structure else []
    ranked = sorted(actions, key=lambda a: (-completion.get(a[0], 0), a[0]))
    distribution = figures["distribution"]
    cities = sum(distribution[next(iter(distribution))].values()) if distribution else 0
    rows = distribution_rows(distribution, names, version)
    trend = trend_rows(figures["trend"], names)
    applicable = cities * len(actions) - not_applicable
    done = sum(completion.values())
    scorecard = scorecards.section(figures["scorecard"])
    targets = (
        partner.targets.filter(subdimension__dimension__version=version).select_related(
            "subdimension", "stage"
        )
        if version
        else []
    )
    return {
        "partner": partner,
        "filters": filters,
        "filter_form": form,
        "filter_query": filters,
        "model_version": version,
        "model_versions": ModelVersion.objects.published(),
        "stage_names": names,
        "city_count": cities,
        "headline": {
            "cities": cities,
            "medians": [
                {
                    "code": r["code"],
                    "title": r["title"],
                    "name": names[median]
                    if (median := queries.median_level(distribution[r["code"]])) is not None
                    else "—",
                }
                for r in rows
            ],
            "done_pct": round(100 * done / applicable) if applicable else None,
            "done": done,
            "applicable": applicable,
            "not_applicable": not_applicable,
            "moved": figures["moved"],
        },  # fmt: skip
        "distribution": rows,
        "targets": progress(targets, distribution, cities),
        "distribution_chart": charts.distribution_chart(
            [(r["code"], r["title"], r["counts"]) for r in rows], names
        ),
        "completion": completion,
        "most_done": [(c, t, completion.get(c, 0)) for c, t in ranked[:5]],
        "least_done": [(c, t, completion.get(c, 0)) for c, t in ranked[::-1][:5]],
        "trend": trend,
        "trend_through": figures["trend_through"],
        "trend_chart": charts.trend_chart([(r["year"], r["counts"]) for r in trend], names),
        "countries": [(c, country_name(c)) for c in figures["countries"]],
        "networks": Network.objects.all(),
        "bands": [(k, v[2]) for k, v in POPULATION_BANDS.items()],
        "scorecard": scorecard,
        "scorecard_chart": scorecards.essentials_chart(scorecard["essentials"])
        if scorecard["essentials"]
        else "",
    }


def _countries(partner: Partner, refresh=False) -> list[str]:
    return queries.cached(
        "countries", partner, {}, None, lambda: queries.countries(partner), refresh=refresh
    )


def roll_up(partner: Partner) -> None:
    """The partner's unfiltered overview and country list, computed afresh into the cache
    the page reads (under the same keys, so the page's figures are the same), in the active
    language: what the rollup job (tasks.refresh_rollups) runs after a change."""
    filters, _form = parse_filters(QueryDict())
    version, filters = queries.dashboard_version(partner, filters)
    latest = queries.latest_shared(partner, filters)
    structure = load_structure(version) if version else None
    queries.cached(
        "overview", partner, filters, version.pk if version else None,
        lambda: _figures(partner, filters, latest, structure, version), refresh=True,
    )  # fmt: skip
    _countries(partner, refresh=True)


def _figures(partner: Partner, filters: dict, latest, structure, version) -> dict:
    """Every aggregate of the overview, in SQL: what queries.cached keeps."""
    completion, not_applicable = queries.completion_and_na(
        latest, structure.codes_by_bit() if structure else {}
    )
    # Cities that moved to this version: their earlier years read through the crosswalk.
    through = across_versions.trend_through_crosswalk(partner, filters, version)
    return {
        "completion": completion,
        "not_applicable": not_applicable,
        "distribution": dict(queries.stage_distribution(latest)),
        "moved": across_versions.moved_up(queries.moved_up(partner, latest, version), through),
        "trend": across_versions.merged(queries.trend(partner, filters), through),
        "trend_through": through,
        "countries": queries.countries(partner),
        "scorecard": scorecards.figures(scorecards.latest_scorecards(partner, filters)),
    }


def _subdimension_pages(context: dict) -> list[dict]:
    """Per subdimension: its distribution chart, median and its most and least completed
    actions, for the PDF's pages after the summary."""
    version = context["model_version"]
    structure = load_structure(version) if version else None
    completion = context["completion"]
    medians = {m["code"]: m["name"] for m in context["headline"]["medians"]}
    pages = []
    for row in context["distribution"]:
        sub = structure.sub_by_code.get(row["code"])
        actions = structure.actions_by_sub[sub.pk] if sub else []
        ranked = sorted(actions, key=lambda a: (-completion.get(a.code, 0), a.code))
        pages.append({
            "row": row,
            "median": medians.get(row["code"], "—"),
            "chart": charts.distribution_chart(
                [(row["code"], row["title"], row["counts"])], context["stage_names"],
                chart_id=f"dist-{row['code']}",
            ),
            "most": [(a.code, a.text, completion.get(a.code, 0)) for a in ranked[:5]],
            "least": [(a.code, a.text, completion.get(a.code, 0)) for a in ranked[::-1][:5]],
        })  # fmt: skip
    return pages


def _status(context: dict) -> int:
    """400 when a filter was refused (the page still shows, without that filter)."""
    return 400 if context["filter_form"].errors else 200


@login_required
@require_safe
def dashboard(request: HttpRequest, partner: str) -> HttpResponse:
    obj = get_partner(request.user, partner)
    context = _context(request.GET, obj)
    return render(request, "dashboards/dashboard.html", context, status=_status(context))


@login_required
@require_safe
def dashboard_pdf(request: HttpRequest, partner: str) -> HttpResponse:
    """The dashboard as a PDF, made as a job (jobs/): the file at once when it is ready (made
    in this request when there is no job queue, or kept from an earlier request while the
    partner's figures are unchanged), else the job's progress page."""
    obj = get_partner(request.user, partner)
    return deliver(request, tasks.dashboard_pdf_job(request, obj))


def dashboard_pdf_bytes(partner: Partner, query) -> bytes:
    """The dashboard PDF for the filters in `query`: what the job runs."""
    context = _context(query, partner)
    context["subdimension_pages"] = _subdimension_pages(context)
    if context["scorecard"]["cities"]:
        context["scorecard_cities"] = [
            {**row, "country": country_name(row["country"])}
            for row in scorecards.city_rows(partner, context["filters"])
        ]
        context["scorecard_cities_max"] = scorecards.PDF_CITIES
    context["header_title"] = _("Partner dashboard")
    # Where each city stands: its latest shared assessment's stages, the first cities by name.
    latest = queries.heatmap_rows(queries.latest_shared(partner, context["filters"]))
    context["standing"] = heatmap_table(
        list(latest[: scorecards.PDF_CITIES]), context["model_version"]
    )
    context["standing_max"] = scorecards.PDF_CITIES
    return render_pdf("dashboards/dashboard_pdf.html", context)


def _heatmap_query(query, partner):
    filters, form = parse_filters(query)
    version, filters = queries.dashboard_version(partner, filters)
    sort_form = HeatmapSortForm(query)
    sort, code = sort_form.sort_and_code()
    latest = queries.latest_shared(partner, filters)
    valid = not form.errors and not sort_form.errors
    return filters, form, sort, queries.heatmap_rows(latest, sort, code), valid, version


@login_required
@require_safe
def heatmap(request: HttpRequest, partner: str) -> HttpResponse:
    obj = get_partner(request.user, partner)
    filters, form, sort, rows, valid, version = _heatmap_query(request.GET, obj)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    assessments = list(page.object_list)
    shared = scorecards.for_cities(obj, [a.city_id for a in assessments])
    table = heatmap_table(assessments, version, shared)
    return render(
        request,
        "dashboards/heatmap.html",
        {
            "partner": obj,
            "page": page,
            "table": table,
            "sort": sort,
            "filters": filters,
            "filter_form": form,
            "filter_query": filters,
            "model_version": version,
            "model_versions": ModelVersion.objects.published(),
            "countries": [(c, country_name(c)) for c in _countries(obj)],
            "networks": Network.objects.all(),
            "bands": [(k, v[2]) for k, v in POPULATION_BANDS.items()],
        },
        status=200 if valid else 400,
    )


@login_required
@require_safe
def heatmap_export(request: HttpRequest, partner: str, fmt: str) -> HttpResponse:
    """The filtered heatmap table, every row, as CSV or XLSX, made as a job (jobs/) as the
    dashboard PDF is. A refused filter or sort is told at once (400), never made into a job."""
    obj = get_partner(request.user, partner)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    filters, form = parse_filters(request.GET)
    if form.errors or HeatmapSortForm(request.GET).errors:
        return HttpResponseBadRequest(_("A filter or sort value is not valid."))
    return deliver(request, tasks.heatmap_export_job(request, obj, fmt))


def heatmap_export_file(partner: Partner, query, fmt: str) -> tuple[bytes, str, str]:
    """The export's bytes, file name and content type: what the job runs. The CSV is written
    from rows read in batches (exports.py), so memory stays flat but for the file itself."""
    _filters, _form, _sort, rows, _valid, version = _heatmap_query(query, partner)
    codes = list(subdimension_titles(version))
    columns = [_("City"), _("Country"), _("Region"), _("Population"), _("Assessment"),
               _("Reference date"), *codes, _("Overall"), *map(str, SCORECARD_COLUMNS)]  # fmt: skip
    name = f"{slugify(partner.name)}-cities"
    shared = partial(scorecards.for_cities, partner)
    data = export_rows(rows, codes, stage_names(version), shared)
    if fmt == "csv":
        return to_csv(columns, data).encode(), f"{name}.csv", "text/csv; charset=utf-8"
    return to_xlsx("Cities", columns, list(data)), f"{name}.xlsx", XLSX


@login_required
@require_safe
def peers(request: HttpRequest, slug: str) -> HttpResponse:
    """The city's latest stages beside the median of the other cities sharing with the same
    partners.

    The city is not its own peer. No median is shown over fewer than MIN_PEERS cities: over
    two, the "median" would be the other city's exact stage. Other cities are named only if
    they opted in (City.named_among_peers).
    """
    access = get_city(request.user, slug)
    city = access.city
    own = city.assessments.standing()
    own_levels = queries.levels_for([own.pk]).get(own.pk, {}) if own else {}
    version = own.model_version if own else None
    names = stage_names(version)
    titles = subdimension_titles(version)
    groups = []
    for partner in Partner.objects.filter(shares__assessment__city=city).distinct():
        # Peers on the city's own model version only: a median never mixes versions.
        same_version = {"version": version.slug} if version else {}
        latest = queries.latest_shared(partner, same_version).exclude(city=city)
        distribution = queries.stage_distribution(latest)
        named = (
            latest.filter(city__named_among_peers=True)
            .exclude(city=city)
            .values_list("city__name", flat=True)
            .order_by("city__name")[:30]
        )
        rows = []
        # In the model's order (L1 … C2), each code with its name, as the matrix shows them.
        for code, title in titles.items():
            histogram = distribution.get(code, {})
            enough = sum(histogram.values()) >= MIN_PEERS
            median = queries.median_level(histogram) if enough else None
            rows.append({
                "code": code,
                "title": title,
                "own": names[own_levels[code]] if code in own_levels else "—",
                "median": names[int(median)] if median is not None else "—",
                "peers": sum(histogram.values()),
            })  # fmt: skip
        peers = max((r["peers"] for r in rows), default=0)
        groups.append({"partner": partner, "rows": rows, "named": list(named), "peers": peers})
    return render(
        request,
        "dashboards/peers.html",
        {"access": access, "city": city, "own": own, "groups": groups, "min_peers": MIN_PEERS},
    )
