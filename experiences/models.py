"""How a city did an action, written for other cities: the exchange platform's case studies.

SMR published its Resilience Building Policies as case studies (context, goals, challenges,
resources, outcomes); an experience is the same, tied to one coded action of one model
version and readable by whom its city chose (`Visibility`). Who may read one is decided in
`experiences.access`, nowhere else.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import City
from audit.fields import actor
from maturity.models import Action, StakeholderGroup


class Visibility(models.TextChoices):
    CITY = "city", _("Our city only")
    PARTNERS = "partners", _("Partners our city shares with")
    SIGNED_IN = "signed_in", _("Every signed-in city")
    PUBLIC = "public", _("Public")


# The text's language picks PostgreSQL's text-search configuration (stemming, stop words).
SEARCH_CONFIGS = {
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "nb": "norwegian",
}

# The text fields a reader searches, in the order the page shows them.
TEXT_FIELDS = ("title", "context", "what_was_done", "resources", "outcome", "lessons")


class ExperienceQuerySet(models.QuerySet):
    def listed(self):
        """Not taken down by a site admin."""
        return self.filter(moderated_at__isnull=True)

    def public(self):
        return self.listed().filter(visibility=Visibility.PUBLIC)

    def for_list(self):
        return self.select_related("city", "action__subdimension", "action__stage").order_by(
            "-updated_at", "-pk"
        )


class Experience(models.Model):
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="experiences")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="experiences")
    title = models.CharField(_("title"), max_length=200)
    context = models.TextField(_("context"), max_length=5000, blank=True)
    what_was_done = models.TextField(_("what was done"), max_length=5000)
    stakeholders = models.ManyToManyField(
        StakeholderGroup, blank=True, related_name="+", verbose_name=_("stakeholders involved")
    )
    resources = models.TextField(_("resources and cost"), max_length=2000, blank=True)
    outcome = models.TextField(_("outcome"), max_length=5000, blank=True)
    lessons = models.TextField(_("lessons learnt"), max_length=5000, blank=True)
    links = models.TextField(
        _("links"), max_length=4000, blank=True, help_text=_("One web address per line.")
    )
    language = models.CharField(
        _("written in"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    contact_role = models.CharField(
        _("contact role"),
        max_length=200,
        blank=True,
        help_text=_("A role, not a person: e.g. Resilience Office, Civil Protection."),
    )
    visibility = models.CharField(
        _("who may read it"), max_length=10, choices=Visibility.choices, default=Visibility.CITY
    )
    created_by = actor()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Taken down by a site admin, with the reason the city sees; None while listed.
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderation_reason = models.CharField(_("why it was taken down"), max_length=500, blank=True)

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        indexes = [models.Index(fields=["visibility", "action"])]

    def __str__(self) -> str:
        return f"{self.city} {self.action.code}: {self.title}"

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def experience_path(instance: "ExperienceFile", filename: str) -> str:
    # A random stored name, as for evidence: the person's file name is metadata only.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"experiences/{instance.experience.city_id}/{uuid.uuid4().hex}{suffix}"


class ExperienceFile(models.Model):
    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=experience_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    added_by = actor()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Report(models.Model):
    """A signed-in reader's report that an experience or a public profile needs a look."""

    experience = models.ForeignKey(
        Experience, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("what is wrong"), max_length=1000)
    reported_by = actor()
    reported_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        ordering = ["resolved", "-reported_at"]
        verbose_name = _("report")

    def __str__(self) -> str:
        return f"{self.city}: {self.reason[:50]}"


class FeaturedExperience(models.Model):
    """A partner chose to feature an experience on its dashboard."""

    partner = models.ForeignKey(
        "accounts.Partner", on_delete=models.CASCADE, related_name="featured_experiences"
    )
    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="+")
    featured_by = actor()
    featured_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-featured_at"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "experience"], name="feature_once")
        ]

    def __str__(self) -> str:
        return f"{self.partner} ★ {self.experience_id}"
