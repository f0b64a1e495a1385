"""Writing experiences: each change in one transaction with its entry in the one audit log.

Public profiles key their cached lists by the city's public experiences' count and latest
change (profiles.versions), so every change here touches `updated_at`."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit.log import log
from audit.models import Kind

from .models import Experience, ExperienceFile, Report


def _log(experience: Experience, user, **change: str) -> None:
    """One change of an experience in the city's audit log: its `old`, `new` and `detail`."""
    log(Kind.CHANGED, city=experience.city, user=user, field="experience", **change)


@transaction.atomic
def save_experience(
    experience: Experience, stakeholders, user, *, uploads=(), created: bool
) -> Experience:
    """Save a new or edited experience (its stakeholder groups and new files too); the log
    says its action, who may read it, and whether it was added or edited."""
    experience.save()
    experience.stakeholders.set(stakeholders)
    for upload in uploads:
        ExperienceFile.objects.create(
            experience=experience,
            file=upload,
            original_name=upload.name[:255],
            content_type=upload.evidence_content_type,
            size=upload.size,
            added_by=user,
        )
    _log(
        experience,
        user,
        new=f"{experience.action.code} · {experience.get_visibility_display()}",
        detail=f"{'Added' if created else 'Edited'}: {experience.title}",
    )
    return experience


@transaction.atomic
def delete_experience(experience: Experience, user) -> None:
    _log(experience, user, old=experience.action.code, new="deleted", detail=experience.title)
    for stored in experience.files.all():
        transaction.on_commit(lambda f=stored.file: f.delete(save=False))
    experience.delete()


@transaction.atomic
def take_down(experience: Experience, reason: str, admin) -> None:
    """A site admin takes an experience off every page but its city's, with a reason."""
    experience.moderated_at = timezone.now()
    experience.moderation_reason = reason
    experience.save(update_fields=["moderated_at", "moderation_reason", "updated_at"])
    _log(
        experience,
        admin,
        old=experience.get_visibility_display(),
        new=str(experience.moderation_reason),
        detail=f"Taken down by a site admin: {experience.title}",
    )


@transaction.atomic
def restore(experience: Experience, admin) -> None:
    experience.moderated_at = None
    experience.moderation_reason = ""
    experience.save(update_fields=["moderated_at", "moderation_reason", "updated_at"])
    _log(
        experience,
        admin,
        new=experience.get_visibility_display(),
        detail=f"Listed again by a site admin: {experience.title}",
    )


@transaction.atomic
def report(experience: Experience | None, city, reason: str, user) -> Report:
    """A signed-in reader flags an experience (or, with none, a city's public profile)."""
    found = Report.objects.create(experience=experience, city=city, reason=reason, reported_by=user)
    log(
        Kind.CHANGED,
        city=city,
        user=user,
        field="report",
        new=reason,
        detail=experience.title if experience else "Public profile",
    )
    return found


@transaction.atomic
def feature(partner, experience: Experience, user, *, on: bool) -> None:
    """A partner features an experience on its dashboard (or stops)."""
    from .models import FeaturedExperience

    if on:
        FeaturedExperience.objects.get_or_create(
            partner=partner, experience=experience, defaults={"featured_by": user}
        )
    else:
        FeaturedExperience.objects.filter(partner=partner, experience=experience).delete()
    _log(
        experience,
        user,
        new=f"{'featured' if on else 'not featured'} by {partner.name}",
        detail=experience.title,
    )
