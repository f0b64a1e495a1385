"""One error format for every API response that is not a success.

    {"detail": "what went wrong", "code": "invalid", "fields": {"note": ["…"]}}

`fields` names each refused field (empty when the error is not about a field). A stale
update adds `current`: the record as a colleague saved it.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [m for v in value.values() for m in _messages(v)]
    if isinstance(value, list | tuple):
        return [m for v in value for m in _messages(v)]
    return [str(value)]


def body(detail: str, code: str, fields: dict | None = None, **extra) -> dict:
    return {"detail": detail, "code": code, "fields": fields or {}, **extra}


def api_exception_handler(exc, context):
    # The access rule raises Django's exceptions; say them in the API's words.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        fields = {}
        general = []
        if isinstance(detail, dict):
            for name, value in detail.items():
                if name in ("non_field_errors", "__all__"):
                    general += _messages(value)
                else:
                    fields[name] = _messages(value)
        else:
            general = _messages(detail)
        text = " ".join(general) or _("Some fields are not valid.")
        response.data = body(text, "invalid", fields)
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        text = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        response.data = body(str(text), code if isinstance(code, str) else "error")
    return response


@csrf_exempt  # a PATCH to a wrong address is a JSON 404 too, not a CSRF page
def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any path under /api/ that names nothing: the same JSON error, never an HTML page."""
    return JsonResponse(body(_("Nothing is at this address."), "not_found"), status=404)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each refused field with its messages.",
    )
