"""A partner's figures, with the dashboard's own queries and filters, and what was shared."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import get_partner
from assessments.models import Assessment
from dashboards import across_versions, queries
from dashboards.filters import POPULATION_BANDS, parse_filters
from maturity.structure import load_structure
from maturity.wording import level_label

from .. import serializers as s
from .common import (
    LIST,
    NO_NUL,
    PRIVATE,
    SharedInstrumentList,
    StrictQuery,
    errors,
    path_slug,
    query,
)

PARTNER = path_slug("partner")
FILTERS = [
    query("country", "Two-letter country code.", pattern=r"^[A-Za-z]{2}$"),
    query("region", "Region, in any letter case.", pattern=NO_NUL % 200),
    query("network", "A network's name, such as MCR2030.", pattern=NO_NUL % 100),
    query("population", "A population band.", enum=POPULATION_BANDS),
]


class Figures(StrictQuery, generics.GenericAPIView):
    """The partner dashboard's figures over each city's latest shared assessment, with the
    dashboard's filters: stage distribution, action completion, trend by year."""

    serializer_class = s.FiguresSerializer

    @extend_schema(
        responses={200: s.FiguresSerializer, **errors(400, *PRIVATE)},
        parameters=[PARTNER, *FILTERS],
    )
    def get(self, request: Request, partner: str) -> Response:
        obj = get_partner(request.user, partner)
        filters, form = parse_filters(request.query_params)
        if form.errors:
            raise ValidationError(form.errors)
        version, filters = queries.dashboard_version(obj, filters)
        latest = queries.latest_shared(obj, filters)
        structure = load_structure(version) if version else None
        stages = [st.name for st in structure.stages] if structure else []
        names = [level_label(level, stages) for level in range(len(stages) + 1)]

        def levels(counts: dict) -> list[dict]:
            return [
                {"level": level, "name": name, "cities": counts.get(level, 0)}
                for level, name in enumerate(names)
            ]

        distribution = queries.stage_distribution(latest)
        subs = structure.subdimensions if structure else []
        completion = queries.action_completion(
            latest, structure.codes_by_bit() if structure else {}
        )
        # Cities that moved to this version: their earlier years read through the crosswalk.
        through = across_versions.trend_through_crosswalk(obj, filters, version)
        trend = across_versions.merged(queries.trend(obj, filters), through)
        data = {
            "partner": obj.slug,
            "model_version": version.slug if version else None,
            "filters": filters,
            "city_count": sum(distribution[next(iter(distribution))].values())
            if distribution
            else 0,
            "distribution": [
                {"code": sub.code, "title": sub.title, "levels": levels(distribution[sub.code])}
                for sub in subs
                if sub.code in distribution
            ],
            "action_completion": [
                {"code": a.code, "cities": completion.get(a.code, 0)}
                for a in (structure.actions if structure else [])
            ],
            "trend": [{"year": year, "levels": levels(counts)} for year, counts in trend.items()],
            "trend_through_crosswalk": through.assessments,
            "countries": queries.countries(obj),
        }
        return Response(s.FiguresSerializer(data).data)


class SharedAssessments(SharedInstrumentList):
    """The assessments cities shared with the partner, newest first: open each one (read-only)
    through its city's assessment resource."""

    serializer_class = s.SharedAssessmentSerializer
    model = Assessment
    related = ("city", "model_version")

    @extend_schema(
        responses={200: s.SharedAssessmentSerializer(many=True), **errors(*PRIVATE, *LIST)},
        parameters=[PARTNER],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
