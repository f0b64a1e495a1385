"""Personal API tokens: shown once, stored as a SHA-256 digest with a short public prefix."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_BYTES = 6  # 8 characters of URL-safe base64: what lists show to tell tokens apart
TOKEN_MARK = "rm"  # "rm_<prefix>_<secret>": recognisable in logs and secret scanners


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    can_write = models.BooleanField(_("may change records"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_MARK}_{self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str, *, can_write: bool = False) -> tuple["ApiToken", str]:
        """A new token and its full key, which is never stored and never shown again."""
        prefix = secrets.token_urlsafe(PREFIX_BYTES).replace("_", "x").replace("-", "y")
        secret = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=prefix, digest=digest(secret), can_write=can_write
        )
        return token, f"{TOKEN_MARK}_{prefix}_{secret}"

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
