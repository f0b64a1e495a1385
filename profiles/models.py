"""A city's public profile: what it chose, item by item, to show without sign-in.

Its own table, one row per city, so `accounts.City` keeps only what every page needs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import City
from audit.fields import actor


class PublicProfileQuerySet(models.QuerySet):
    def published(self):
        """Shown to the public: published by the city and not taken down by a site admin."""
        return self.filter(published=True, moderated_at__isnull=True)


class PublicProfile(models.Model):
    city = models.OneToOneField(City, on_delete=models.CASCADE, related_name="public_profile")
    published = models.BooleanField(_("publish our profile"), default=False)
    show_population = models.BooleanField(_("show our population"), default=True)
    show_stages = models.BooleanField(
        _("show the stages of our latest signed-off assessment"), default=True
    )
    show_scorecard = models.BooleanField(
        _("show the total of our latest signed-off Scorecard"), default=False
    )
    show_networks = models.BooleanField(_("show the networks we belong to"), default=True)
    show_experiences = models.BooleanField(_("list our public experiences"), default=True)
    text = models.TextField(
        _("short text"),
        max_length=1500,
        blank=True,
        help_text=_("Plain text; a blank line starts a paragraph; web addresses become links."),
    )
    # Where the city is, for the directory's map (degrees, WGS 84).
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # Moves with every change to what the profile shows (its settings, the city's experiences,
    # a take-down): the public pages' cached parts are keyed by it.
    version = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = actor(blank=True)
    # Taken down by a site admin, with the reason the city sees; None while allowed.
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderation_reason = models.CharField(_("why it was taken down"), max_length=500, blank=True)

    objects = PublicProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("public profile")
        indexes = [models.Index(fields=["published", "moderated_at"])]

    def __str__(self) -> str:
        return str(self.city)

    @property
    def is_public(self) -> bool:
        return self.published and self.moderated_at is None
