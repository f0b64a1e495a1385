"""The maturity model's versions and the policy catalogue with its crosswalk: public."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from maturity.models import ModelVersion
from maturity.structure import load_structure
from policies.models import EssentialLink, Policy, PolicyKind, PolicyLink

from .. import serializers as s
from ..filters import CODE_PATTERN, CrosswalkFilter, PolicyFilter
from .common import LIST, PUBLIC, SLUG_PATTERN, StrictQuery, errors, path_slug, query


class ModelVersionList(StrictQuery, generics.ListAPIView):
    """The published versions of the maturity model, newest first."""

    permission_classes = [AllowAny]
    serializer_class = s.ModelVersionSerializer
    queryset = ModelVersion.objects.published().order_by("-loaded_at", "-pk")

    @extend_schema(responses={200: s.ModelVersionSerializer(many=True), **errors(*PUBLIC, *LIST)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ModelVersionDetail(StrictQuery, generics.GenericAPIView):
    """One version with its stages, dimensions, subdimensions and actions, in model order."""

    permission_classes = [AllowAny]
    serializer_class = s.ModelVersionDetailSerializer

    @extend_schema(
        responses={200: s.ModelVersionDetailSerializer, **errors(*PUBLIC, 404)},
        parameters=[path_slug("version")],
    )
    def get(self, request: Request, version: str) -> Response:
        obj = get_object_or_404(ModelVersion.objects.published(), slug=version)
        structure = load_structure(obj)
        dimensions = [
            {
                "code": dim.code,
                "name": dim.name,
                "order": dim.order,
                "subdimensions": [
                    {
                        "code": sub.code,
                        "title": sub.title,
                        "order": sub.order,
                        "actions": structure.actions_by_sub[sub.pk],
                    }
                    for sub in structure.subdimensions_of(dim)
                ],
            }
            for dim in structure.dimensions
        ]
        data = {
            "slug": obj.slug,
            "name": obj.name,
            "source": obj.source,
            "published": obj.published,
            "loaded_at": obj.loaded_at,
            "stages": structure.stages,
            "dimensions": dimensions,
        }
        return Response(s.ModelVersionDetailSerializer(data).data)


def _policies():
    links = PolicyLink.objects.select_related("action").order_by("action__code")
    return Policy.objects.prefetch_related(Prefetch("links", queryset=links)).order_by("slug")


class PolicyList(StrictQuery, generics.ListAPIView):
    """The policy catalogue: SMR policies, case studies and campaign tools, with the actions
    each one helps with."""

    permission_classes = [AllowAny]
    serializer_class = s.PolicySerializer
    filterset_class = PolicyFilter

    def get_queryset(self):
        return _policies()

    @extend_schema(
        responses={200: s.PolicySerializer(many=True), **errors(*PUBLIC, *LIST)},
        parameters=[
            query("kind", "Only this kind.", enum=PolicyKind.values),
            query("action", "Only those that help with this action.", pattern=CODE_PATTERN),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PolicyDetail(StrictQuery, generics.GenericAPIView):
    permission_classes = [AllowAny]
    serializer_class = s.PolicySerializer

    @extend_schema(
        responses={200: s.PolicySerializer, **errors(*PUBLIC, 404)},
        parameters=[path_slug("policy")],
    )
    def get(self, request: Request, policy: str) -> Response:
        return Response(s.PolicySerializer(get_object_or_404(_policies(), slug=policy)).data)


class CrosswalkList(StrictQuery, generics.ListAPIView):
    """Each action's contribution to the Ten Essentials (2017), through Scorecard questions."""

    permission_classes = [AllowAny]
    serializer_class = s.CrosswalkSerializer
    filterset_class = CrosswalkFilter

    def get_queryset(self):
        return EssentialLink.objects.select_related(
            "action__subdimension__dimension__version", "essential", "question"
        ).order_by("action__code", "essential__number", "pk")

    @extend_schema(
        responses={200: s.CrosswalkSerializer(many=True), **errors(*PUBLIC, *LIST)},
        parameters=[
            query("action", "Only this action.", pattern=CODE_PATTERN),
            query("essential", "Only this Essential (2017).", enum=range(1, 11)),
            query("model_version", "Only this model version.", pattern=SLUG_PATTERN),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
