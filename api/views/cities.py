"""My cities, their assessments and each assessment's stages, through the one access rule."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import get_city
from accounts.models import Membership
from assessments.access import get_assessment
from assessments.models import Assessment, AssessmentStatus
from assessments.results import scoring_inputs
from maturity.structure import load_structure

from .. import serializers as s
from ..filters import AssessmentFilter
from ..presenters import stage_data
from .common import (
    LIST,
    PRIVATE,
    CityInstrumentList,
    ReaderList,
    StrictQuery,
    errors,
    path_slug,
    query,
)

SLUG = path_slug("slug")
PK = OpenApiParameter(
    "pk", {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}, "path", required=True
)


def city_data(city, role, can_edit) -> dict:
    return {
        "slug": city.slug,
        "name": city.name,
        "country": city.country,
        "region": city.region,
        "population": city.population,
        "role": role,
        "can_edit": can_edit,
    }


class CityList(ReaderList):
    """The cities I belong to, with my role in each."""

    serializer_class = s.CitySerializer
    model = Membership

    def rows(self):
        return (
            Membership.objects.filter(user=self.request.user)
            .select_related("city")
            .order_by("city__name", "pk")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = [city_data(m.city, m.role, m.role == "editor") for m in page]
        return self.get_paginated_response(s.CitySerializer(data, many=True).data)

    @extend_schema(responses={200: s.CitySerializer(many=True), **errors(401, *LIST, 429)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CityDetail(StrictQuery, generics.GenericAPIView):
    """One city, with where it stands (its latest signed-off assessment) and its open draft."""

    serializer_class = s.CityDetailSerializer

    @extend_schema(responses={200: s.CityDetailSerializer, **errors(*PRIVATE)}, parameters=[SLUG])
    def get(self, request: Request, slug: str) -> Response:
        access = get_city(request.user, slug)
        city = access.city
        data = city_data(city, access.role, access.can_edit)
        data["standing"] = city.assessments.standing()
        data["open_draft"] = city.assessments.open_draft()
        return Response(s.CityDetailSerializer(data).data)


class MemberList(ReaderList):
    """The city's members, by name: who can be made responsible for an action
    (`responsible_member` takes the `id`). Members and site admins, as the members page."""

    serializer_class = s.MemberSerializer
    model = Membership

    def rows(self):
        access = get_city(self.request.user, self.kwargs["slug"])
        return access.city.memberships.select_related("user").order_by("user__full_name", "pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = [{"id": m.user_id, "name": m.user.get_full_name(), "role": m.role} for m in page]
        return self.get_paginated_response(s.MemberSerializer(data, many=True).data)

    @extend_schema(
        responses={200: s.MemberSerializer(many=True), **errors(*PRIVATE, *LIST)},
        parameters=[SLUG],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AssessmentList(CityInstrumentList):
    """A city's assessments, newest first (members and site admins)."""

    serializer_class = s.AssessmentSerializer
    filterset_class = AssessmentFilter
    model = Assessment
    related = ("city", "model_version")

    @extend_schema(
        responses={200: s.AssessmentSerializer(many=True), **errors(*PRIVATE, *LIST)},
        parameters=[
            SLUG,
            query("status", "Only drafts or submitted.", enum=AssessmentStatus.values),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AssessmentDetail(StrictQuery, generics.GenericAPIView):
    """An assessment with its stages: overall, per dimension and per subdimension."""

    serializer_class = s.AssessmentDetailSerializer

    @extend_schema(
        responses={200: s.AssessmentDetailSerializer, **errors(*PRIVATE)}, parameters=[SLUG, PK]
    )
    def get(self, request: Request, slug: str, pk: int) -> Response:
        assessment, _access = get_assessment(request.user, slug, pk)
        structure = load_structure(assessment.model_version)
        card = structure.score(*scoring_inputs(assessment))
        # The stages ride on the assessment for the serializer: nothing is saved.
        assessment.overall = stage_data(card.overall)
        assessment.dimensions = [
            {"code": d.code, "name": d.name, **stage_data(card.dimensions[d.code])}
            for d in structure.dimensions
        ]
        assessment.subdimensions = [
            {"code": sub.code, "title": sub.title, "dimension": sub.dimension.code,
             **stage_data(result)}
            for sub, result in card.rows
        ]  # fmt: skip
        return Response(s.AssessmentDetailSerializer(assessment).data)
