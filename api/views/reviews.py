"""Peer reviews through the API, with the pages' access rule (reviews.access): a city's
reviews (its members read, its editors request one), the reviews a user gives or receives,
and one review with its findings and the city's answers beneath."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import City
from assessments.access import get_members_assessment, members_assessment
from maturity.structure import load_structure
from reviews import services
from reviews.access import get_review, reviews_of
from reviews.models import Review, ReviewState
from reviews.results import review_results

from .common import LIST, PRIVATE, ReaderList, StrictQuery, error, errors, path_slug

SLUG = path_slug("slug")


def _id(name: str) -> OpenApiParameter:
    return OpenApiParameter(
        name, {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}, "path", required=True
    )


class FindingAnswerSerializer(serializers.Serializer):
    kind = serializers.CharField()
    reply = serializers.CharField()
    answered_at = serializers.DateTimeField()


class FindingSerializer(serializers.Serializer):
    action = serializers.CharField(source="action.code")
    verdict = serializers.CharField()
    comment = serializers.CharField()
    evidence_seen = serializers.CharField()
    suggested_status = serializers.CharField()


class FindingWithAnswerSerializer(FindingSerializer):
    answer = FindingAnswerSerializer(allow_null=True)


class StageRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    self_assessed = serializers.CharField()
    peer_reviewed = serializers.CharField()
    differs = serializers.BooleanField()


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    city = serializers.CharField(source="assessment.city.slug")
    assessment = serializers.IntegerField(source="assessment_id")
    reviewer = serializers.CharField(source="reviewer.slug")
    state = serializers.CharField()
    scope = serializers.ListField(child=serializers.CharField())
    due_date = serializers.DateField()
    message = serializers.CharField()
    include_private = serializers.BooleanField()
    requested_at = serializers.DateTimeField()
    returned_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)


class ReviewDetailSerializer(ReviewSerializer):
    agreement = serializers.IntegerField(allow_null=True)
    stages = StageRowSerializer(many=True)
    findings = FindingWithAnswerSerializer(many=True)


class NewReviewSerializer(serializers.Serializer):
    reviewer = serializers.RegexField(r"^[-a-zA-Z0-9_]{1,200}$", help_text="The city's slug.")
    scope = serializers.ListField(
        child=serializers.RegexField(r"^[A-Z][0-9]{1,2}$"), required=False, default=list
    )
    due_date = serializers.DateField()
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    include_private = serializers.BooleanField(required=False, default=False)


class ReviewList(ReaderList):
    """An assessment's peer reviews (the city's members and site admins); its editors
    request one (POST)."""

    serializer_class = ReviewSerializer
    model = Review

    def rows(self):
        assessment = get_members_assessment(
            self.request.user, self.kwargs["slug"], self.kwargs["pk"]
        )
        return assessment.reviews.with_header().order_by("-requested_at", "-pk")

    @extend_schema(
        responses={200: ReviewSerializer(many=True), **errors(*PRIVATE, *LIST)},
        parameters=[SLUG, _id("pk")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=NewReviewSerializer,
        responses={201: ReviewSerializer, **errors(400, *PRIVATE, 415)},
        parameters=[SLUG, _id("pk")],
    )
    def post(self, request: Request, slug: str, pk: int) -> Response:
        """Ask another city to review this signed-off assessment."""
        _access, assessment = members_assessment(request.user, slug, pk, write=True)
        new = NewReviewSerializer(data=request.data)
        new.is_valid(raise_exception=True)
        terms = dict(new.validated_data)  # the service's arguments, by name
        reviewer = City.objects.filter(slug=terms.pop("reviewer")).first()
        if reviewer is None:
            raise ValidationError({"reviewer": [_("No such city.")]})
        codes = load_structure(assessment.model_version).sub_by_code
        if not set(terms["scope"]) <= set(codes):
            raise ValidationError({"scope": [_("Name subdimensions of the assessment's model.")]})
        try:
            review = services.request_review(assessment, reviewer, request.user, **terms)
        except services.ReviewRefused as exc:
            raise ValidationError({"reviewer": [str(exc)]}) from exc
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)


class MyReviews(ReaderList):
    """The reviews the user gives (as an editor of the reviewing city) or receives."""

    serializer_class = ReviewSerializer
    model = Review

    def rows(self):
        return reviews_of(self.request.user).with_header().order_by("-requested_at", "-pk")

    @extend_schema(responses={200: ReviewSerializer(many=True), **errors(*PRIVATE, *LIST)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ReviewDetail(StrictQuery, generics.GenericAPIView):
    """One review: its stages side by side, findings and answers (the city sees findings
    once the review is returned)."""

    serializer_class = ReviewDetailSerializer
    queryset = Review.objects.none()  # for the schema only: reached through reviews.access

    @extend_schema(
        responses={
            200: ReviewDetailSerializer,
            **errors(*PRIVATE),
            **error(404, "No such review."),
        },
        parameters=[SLUG, _id("pk"), _id("review")],
    )
    def get(self, request: Request, slug: str, pk: int, review: int) -> Response:
        access = get_review(request.user, slug, int(review))
        obj = access.review
        if obj.assessment_id != int(pk):
            raise Http404(_("No such review."))
        shown = access.is_reviewer or obj.state != ReviewState.REQUESTED
        findings = list(obj.findings.select_related("action", "answer")) if shown else []
        results = review_results(obj)
        data = dict(ReviewSerializer(obj).data)
        data["agreement"] = results.agreement if shown else None
        data["stages"] = StageRowSerializer(results.rows if shown else [], many=True).data
        data["findings"] = [
            {
                **FindingSerializer(f).data,
                "answer": FindingAnswerSerializer(f.answer).data if hasattr(f, "answer") else None,
            }
            for f in findings
        ]
        return Response(data)
