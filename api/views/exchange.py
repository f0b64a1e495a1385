"""An assessment in the open exchange format (exchange/): exported whole, or imported as a new
assessment of a city, through the same reader, checks and service as the import page."""

import uuid

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import get_city
from assessments.access import get_members_assessment
from exchange import staging, tasks
from exchange.document import build
from exchange.reader import ExchangeRefused, read_exchange
from exchange.services import DraftConflict, import_assessment
from jobs.services import submit, uses_broker

from .. import serializers as s
from ..errors import body
from .cities import PK, SLUG
from .common import PRIVATE, StrictQuery, error, errors
from .jobs import JobSerializer, job_data

PREFER = OpenApiParameter(
    "Prefer",
    str,
    OpenApiParameter.HEADER,
    required=False,
    enum=["respond-async"],
    description="RFC 7240. `respond-async`: when the server runs a job queue, answer 202 at "
    "once and import in the background; follow the `Location` to the job. Without a job "
    "queue, or without this header, the import is done before the answer (201).",
)
ASYNC_HEADERS = [
    OpenApiParameter(
        "Location",
        OpenApiTypes.URI,
        OpenApiParameter.HEADER,
        response=[202],
        description="The job: GET it until its `status` is `done` or `failed`.",
    ),
    OpenApiParameter(
        "Preference-Applied",
        str,
        OpenApiParameter.HEADER,
        response=[202],
        description="`respond-async`.",
    ),
]


def prefers_async(request: Request) -> bool:
    """Whether the client asked for `respond-async` among its RFC 7240 preferences."""
    preferences = request.headers.get("Prefer", "").split(",")
    return any(p.split(";")[0].strip().lower() == "respond-async" for p in preferences)


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
            202: OpenApiResponse(
                JobSerializer,
                description="Sent with `Prefer: respond-async` to a server with a job queue: "
                "the import is queued (`Location` is the job).",
            ),
            **errors(400, *PRIVATE, 413),
            **error(409, "The file's draft meets the city's draft; send `as_history`."),
            **error(415, "The body is not multipart/form-data."),
        },
        parameters=[SLUG, PREFER, *ASYNC_HEADERS],
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
        if prefers_async(request) and uses_broker():
            return self._queue(request, access.city, upload, form.validated_data["as_history"])
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

    def _queue(self, request: Request, city, upload, as_history: bool) -> Response:
        """The import as a job a worker runs (each request its own): 202 and where to follow
        it. The file is read and checked by the worker, as the page's confirmation is."""
        staged = staging.stage(upload.read())
        params = {**tasks.create_params(staged, upload.name, as_history), "city": city.slug}
        job = submit(tasks.FLOW.create_kind, (uuid.uuid4().hex,), params, request.user)
        location = request.build_absolute_uri(reverse("api:job", args=[job.pk]))
        return Response(
            JobSerializer(job_data(request, job)).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": location, "Preference-Applied": "respond-async"},
        )
