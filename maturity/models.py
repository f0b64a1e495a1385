"""The maturity model as versioned data.

An assessment points at one ModelVersion; loading a new version never touches an old one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModelVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def current(self) -> "ModelVersion | None":
        """The newest published version: new assessments use it and dashboards show it."""
        return self.published().order_by("-loaded_at", "-pk").first()


class ModelVersion(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(_("source"), blank=True)
    # One sentence on what this version changed from the one before, shown where a city
    # chooses the version of a new assessment.
    changes = models.TextField(_("what changed"), blank=True)
    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("A published version is read-only: assessments depend on it."),
    )
    loaded_at = models.DateTimeField(auto_now_add=True)
    # When a translation was last loaded or corrected: part of the in-memory structure's key,
    # so a corrected text reaches every page without a restart.
    texts_revised_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the policy catalogue or the crosswalk last changed (policies.versions): the
    # matrix's cards show how many tools each action has.
    catalogue_revised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ModelVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("model version")

    def __str__(self) -> str:
        return self.name

    @property
    def content_version(self) -> str:
        """Names this version's content as pages show it: its texts in every language and
        the catalogue linked to its actions. Part of every cached page part's key; the load
        time makes a reloaded database (a reused id) a new version."""
        stamps = (self.loaded_at, self.texts_revised_at, self.catalogue_revised_at)
        return ".".join([str(self.pk), *(f"{s.timestamp():.6f}" if s else "-" for s in stamps)])


class Stage(models.Model):
    """One of the ordered maturity stages (Starting … Vertebrate) of a model version."""

    version = models.ForeignKey(ModelVersion, on_delete=models.CASCADE, related_name="stages")
    letter = models.CharField(_("code letter"), max_length=1)
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("title"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "letter"], name="stage_letter_per_version"),
            models.UniqueConstraint(fields=["version", "order"], name="stage_order_per_version"),
        ]

    def __str__(self) -> str:
        return self.name


class StakeholderGroup(models.Model):
    """A group of stakeholders that a stage brings in (the SMR tool's icons)."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(max_length=100)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["stage__order", "order"]

    def __str__(self) -> str:
        return self.name


class Dimension(models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(_("code"), max_length=5)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="dimension_code_per_version")
        ]

    def __str__(self) -> str:
        return self.name


class Subdimension(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="subdimensions")
    code = models.CharField(_("code"), max_length=5)
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["dimension__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="subdimension_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ActionQuerySet(models.QuerySet):
    def for_version(self, version: ModelVersion) -> "ActionQuerySet":
        return self.filter(subdimension__dimension__version=version)

    def with_structure(self) -> "ActionQuerySet":
        return self.select_related("stage", "subdimension__dimension").order_by(
            "subdimension__dimension__order", "subdimension__order", "stage__order", "order"
        )


class Action(models.Model):
    """A coded action such as L1S1: what a city does to reach a stage in a subdimension."""

    subdimension = models.ForeignKey(Subdimension, on_delete=models.CASCADE, related_name="actions")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="actions")
    code = models.CharField(_("code"), max_length=10)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["subdimension", "stage__order", "order"]
        constraints = [models.UniqueConstraint(fields=["subdimension", "code"], name="action_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class IndicatorKind(models.TextChoices):
    # The 2.0 workbook's column H is headed "INDUCTORS" (leading), column I "RESULTS".
    LEADING = "leading", _("Leading indicator")
    RESULT = "result", _("Result indicator")


class Indicator(models.Model):
    """One leading or result indicator of a subdimension, as the version publishes it.

    `text` is the published line verbatim, brackets included; `cites` holds the action codes
    the bracket names, in its order, and `unresolved` those of them the version has no action
    for (2.0 cites L1R1, L1T1, … which it does not have): shown as such, never dropped.
    """

    subdimension = models.ForeignKey(
        Subdimension, on_delete=models.CASCADE, related_name="indicators"
    )
    # Stable within a version without database ids ("L1-leading-1"): exchange files, the
    # API and the translation files name an indicator by it.
    code = models.CharField(_("code"), max_length=30)
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices)
    text = models.TextField(_("text"))
    cites = models.JSONField(_("actions cited"), default=list, blank=True)
    unresolved = models.JSONField(_("citations of no action"), default=list, blank=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["subdimension__dimension__order", "subdimension__order", "kind", "order"]
        constraints = [
            models.UniqueConstraint(fields=["subdimension", "code"], name="indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    @property
    def citations(self) -> list[tuple[str, bool]]:
        """(code, whether the version has that action), in the bracket's order."""
        return [(code, code not in self.unresolved) for code in self.cites]
