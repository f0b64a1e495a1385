"""Experiences (issue 31): the search across the ones the reader may read, as on the page
(experiences.search with the same filters); anonymous callers get the public ones."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from experiences.forms import SearchForm
from experiences.models import Experience
from experiences.search import search

from .common import LIST, NO_NUL, PUBLIC, SLUG_PATTERN, StrictQuery, errors, query


class ExperienceSerializer(serializers.ModelSerializer):
    city = serializers.CharField(source="city.slug")
    country = serializers.CharField(source="city.country")
    action = serializers.CharField(source="action.code")
    subdimension = serializers.CharField(source="action.subdimension.code")
    model_version = serializers.CharField(source="action.subdimension.dimension.version.slug")
    stakeholders = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    links = serializers.ListField(source="link_list", child=serializers.URLField())

    class Meta:
        model = Experience
        fields = [
            "id", "city", "country", "action", "subdimension", "model_version", "title",
            "context", "what_was_done", "stakeholders", "resources", "outcome", "lessons",
            "links", "language", "contact_role", "visibility", "updated_at",
        ]  # fmt: skip


class ExperienceList(StrictQuery, generics.ListAPIView):
    """Experiences the caller may read, newest change first, filtered like the search page."""

    permission_classes = [AllowAny]
    serializer_class = ExperienceSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Experience.objects.none()
        form = SearchForm({k: v for k, v in self.request.query_params.items() if k != "page"})
        if not form.is_valid():
            raise ValidationError(form.errors)
        return (
            search(self.request.user, form.cleaned_data)
            .select_related("action__subdimension__dimension__version")
            .prefetch_related("stakeholders")
        )

    @extend_schema(
        responses={200: ExperienceSerializer(many=True), **errors(*PUBLIC, *LIST)},
        parameters=[
            query(
                "q",
                "Words: PostgreSQL full-text search in each text's language.",
                pattern=NO_NUL % 200,
            ),
            query("action", "An action code.", pattern=r"^[A-Z][0-9][A-Z][0-9]{1,2}$"),
            query("subdimension", "A subdimension code.", pattern=r"^[A-Z][0-9]$"),
            query("stakeholder", "A stakeholder group's slug.", pattern=SLUG_PATTERN),
            query("country", "A two-letter country code.", pattern=r"^[A-Z]{2}$"),
            query(
                "language", "The language it is written in.", enum=["en", "es", "fr", "it", "nb"]
            ),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
