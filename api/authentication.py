"""`Authorization: Token rm_<prefix>_<secret>`: a personal token, looked up by its prefix."""

import hmac
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import TOKEN_MARK, ApiToken, digest

# Recording every use would write on every read: once a minute says "last used" well enough.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give one token after 'Token '."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from exc
        mark, _sep, rest = key.partition("_")
        prefix, _sep, secret = rest.partition("_")
        token = None
        if mark == TOKEN_MARK and prefix and secret:
            token = ApiToken.objects.active().select_related("user").filter(prefix=prefix).first()
        if token is None or not hmac.compare_digest(token.digest, digest(secret)):
            raise exceptions.AuthenticationFailed(_("The token is not valid or was revoked."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token's account is inactive."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A personal API token: `Token rm_…` (create one on your API tokens "
            "page).",
        }
