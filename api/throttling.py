"""Per-token request rates, counted in the shared cache (every worker sees the same count)."""

from rest_framework.throttling import SimpleRateThrottle

from accounts.network import client_address

from .models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """Each token has its own allowance; a browser session counts per user, anonymous
    readers of the public resources per address."""

    scope = "token"

    def get_ident(self, request):
        # Not DRF's, which believes any X-Forwarded-For unless NUM_PROXIES is set.
        return client_address(request)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"t{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"u{request.user.pk}"
        else:
            ident = self.get_ident(request)  # an address: never "t…" or "u…"
        return self.cache_format % {"scope": self.scope, "ident": ident}
