"""What every API view shares: the documented error responses and the strict query string
(the pagination is api/pagination.py)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import generics
from rest_framework.exceptions import ValidationError

from accounts.access import get_city, get_partner

from ..errors import ErrorSerializer


def errors(*codes: int) -> dict:
    """The error responses an operation can really give, each in the one error format."""
    words = {
        400: "A parameter or field is not valid; `fields` names it.",
        401: "No valid token or session (only where signing in is needed, or a bad token).",
        403: "Signed in, but not allowed: a read-only role or token asking to write.",
        404: "Not there, or not yours to see (another city's data is never revealed).",
        409: "Stale: someone saved since the revision sent (`current` holds their version), "
        "or the assessment is submitted.",
        413: "The file is larger than the evidence size limit; nothing was saved.",
        415: "The body is not JSON (send `Content-Type: application/json`).",
        429: "Too many requests for this token; wait for the seconds in `Retry-After`.",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=words[code]) for code in codes}


def error(code: int, description: str) -> dict:
    """One error response in the one error format, described for this operation."""
    return {code: OpenApiResponse(ErrorSerializer, description=description)}


def write_responses(ok, stale, what: str, container: str) -> dict:
    """The answers of a write with a revision check (a record, a Scorecard answer): the
    saved `what`, or 409 with the one as it now is."""
    return {
        200: ok,
        **errors(400, *PRIVATE, 415),
        409: OpenApiResponse(
            stale,
            description=f"Someone saved the {what} since `revision` (`current` is their "
            f"version, nothing of yours was saved), or the {container} is submitted "
            "(`code` is `locked`, `current` is null).",
        ),
    }


LOCKED = "The assessment is submitted and read-only (`code` is `locked`); nothing was saved."


# Every operation: a bad or revoked token is refused (401) and every token is throttled (429).
PUBLIC = (401, 429)
PRIVATE = (401, 403, 404, 429)
LIST = (400, 404)  # a refused filter; a page past the end


class StrictQuery:
    """Every query parameter is given once and with a value: `?page=&page=2` is a 400 naming
    `page`, never a silent guess at which one was meant."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        bad = {}
        for name, values in request.query_params.lists():
            if len(values) > 1:
                bad[name] = [_("Give this parameter once.")]
            elif not values[0]:
                bad[name] = [_("Give a value, or leave the parameter out.")]
        if bad:
            raise ValidationError(bad)


SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,200}$"
NO_NUL = r"^[^\x00]{1,%d}$"  # PostgreSQL text never holds a NUL; the forms refuse one


def query(name: str, text: str, *, pattern: str | None = None, enum=None) -> OpenApiParameter:
    """A documented filter: exactly the values its FilterSet accepts."""
    schema: dict = {"type": "string"}
    if enum is not None:
        schema["enum"] = [str(v) for v in enum]
    if pattern is not None:
        schema["pattern"] = pattern
    return OpenApiParameter(name, schema, "query", description=text)


def path_slug(name: str) -> OpenApiParameter:
    return OpenApiParameter(name, {"type": "string", "pattern": SLUG_PATTERN}, "path")


class ReaderList(StrictQuery, generics.ListAPIView):
    """A list whose rows are reached through the reader's access (`rows`). The schema
    generator visits with no reader: it gets the `model`'s empty query set."""

    model = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.rows()

    def rows(self):
        raise NotImplementedError


class CityInstrumentList(ReaderList):
    """A city's self-assessments of one instrument (`model`), newest first: its members and
    site admins."""

    related: tuple[str, ...] = ("city",)

    def rows(self):
        city = get_city(self.request.user, self.kwargs["slug"]).city
        return self.model.objects.filter(city=city).select_related(*self.related).newest_first()


class SharedInstrumentList(ReaderList):
    """The self-assessments of one instrument (`model`) that cities shared with the partner,
    newest first: each opens (read-only) through its city's resource."""

    related: tuple[str, ...] = ("city",)

    def rows(self):
        partner = get_partner(self.request.user, self.kwargs["partner"])
        shared = self.model.objects.filter(shares__partner=partner)
        return shared.select_related(*self.related).newest_first()
