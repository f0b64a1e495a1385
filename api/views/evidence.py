"""A record's evidence and history: links added and removed, files uploaded and removed, the
audit entries read. Every write goes through the same services (`assessments.services`) and
the same validation (the action page's form fields) as the page."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from assessments import services
from assessments.access import get_assessment
from assessments.models import EvidenceFile, EvidenceLink
from audit.models import AuditEntry

from .. import serializers as s
from ..errors import body
from ..forms import EvidenceLinkForm, EvidenceUploadForm
from ..presenters import file_data, history_data, link_data, record_data
from .cities import PK, SLUG
from .common import LIST, LOCKED, PRIVATE, ReaderList, StrictQuery, error, errors
from .records import CODE, _one

ITEM = OpenApiParameter(
    "item", {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}, "path", required=True
)
PARAMS = [SLUG, PK, CODE]
CHANGED = "The record with its new `revision` (evidence counts as a change of the record)."
NO_FILES = "Files are not shared with you, or not there."


def _record(request: Request, slug: str, pk: int, code: str, *, write: bool = False):
    assessment, access = get_assessment(request.user, slug, pk, write=write)
    return _one(assessment, code), access


def _locked() -> Response:
    return Response(
        body(_("This assessment is submitted and read-only."), "locked"),
        status=status.HTTP_409_CONFLICT,
    )


def _changed(record, access, code: int = status.HTTP_200_OK) -> Response:
    """The record as saved now, so that the client holds its new revision."""
    return Response(record_data(_one(record.assessment, record.action.code), access), status=code)


class RecordHistory(ReaderList):
    """The record's audit entries, newest first: who changed which field, from what to what.

    For a partner whose share excludes names, `changed_by` is null, and so are the values of
    the responsible people and of file names, as on the action's page.
    """

    serializer_class = s.HistoryEntrySerializer
    model = AuditEntry

    def rows(self):
        k = self.kwargs
        record, self.access = _record(self.request, k["slug"], k["pk"], k["code"])
        return record.audit_entries.select_related("user").order_by("-at", "-pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = [history_data(c, self.access) for c in page]
        return self.get_paginated_response(s.HistoryEntrySerializer(data, many=True).data)

    @extend_schema(
        responses={200: s.HistoryEntrySerializer(many=True), **errors(*PRIVATE, *LIST)},
        parameters=PARAMS,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# A record's evidence is reached through the city and the assessment in the URL (`_record`):
# each view's `queryset` is there for the schema only. No docstring here: drf-spectacular
# would give it to every operation that has none of its own.
class _Evidence(StrictQuery, generics.GenericAPIView):
    pass


class _EvidenceList(_Evidence):
    pagination_class = None  # a record's few items, whole


class LinkList(_EvidenceList):
    queryset = EvidenceLink.objects.none()
    serializer_class = s.LinkSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        responses={200: s.LinkSerializer(many=True), **errors(*PRIVATE)}, parameters=PARAMS
    )
    def get(self, request: Request, slug: str, pk: int, code: str) -> Response:
        """The record's evidence links, oldest first."""
        record, _access = _record(request, slug, pk, code)
        return Response([link_data(x) for x in record.links.all()])

    @extend_schema(
        request=s.NewLinkSerializer,
        responses={201: s.RecordSerializer, **errors(400, *PRIVATE, 415), **error(409, LOCKED)},
        parameters=PARAMS,
    )
    def post(self, request: Request, slug: str, pk: int, code: str) -> Response:
        """Add a link as evidence (checked as on the action's page); the record's revision
        goes up by one."""
        record, access = _record(request, slug, pk, code, write=True)
        new = s.NewLinkSerializer(data=request.data)
        new.is_valid(raise_exception=True)
        if not record.assessment.is_draft:
            return _locked()
        form = EvidenceLinkForm({"link_url": new.validated_data["url"],
                                 "link_label": new.validated_data.get("label", "")})  # fmt: skip
        if not form.is_valid():
            names = {"link_url": "url", "link_label": "label"}
            raise ValidationError({names.get(k, k): v for k, v in form.errors.items()})
        data = form.cleaned_data
        services.add_link(record, data["link_url"], data["link_label"], request.user)
        return _changed(record, access, status.HTTP_201_CREATED)


class LinkDetail(_Evidence):
    queryset = EvidenceLink.objects.none()
    serializer_class = s.LinkSerializer

    def _link(self, record, item: int):
        link = next((x for x in record.links.all() if x.pk == int(item)), None)
        if link is None:
            raise Http404(_("No such link on this action."))
        return link

    @extend_schema(
        responses={200: s.LinkSerializer, **errors(*PRIVATE)}, parameters=[*PARAMS, ITEM]
    )
    def get(self, request: Request, slug: str, pk: int, code: str, item: int) -> Response:
        record, _access = _record(request, slug, pk, code)
        return Response(link_data(self._link(record, item)))

    @extend_schema(
        responses={200: s.RecordSerializer, **errors(*PRIVATE), **error(409, LOCKED)},
        parameters=[*PARAMS, ITEM],
    )
    def delete(self, request: Request, slug: str, pk: int, code: str, item: int) -> Response:
        """Remove the link from the evidence; the answer is the record with its new revision."""
        record, access = _record(request, slug, pk, code, write=True)
        link = self._link(record, item)
        if not record.assessment.is_draft:
            return _locked()
        services.remove_evidence(record, link, request.user)
        return _changed(record, access)


def _files(record, access) -> list:
    """The record's files, for whoever may see them: a partner whose share excludes files
    gets 404, as for the download."""
    if not access.sees_private:
        raise Http404(NO_FILES)
    return list(record.files.all())


class FileList(_EvidenceList):
    queryset = EvidenceFile.objects.none()
    serializer_class = s.FileSerializer
    parser_classes = [MultiPartParser]

    @extend_schema(
        responses={200: s.FileSerializer(many=True), **errors(*PRIVATE)}, parameters=PARAMS
    )
    def get(self, request: Request, slug: str, pk: int, code: str) -> Response:
        """The record's evidence files (metadata; `download_url` streams one)."""
        record, access = _record(request, slug, pk, code)
        return Response([file_data(f, access, record) for f in _files(record, access)])

    @extend_schema(
        request={"multipart/form-data": s.NewFileSerializer},
        responses={
            201: s.RecordSerializer,
            **errors(400, *PRIVATE, 413),
            **error(409, LOCKED),
            **error(415, "The body is not multipart/form-data."),
            **error(503, "The file could not be stored; nothing was saved. Try again later."),
        },
        parameters=PARAMS,
    )
    def post(self, request: Request, slug: str, pk: int, code: str) -> Response:
        """Upload one evidence file (multipart field `file`), checked as on the action's page:
        a plain file name, an accepted type whose content matches it, within the size limit
        (413 above it). The record's revision goes up by one."""
        record, access = _record(request, slug, pk, code, write=True)
        uploads = request.FILES.getlist("file")
        if len(uploads) > 1:
            raise ValidationError({"file": [_("Send one file at a time.")]})
        if not record.assessment.is_draft:
            return _locked()
        form = EvidenceUploadForm(files={"upload": uploads[0]} if uploads else {})
        if not form.is_valid():
            messages = form.errors.get("upload") or [_("Send the file in the field `file`.")]
            if uploads and uploads[0].size > settings.EVIDENCE_MAX_BYTES:
                return Response(body(" ".join(messages), "too_large", {"file": list(messages)}),
                                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)  # fmt: skip
            raise ValidationError({"file": list(messages)})
        upload = form.cleaned_data["upload"]
        try:
            services.add_file(record, upload, upload.evidence_content_type, request.user)
        except services.EvidenceStorageError as exc:
            return Response(body(str(exc), "not_stored"),
                            status=status.HTTP_503_SERVICE_UNAVAILABLE)  # fmt: skip
        return _changed(record, access, status.HTTP_201_CREATED)


class FileDetail(_Evidence):
    queryset = EvidenceFile.objects.none()
    serializer_class = s.FileSerializer

    def _file(self, record, access, item: int):
        evidence = next((f for f in _files(record, access) if f.pk == int(item)), None)
        if evidence is None:
            raise Http404(_("No such file on this action."))
        return evidence

    @extend_schema(
        responses={200: s.FileSerializer, **errors(*PRIVATE)}, parameters=[*PARAMS, ITEM]
    )
    def get(self, request: Request, slug: str, pk: int, code: str, item: int) -> Response:
        record, access = _record(request, slug, pk, code)
        return Response(file_data(self._file(record, access, item), access, record))

    @extend_schema(
        responses={200: s.RecordSerializer, **errors(*PRIVATE), **error(409, LOCKED)},
        parameters=[*PARAMS, ITEM],
    )
    def delete(self, request: Request, slug: str, pk: int, code: str, item: int) -> Response:
        """Remove the file from the evidence (as on the page, its stored bytes are kept: an
        assessment carried forward may share them); the answer is the record with its new
        revision."""
        record, access = _record(request, slug, pk, code, write=True)
        evidence = self._file(record, access, item)
        if not record.assessment.is_draft:
            return _locked()
        services.remove_evidence(record, evidence, request.user)
        return _changed(record, access)


class _AnyAccept(BaseContentNegotiation):
    """A file is sent as what it is, whatever the client's Accept says; errors stay JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class FileDownload(_Evidence):
    """The file's bytes, for whoever may see the record's files: a token works here (the
    page's own link wants a signed-in session). Always sent as application/octet-stream, an
    attachment: its type is in the file's metadata (`content_type`)."""

    queryset = EvidenceFile.objects.none()
    content_negotiation_class = _AnyAccept

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file's bytes, as an attachment."
            ),
            **errors(*PRIVATE),
        },
        parameters=[*PARAMS, ITEM],
    )
    def get(self, request: Request, slug: str, pk: int, code: str, item: int):
        record, access = _record(request, slug, pk, code)
        evidence = FileDetail()._file(record, access, item)
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name,
            content_type="application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
