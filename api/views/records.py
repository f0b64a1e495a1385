"""An assessment's records: list, read, and change with the revision read (409 when stale)."""

import copy

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from assessments import services
from assessments.access import get_assessment
from assessments.forms import RecordForm
from assessments.models import ActionRecord, ActionStatus, EvidenceFile, EvidenceLink

from .. import serializers as s
from ..errors import body
from ..filters import CODE_PATTERN, SHORT_CODE_PATTERN, STAGE_PATTERN, RecordFilter
from ..pagination import RecordPages
from ..presenters import record_data
from .cities import PK, SLUG
from .common import LIST, PRIVATE, ReaderList, StrictQuery, errors, query, write_responses

CODE = OpenApiParameter("code", {"type": "string", "pattern": CODE_PATTERN}, "path")
FILTERS = [
    query("status", "Only this status.", enum=ActionStatus.values),
    query("dimension", "Only this dimension (L, P, I, C).", pattern=SHORT_CODE_PATTERN),
    query("subdimension", "Only this subdimension (L1 …).", pattern=SHORT_CODE_PATTERN),
    query("stage", "Only this stage's letter (S, M, A, R, T).", pattern=STAGE_PATTERN),
]


def records_of(assessment):
    """Every record with what the API shows of it, in a fixed number of queries."""
    return assessment.records.select_related(
        "action__stage", "action__subdimension__dimension", "responsible_member"
    ).prefetch_related(
        Prefetch("links", queryset=EvidenceLink.objects.order_by("added_at", "pk")),
        Prefetch("files", queryset=EvidenceFile.objects.order_by("added_at", "pk")),
    )


def _one(assessment, code: str):
    record = records_of(assessment).filter(action__code=code).first()
    if record is None:
        raise Http404(_("No such action in this assessment."))
    record.assessment = assessment
    return record


class RecordList(ReaderList):
    """What the city recorded for each action, in matrix order, with its evidence.

    Responsible people's names and file metadata are null for a partner whose share excludes
    them.
    """

    serializer_class = s.RecordSerializer
    filterset_class = RecordFilter
    pagination_class = RecordPages
    model = ActionRecord

    def rows(self):
        self.assessment, self.access = get_assessment(
            self.request.user, self.kwargs["slug"], self.kwargs["pk"]
        )
        return records_of(self.assessment)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        for record in page:
            record.assessment = self.assessment
        data = [record_data(r, self.access) for r in page]
        return self.get_paginated_response(s.RecordSerializer(data, many=True).data)

    @extend_schema(
        responses={200: s.RecordSerializer(many=True), **errors(*PRIVATE, *LIST)},
        parameters=[SLUG, PK, *FILTERS],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class RecordDetail(StrictQuery, generics.GenericAPIView):
    serializer_class = s.RecordSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        responses={200: s.RecordSerializer, **errors(*PRIVATE)}, parameters=[SLUG, PK, CODE]
    )
    def get(self, request: Request, slug: str, pk: int, code: str) -> Response:
        assessment, access = get_assessment(request.user, slug, pk)
        return Response(record_data(_one(assessment, code), access))

    @extend_schema(
        request=s.RecordChangeSerializer,
        responses=write_responses(s.RecordSerializer, s.StaleSerializer, "record", "assessment"),
        parameters=[SLUG, PK, CODE],
    )
    def patch(self, request: Request, slug: str, pk: int, code: str) -> Response:
        """Change some fields of a record. Send the `revision` you read: if anyone saved
        since, nothing is written and the answer is 409 with the record as it now is.

        Rules the schema cannot state, each answered with a 400 whose `fields` names the
        field: `na_reason` is required, not blank, when the record is or becomes
        `not_applicable`; `responsible_member` must be a member of the city."""
        assessment, access = get_assessment(request.user, slug, pk, write=True)
        record = _one(assessment, code)
        change = s.RecordChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        if not assessment.is_draft:
            return Response(
                body(_("This assessment is submitted and read-only."), "locked", current=None),
                status=status.HTTP_409_CONFLICT,
            )
        if change.validated_data["revision"] != record.revision:
            return _stale(assessment, code, access)
        form = RecordForm(_merged(record, change.validated_data), instance=copy.copy(record),
                          city=assessment.city)  # fmt: skip
        if not form.is_valid():
            raise ValidationError(form.errors)
        try:
            services.update_record(
                record, form.record_changes(), revision=form.cleaned_data["revision"],
                user=request.user,
            )  # fmt: skip
        except services.StaleRecord:
            return _stale(assessment, code, access)
        return Response(record_data(_one(assessment, code), access))


def _stale(assessment, code: str, access) -> Response:
    """409 with the record as it is saved now: nothing of the change was written."""
    current = record_data(_one(assessment, code), access)
    return Response(
        body(_("This action was changed by someone else since you read it."), "stale",
             current=current),
        status=status.HTTP_409_CONFLICT,
    )  # fmt: skip


def _merged(record, values: dict) -> dict:
    """The whole form as the record is, with the fields the request sent put over it."""
    target = values.get("target_date", record.target_date)
    return {
        "status": values.get("status", record.status),
        "na_reason": values.get("na_reason", record.na_reason),
        "note": values.get("note", record.note),
        "responsible": values.get("responsible", record.responsible),
        "responsible_member": values.get("responsible_member", record.responsible_member_id) or "",
        "target_date": target.isoformat() if target else "",
        "revision": values["revision"],
    }
