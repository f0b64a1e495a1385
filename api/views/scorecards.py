"""A city's UNDRR Scorecard assessments (preliminary level) and their 47 answers.

Reached through `scorecard.access.get_scorecard` (members and site admins; partners only what a
city shared with them), totals from `scorecard.scoring`, changes through
`scorecard.services.save_answer`, so the history is written as on the page.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from scorecard import services
from scorecard.access import get_scorecard
from scorecard.forms import UNANSWERED, AnswerForm
from scorecard.models import ScorecardAnswer, ScorecardAssessment, ScorecardStatus
from scorecard.scoring import totals_of

from .. import serializers as s
from ..errors import body
from ..filters import AnswerFilter, ScorecardFilter
from ..presenters import answer_data, totals_data
from .cities import SLUG
from .common import (
    LIST,
    PRIVATE,
    CityInstrumentList,
    ReaderList,
    SharedInstrumentList,
    StrictQuery,
    errors,
    path_slug,
    query,
    write_responses,
)

SCORECARD = OpenApiParameter(
    "scorecard", {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}, "path", required=True
)
REF_PATTERN = r"^P[0-9]{1,2}\.[0-9]{1,2}$"
REF = OpenApiParameter("ref", {"type": "string", "pattern": REF_PATTERN}, "path")
STATUS = query("status", "Only drafts or submitted.", enum=ScorecardStatus.values)


def scorecard_data(scorecard) -> dict:
    """What every self-assessment has (lifecycle.SelfAssessment), under the API's names."""
    shown = ("city", "title", "reference_date", "status", "submitted_at")
    return {"id": scorecard.pk, **{name: getattr(scorecard, name) for name in shown}}


def answers_of(scorecard):
    """Every answer with its question and Essential, in two queries whatever their number."""
    return scorecard.answers.select_related("question__essential").order_by(
        "question__essential__number", "question__order", "pk"
    )


def _one(scorecard, ref: str):
    answer = answers_of(scorecard).filter(question__ref=ref).first()
    if answer is None:
        raise Http404(_("No such question in this Scorecard."))
    return answer


class ScorecardList(CityInstrumentList):
    """A city's Scorecard assessments, newest first (members and site admins)."""

    serializer_class = s.ScorecardSerializer
    filterset_class = ScorecardFilter
    model = ScorecardAssessment

    @extend_schema(
        responses={200: s.ScorecardSerializer(many=True), **errors(*PRIVATE, *LIST)},
        parameters=[SLUG, STATUS],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ScorecardDetail(StrictQuery, generics.GenericAPIView):
    """A Scorecard with its totals per Essential and overall (out of 141), each with its
    answered and unanswered questions: an unanswered question is never counted as 0."""

    serializer_class = s.ScorecardDetailSerializer

    @extend_schema(
        responses={200: s.ScorecardDetailSerializer, **errors(*PRIVATE)},
        parameters=[SLUG, SCORECARD],
    )
    def get(self, request: Request, slug: str, scorecard: int) -> Response:
        obj, _access = get_scorecard(request.user, slug, scorecard)
        data = {**scorecard_data(obj), "totals": totals_data(totals_of(obj))}
        return Response(s.ScorecardDetailSerializer(data).data)


class AnswerList(ReaderList):
    """The Scorecard's answers in question order (P1.1 … P10.2), 47 on one page."""

    serializer_class = s.AnswerSerializer
    filterset_class = AnswerFilter
    model = ScorecardAnswer

    def rows(self):
        k = self.kwargs
        obj, _access = get_scorecard(self.request.user, k["slug"], k["scorecard"])
        return answers_of(obj)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = [answer_data(a) for a in page]
        return self.get_paginated_response(s.AnswerSerializer(data, many=True).data)

    @extend_schema(
        responses={200: s.AnswerSerializer(many=True), **errors(*PRIVATE, *LIST)},
        parameters=[
            SLUG,
            SCORECARD,
            query("essential", "Only this Essential's questions.", enum=range(1, 11)),
            query("answered", "Only answered (true) or unanswered (false) questions.",
                  enum=["true", "false"]),
        ],
    )  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AnswerDetail(StrictQuery, generics.GenericAPIView):
    serializer_class = s.AnswerSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        responses={200: s.AnswerSerializer, **errors(*PRIVATE)}, parameters=[SLUG, SCORECARD, REF]
    )
    def get(self, request: Request, slug: str, scorecard: int, ref: str) -> Response:
        obj, _access = get_scorecard(request.user, slug, scorecard)
        return Response(answer_data(_one(obj, ref)))

    @extend_schema(
        request=s.AnswerChangeSerializer,
        responses=write_responses(
            s.AnswerSerializer, s.StaleAnswerSerializer, "answer", "Scorecard"
        ),
        parameters=[SLUG, SCORECARD, REF],
    )
    def patch(self, request: Request, slug: str, scorecard: int, ref: str) -> Response:
        """Change an answer: `score` 0–3 or null (unanswered), and its texts. Send the
        `revision` you read: if anyone saved since, nothing is written and the answer is 409
        with the answer as it now is."""
        obj, _access = get_scorecard(request.user, slug, scorecard, write=True)
        answer = _one(obj, ref)
        change = s.AnswerChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        if not obj.is_draft:
            return _locked()
        values = change.validated_data
        form = AnswerForm(_merged(answer, values), instance_answer=answer)
        if not form.is_valid():
            raise ValidationError(form.errors)
        sent = {f: form.cleaned_data[f] for f in values if f != "revision"}
        try:
            services.save_answer(answer, request.user, revision=values["revision"], **sent)
        except services.StaleAnswer:
            return _stale(obj, ref)
        except services.ScorecardLocked:
            return _locked()  # submitted by a colleague in the meantime
        return Response(answer_data(_one(obj, ref)))


def _locked() -> Response:
    message = _("This Scorecard is submitted and read-only. An editor can reopen it.")
    return Response(body(message, "locked", current=None), status=status.HTTP_409_CONFLICT)


def _stale(scorecard, ref: str) -> Response:
    """409 with the answer as it is saved now: nothing of the change was written."""
    return Response(
        body(_("This answer was changed by someone else since you read it."), "stale",
             current=answer_data(_one(scorecard, ref))),
        status=status.HTTP_409_CONFLICT,
    )  # fmt: skip


def _merged(answer, values: dict) -> dict:
    """The page's whole form as the answer is, with the fields the request sent put over it."""
    score = values.get("score", answer.score)
    return {
        "score": UNANSWERED if score is None else str(score),
        **{f: values.get(f, getattr(answer, f)) for f in services.TEXT_FIELDS},
    }


class SharedScorecards(SharedInstrumentList):
    """The Scorecards cities shared with the partner, newest first: open each one (read-only)
    through its city's Scorecard resource."""

    serializer_class = s.SharedScorecardSerializer
    model = ScorecardAssessment

    @extend_schema(
        responses={200: s.SharedScorecardSerializer(many=True), **errors(*PRIVATE, *LIST)},
        parameters=[path_slug("partner")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
