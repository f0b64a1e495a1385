"""An assessment in the open exchange format (exchange/): exported whole, or imported as a new
assessment of a city, through the same reader, checks and service as the import page."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import get_city
from assessments.access import get_members_assessment
from exchange.document import build
from exchange.reader import ExchangeRefused, read_exchange
from exchange.services import DraftConflict, import_assessment

from .. import serializers as s
from ..errors import body
from .cities import PK, SLUG
from .common import PRIVATE, StrictQuery, error, errors


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="An exchange file: the JSON document, or a zip of assessment.json and its "
        "files (the schema is at /exchange/schema/assessment-1.0.json)."
    )
    as_history = serializers.BooleanField(
        required=False,
        default=False,
        help_text="When the file's assessment is a draft and the city already has one, import "
        "it signed off, as history (else 409).",
    )


class AssessmentExport(StrictQuery, generics.GenericAPIView):
    """The assessment as an exchange document (JSON; its files listed with their checksums).
    Members and site admins: the document names people."""

    serializer_class = ImportRequestSerializer  # for the schema generator only

    @extend_schema(
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The exchange document."),
            **errors(*PRIVATE),
        },
        parameters=[SLUG, PK],
    )
    def get(self, request: Request, slug: str, pk: int) -> Response:
        document, _blobs = build(get_members_assessment(request.user, slug, pk))
        return Response(document)


class AssessmentImport(StrictQuery, generics.GenericAPIView):
    """Import an exchange file as a new assessment of the city (editors). Nothing there
    changes; a refused file leaves nothing behind."""

    serializer_class = ImportRequestSerializer
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            201: s.AssessmentSerializer,
            **errors(400, *PRIVATE, 413),
            **error(409, "The file's draft meets the city's draft; send `as_history`."),
            **error(415, "The body is not multipart/form-data."),
        },
        parameters=[SLUG],
    )
    def post(self, request: Request, slug: str) -> Response:
        access = get_city(request.user, slug, write=True)
        form = ImportRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        if upload.size > settings.EXCHANGE_MAX_UPLOAD_BYTES:
            text = _("The file is larger than %(limit)s MB.") % {
                "limit": f"{settings.EXCHANGE_MAX_UPLOAD_BYTES / 1_000_000:g}"
            }
            return Response(body(text, "too_large", {"file": [text]}), status=413)
        try:
            assessment = import_assessment(
                access.city,
                read_exchange(upload.read()),
                request.user,
                as_history=form.validated_data["as_history"],
                name=upload.name[:200],
            )
        except DraftConflict as exc:
            return Response(body(str(exc), "draft_exists"), status=status.HTTP_409_CONFLICT)
        except ExchangeRefused as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        return Response(s.AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)
