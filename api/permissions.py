"""What a token may do: a read-only token never writes, whatever its user's role."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ApiToken


class TokenScope(BasePermission):
    message = _("This API token is read-only.")

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return not isinstance(request.auth, ApiToken) or request.auth.can_write
