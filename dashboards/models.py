"""A campaign partner's targets for its network of cities.

Campaign partners set targets and read results beside them ("half of our cities at Moderate
or above in L4 by 2027"; SAMMY shows targets beside results). A target names a subdimension
and a stage of one model version, the share of cities to reach it and the year; its progress is
computed from the same distribution the dashboard shows (dashboards/targets.py), never stored.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 2015, 2100


class NetworkTarget(models.Model):
    partner = models.ForeignKey(
        "accounts.Partner", on_delete=models.CASCADE, related_name="targets"
    )
    subdimension = models.ForeignKey(
        "maturity.Subdimension", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("subdimension"),
    )  # fmt: skip
    stage = models.ForeignKey(
        "maturity.Stage", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("stage reached or above"),
    )  # fmt: skip
    share = models.PositiveSmallIntegerField(
        _("share of cities (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    year = models.PositiveSmallIntegerField(
        _("by the end of"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["year", "subdimension__dimension__order", "subdimension__order", "pk"]
        verbose_name = _("network target")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share__gte=1, share__lte=100), name="target_share_1_to_100"
            ),
            models.UniqueConstraint(
                fields=["partner", "subdimension", "stage", "year"], name="one_target_each"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.share}% {self.subdimension.code} {self.stage} {self.year}"
