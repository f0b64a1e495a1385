"""The one audit log: every change to a city's data, written in the change's own transaction.

Records and evidence, the self-assessment lifecycle (started, signed off, reopened, shared),
Scorecard answers and imports, and who may access the city; and a campaign partner's own
network targets, whose entries name the partner and no city. The action history, the
assessment's and the Scorecard's timelines, the members page, the API's history endpoint and
the admin all read this one table.

It refers to the other apps' models by name only, so every app may write to it (accounts sits
below assessments, and both log).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import actor


class Kind(models.TextChoices):
    # The self-assessment lifecycle, for any instrument (SMR assessment, UN Scorecard).
    CREATED = "created", _("Started")
    SUBMITTED = "submitted", _("Submitted and signed off")
    REOPENED = "reopened", _("Reopened")
    SHARED = "shared", _("Shared with a partner")
    UNSHARED = "unshared", _("Sharing withdrawn")
    # What was filled in.
    CHANGED = "changed", _("Changed")  # one field of an action record: field, old → new
    STAGE = "stage", _("Stage changed")
    ANSWERED = "answered", _("Answer changed")
    IMPORTED = "imported", _("Workbook imported")
    # Who may access the city.
    INVITED = "invited", _("Invited")
    INVITATION_REVOKED = "revoked", _("Invitation revoked")
    JOINED = "joined", _("Joined")
    ROLE_CHANGED = "role", _("Role changed")
    REMOVED = "removed", _("Removed")
    # A campaign partner's network targets (the partner's own, about no city).
    TARGET_SET = "target_set", _("Target set")
    TARGET_CHANGED = "target_edit", _("Target changed")
    TARGET_WITHDRAWN = "target_gone", _("Target withdrawn")


LIFECYCLE_KINDS = (Kind.CREATED, Kind.SUBMITTED, Kind.REOPENED, Kind.SHARED, Kind.UNSHARED)
TARGET_KINDS = (Kind.TARGET_SET, Kind.TARGET_CHANGED, Kind.TARGET_WITHDRAWN)
MEMBERSHIP_KINDS = (
    Kind.INVITED,
    Kind.INVITATION_REVOKED,
    Kind.JOINED,
    Kind.ROLE_CHANGED,
    Kind.REMOVED,
)

# Record fields whose values name people or files. Without the share's private parts a partner
# sees that they changed, not to what; pages and the API both ask `withheld_from`.
PRIVATE_FIELDS = ("responsible_member", "responsible", "file")

FIELD_LABELS = {
    "status": _("Status"),
    "na_reason": _("Why not applicable"),
    "note": _("Evidence note"),
    "responsible_member": _("Responsible member"),
    "responsible": _("Responsible"),
    "target_date": _("Target date"),
    "link": _("Link"),
    "file": _("File"),
}


# The choices that name a field's stored values ("done" → "Done"), registered by the app that
# owns them (AppConfig.ready), since this app imports none of theirs.
VALUE_LABELS: dict[str, type[models.TextChoices]] = {}


class AuditEntryQuerySet(models.QuerySet):
    def lifecycle(self):
        return self.filter(kind__in=LIFECYCLE_KINDS)

    def memberships(self):
        return self.filter(kind__in=MEMBERSHIP_KINDS)

    def targets(self):
        return self.filter(kind__in=TARGET_KINDS)

    def record_changes(self):
        return self.filter(kind=Kind.CHANGED)

    def lifecycle_and_stages(self):
        """An assessment's timeline events: its lifecycle steps and its stage moves."""
        return self.filter(kind__in=(*LIFECYCLE_KINDS, Kind.STAGE))


# The two below build the model's fields and indexes when the module is imported, before
# mutmut chooses a mutant (make mutation): the migrations' test checks what they build.
def _about(model: str) -> models.ForeignKey:  # pragma: no mutate block
    """What an entry is about, where it is about one: its entries go when it goes."""
    return models.ForeignKey(
        model,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_entries",
        db_index=False,  # _newest_first_where_set
    )


def _newest_first_where_set(field: str) -> models.Index:  # pragma: no mutate block
    # Each page reads one subject's entries newest first; most entries are about one subject
    # only, so the others' NULLs stay out of its index.
    return models.Index(
        fields=[field, "-at"],
        condition=models.Q(**{f"{field}__isnull": False}),
        name=f"audit_{field}_at_idx",
    )


class AuditEntry(models.Model):
    """One change: who (`user`), when (`at`), to what (`city` and, where it applies, the
    assessment, the action record or the Scorecard; or, for what belongs to a campaign
    partner and no city, such as its network targets, the `partner`), and how (`kind`,
    `field`, `old`, `new`, `detail`)."""

    city = models.ForeignKey(
        "accounts.City",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    partner = _about("accounts.Partner")
    assessment = _about("assessments.Assessment")
    record = _about("assessments.ActionRecord")
    scorecard = _about("scorecard.ScorecardAssessment")
    kind = models.CharField(_("change"), max_length=12, choices=Kind.choices)
    field = models.CharField(max_length=50, blank=True)
    old = models.TextField(_("before"), blank=True)
    new = models.TextField(_("after"), blank=True)
    detail = models.CharField(max_length=1000, blank=True)
    # The person concerned by a membership change, by email: kept when their account is gone.
    email = models.EmailField(_("person"), blank=True)
    user = actor(verbose_name=_("by"), blank=True, indexed=False)  # indexed below where set
    at = models.DateTimeField(default=timezone.now)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["city", "-at"], name="audit_city_at_idx"),
            *(
                _newest_first_where_set(about)
                for about in ("assessment", "record", "scorecard", "partner")
            ),
            models.Index(
                fields=["user"], condition=models.Q(user__isnull=False), name="audit_user_idx"
            ),
        ]
        constraints = [
            # Every entry belongs to a city's trail or to a partner's.
            models.CheckConstraint(
                condition=models.Q(city__isnull=False) | models.Q(partner__isnull=False),
                name="audit_about_a_city_or_a_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"

    def withheld_from(self, access) -> bool:
        """True when the reader may see that this changed but not its values: a partner
        without the share's private parts, on a field that names people or files."""
        return self.field in PRIVATE_FIELDS and not access.sees_private

    @property
    def field_label(self) -> str:
        return str(FIELD_LABELS.get(self.field, self.field))

    def _label(self, value: str) -> str:
        choices = VALUE_LABELS.get(self.field)
        if choices is not None and value in choices.values:
            return str(choices(value).label)
        return value

    @property
    def old_label(self) -> str:
        return self._label(self.old)

    @property
    def new_label(self) -> str:
        return self._label(self.new)

    @property
    def description(self) -> str:
        """The detail in words; a stage move is stored as "L1|1|2|Moderate", a workbook
        import as the file's name and the number of changes (in `new`)."""
        if self.kind == Kind.IMPORTED and self.new.isdigit():
            return _("%(file)s: %(n)d changes") % {
                "file": self.detail or _("workbook"),
                "n": int(self.new),
            }
        if self.kind != Kind.STAGE:
            return self.detail
        code, before, after, stage = self.detail.split("|")
        if int(after) == 0:
            return _("%(sub)s is back to working on %(stage)s") % {"sub": code, "stage": stage}
        if int(after) > int(before):
            return _("%(sub)s reached %(stage)s") % {"sub": code, "stage": stage}
        return _("%(sub)s is back to %(stage)s") % {"sub": code, "stage": stage}

    @property
    def roles(self) -> str:
        """A membership change's role before → after, in words (one side when no other)."""
        return " → ".join(self._label(v) for v in (self.old, self.new) if v)


def as_read_by(entries, access) -> list[AuditEntry]:
    """The entries, each marked `withheld` where the reader sees that it changed but not to
    what (see AuditEntry.withheld_from)."""
    entries = list(entries)
    for entry in entries:
        entry.withheld = entry.withheld_from(access)
    return entries
