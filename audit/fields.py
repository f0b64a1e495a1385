"""The field every logged model has: who did it."""

from django.conf import settings
from django.db import models


def actor(*, blank: bool = False, indexed: bool = True, **options) -> models.ForeignKey:
    """The person who made, signed off, shared or changed something. It outlives their account
    (the field empties: what they did stays), and nobody is asked for "what did I add?" from
    the user's side (no reverse name). `indexed=False` where a partial index is declared
    instead (most rows name nobody)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name="+",
        db_index=indexed,
        **options,
    )
