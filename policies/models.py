"""Policies, case studies and campaign tools, and how they connect to the model's actions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.models import Action


class PolicyKind(models.TextChoices):
    SMR_POLICY = "smr_policy", _("SMR resilience-building policy")
    SMR_TOOL = "smr_tool", _("SMR tool")
    CAMPAIGN = "campaign", _("Campaign")
    CASE_STUDY = "case_study", _("Case study")
    GUIDELINE = "guideline", _("Guideline")
    STANDARD = "standard", _("Standard")
    CAMPAIGN_TOOL = "campaign_tool", _("Campaign tool")
    OTHER = "other", _("Other")


class Policy(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=PolicyKind.choices)
    summary = models.TextField(_("summary"), blank=True)
    organisation = models.CharField(_("source organisation"), max_length=200, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    actions = models.ManyToManyField(Action, through="PolicyLink", related_name="policies")

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("policy or campaign tool")
        verbose_name_plural = _("policies and campaign tools")

    def __str__(self) -> str:
        return self.title


class PolicyLink(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="links")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="policy_links")
    note = models.CharField(_("why it is relevant"), max_length=300, blank=True)

    class Meta:
        ordering = ["action__code", "policy__title"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "action"], name="one_link_per_policy_action")
        ]

    def __str__(self) -> str:
        return f"{self.action.code} → {self.policy}"


# The Ten Essentials' edition the crosswalk and the Scorecard use; 2010 is LG-SAT's.
CURRENT_EDITION = "2017"


class EssentialQuerySet(models.QuerySet):
    def current_edition(self):
        return self.filter(edition=CURRENT_EDITION)


class Essential(models.Model):
    """One of the UN Ten Essentials for Making Cities Resilient (2017 or 2010 edition)."""

    edition = models.CharField(_("edition"), max_length=4)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    objects = EssentialQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="one_essential_number")
        ]

    def __str__(self) -> str:
        return f"Essential {self.number} ({self.edition}): {self.title}"


class ScorecardQuestion(models.Model):
    """A preliminary-level question of the Disaster Resilience Scorecard for Cities."""

    ref = models.CharField(_("question id"), max_length=10, unique=True)
    essential = models.ForeignKey(Essential, on_delete=models.PROTECT, related_name="questions")
    topic = models.CharField(_("topic"), max_length=300)
    order = models.PositiveSmallIntegerField()
    # From the official workbook's E-sheets (what respondents see), verbatim: the question's
    # text box, UNDRR's comment beside it (guidance, not a field the city fills) and the labels
    # of the four answers, score 3 down to 0.
    text = models.TextField(_("question"), blank=True)
    comment = models.TextField(_("UNDRR's comment"), blank=True)
    descriptor_3 = models.TextField(_("score 3"), blank=True)
    descriptor_2 = models.TextField(_("score 2"), blank=True)
    descriptor_1 = models.TextField(_("score 1"), blank=True)
    descriptor_0 = models.TextField(_("score 0"), blank=True)

    class Meta:
        ordering = ["essential__number", "order"]

    def __str__(self) -> str:
        return f"{self.ref} {self.topic}"

    @property
    def descriptors(self) -> list[tuple[int, str]]:
        """(score, label) from 3 down to 0."""
        return [(n, getattr(self, f"descriptor_{n}")) for n in (3, 2, 1, 0)]


class EssentialLinkQuerySet(models.QuerySet):
    def current_edition(self):
        return self.filter(essential__edition=CURRENT_EDITION)

    def for_version(self, version):
        return self.filter(action__subdimension__dimension__version=version)


class EssentialLink(models.Model):
    """The crosswalk: an action contributes to an Essential, through a Scorecard question."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="essential_links", verbose_name=_("action")
    )
    essential = models.ForeignKey(
        Essential, on_delete=models.CASCADE, related_name="links", verbose_name=_("Essential")
    )
    question = models.ForeignKey(
        ScorecardQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="links",
        verbose_name=_("Scorecard question"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = EssentialLinkQuerySet.as_manager()

    class Meta:
        ordering = ["action__code", "essential__number"]
        # The admin's section said "Essential links", which told an admin nothing of what
        # these rows are: each links one SMR action to an Essential through a question.
        verbose_name = _("crosswalk link (action ↔ Essential)")
        verbose_name_plural = _("crosswalk: actions ↔ Essentials")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "essential", "question"], name="one_crosswalk_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action.code} → E{self.essential.number}"


class EssentialCorrespondence(models.Model):
    """The project's own correspondence between a 2017 Essential and a 2010 one (many-to-many).

    UNDRR publishes no official mapping between the two editions of the Ten Essentials; this
    one is derived by the project from the two editions' titles. LG-SAT (the Hyogo-era tool)
    used the 2010 edition, the Scorecard uses the 2017 one.
    """

    essential_2017 = models.ForeignKey(
        Essential,
        on_delete=models.CASCADE,
        related_name="corresponds_to_2010",
        limit_choices_to={"edition": "2017"},
        verbose_name=_("2017 Essential"),
    )
    essential_2010 = models.ForeignKey(
        Essential,
        on_delete=models.CASCADE,
        related_name="corresponds_to_2017",
        limit_choices_to={"edition": "2010"},
        verbose_name=_("2010 Essential"),
    )
    note = models.CharField(_("why they correspond"), max_length=300, blank=True)

    class Meta:
        ordering = ["essential_2017__number", "essential_2010__number"]
        verbose_name = _("Essentials correspondence (the project's own)")
        verbose_name_plural = _("Essentials correspondences (the project's own)")
        constraints = [
            models.UniqueConstraint(
                fields=["essential_2017", "essential_2010"], name="one_essential_correspondence"
            )
        ]

    def __str__(self) -> str:
        return f"2017 E{self.essential_2017.number} ↔ 2010 E{self.essential_2010.number}"

    def clean(self):
        errors = {}
        if self.essential_2017_id and self.essential_2017.edition != "2017":
            errors["essential_2017"] = _("Choose an Essential of the 2017 edition.")
        if self.essential_2010_id and self.essential_2010.edition != "2010":
            errors["essential_2010"] = _("Choose an Essential of the 2010 edition.")
        if errors:
            raise ValidationError(errors)
