"""Changing a public profile: each change in one transaction, logged in the one audit log,
and the profile's version moved so no cached public part outlives it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit.log import log
from audit.models import Kind

from .models import PublicProfile

SETTINGS = (
    "published",
    "show_population",
    "show_stages",
    "show_scorecard",
    "show_networks",
    "show_experiences",
    "text",
)


def _log(profile: PublicProfile, user, **change: str) -> None:
    """One change of the public profile in the city's audit log: its `old`, `new`, `detail`."""
    log(Kind.CHANGED, city=profile.city, user=user, field="public_profile", **change)


def profile_of(city) -> PublicProfile:
    """The city's profile settings (unsaved and unpublished when it never had any)."""
    return PublicProfile.objects.filter(city=city).first() or PublicProfile(city=city)


@transaction.atomic
def save_profile(profile: PublicProfile, before: dict, user) -> list[str]:
    """Save the editor's settings; log each setting that changed. Returns their names."""
    changed = [name for name in SETTINGS if before.get(name) != getattr(profile, name)]
    profile.changed_by = user
    profile.version = (profile.version or 0) + 1
    profile.save()
    for name in changed:
        _log(
            profile,
            user,
            old=f"{name}: {before.get(name)}",
            new=f"{name}: {getattr(profile, name)}",
        )
    return changed


@transaction.atomic
def take_down(profile: PublicProfile, reason: str, admin) -> None:
    """A site admin takes a profile off the public site; the city sees the reason."""
    PublicProfile.objects.filter(pk=profile.pk).update(
        moderated_at=timezone.now(), moderation_reason=reason, version=F("version") + 1
    )
    _log(profile, admin, new=reason, detail="Taken down by a site admin")


@transaction.atomic
def restore(profile: PublicProfile, admin) -> None:
    PublicProfile.objects.filter(pk=profile.pk).update(
        moderated_at=None, moderation_reason="", version=F("version") + 1
    )
    _log(profile, admin, detail="Listed again by a site admin")
