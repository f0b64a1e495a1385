"""A city's indicator values (issue 29), through indicators.access: members and site admins,
a partner only with the city's consent on top of a share."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.access import indicator_access
from indicators.exchange import export_values
from indicators.models import IndicatorValue
from maturity.models import ModelVersion

from .common import PRIVATE, StrictQuery, errors, path_slug


class IndicatorValueSerializer(serializers.Serializer):
    model_version = serializers.CharField(help_text="The model version's slug.")
    indicator = serializers.CharField(help_text="The indicator's code, e.g. L1-leading-1.")
    year = serializers.IntegerField()
    number = serializers.CharField(allow_null=True, help_text="A decimal number, as text.")
    level = serializers.CharField(help_text="A word or rating, where there is no number.")
    unit = serializers.CharField()
    source = serializers.CharField()
    note = serializers.CharField()
    entered_by = serializers.CharField(
        allow_null=True, help_text="E-mail of who entered it; null for a partner."
    )


class IndicatorValueList(StrictQuery, generics.GenericAPIView):
    """The city's values of every indicator, year by year, per model version (unpaginated:
    at most one value per indicator and year)."""

    serializer_class = IndicatorValueSerializer
    pagination_class = None
    queryset = IndicatorValue.objects.none()  # the schema's model; rows come from export_values

    @extend_schema(
        responses={200: IndicatorValueSerializer(many=True), **errors(*PRIVATE)},
        parameters=[path_slug("slug")],
    )
    def get(self, request: Request, slug: str) -> Response:
        access = indicator_access(request.user, slug)
        rows = []
        for version in ModelVersion.objects.published().order_by("loaded_at", "pk"):
            for row in export_values(access.city, version):
                if access.partner:
                    row["entered_by"] = None  # people's names stay with the city
                rows.append({"model_version": version.slug, **row})
        return Response(IndicatorValueSerializer(rows, many=True).data)
