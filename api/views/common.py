"""What every API view shares: the documented error responses and the pagination."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework.pagination import PageNumberPagination

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
        415: "The body is not JSON (send `Content-Type: application/json`).",
        429: "Too many requests for this token; wait for the seconds in `Retry-After`.",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=words[code]) for code in codes}


# Every operation: a bad or revoked token is refused (401) and every token is throttled (429).
PUBLIC = (401, 429)
PRIVATE = (401, 403, 404, 429)
LIST = (400, 404)  # a refused filter; a page past the end


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class RecordPages(Pages):
    page_size = 100  # an assessment's 90 actions on one page
