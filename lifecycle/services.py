"""The self-assessment lifecycle, once for every instrument: sign off, reopen, share.

An instrument (the SMR assessment, the UN Scorecard) is a `Lifecycle` subclass naming its
models and messages, and overriding the hooks for what else moves with a step (the SMR
assessment stores its stages at sign-off and moves its page version). Each step runs in one
transaction, locks the row first, and writes the audit log in that same transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit.log import log
from audit.models import Kind

from .models import PartnerShare, SelfAssessment, Status

# The longest reopening reason kept: the form says so, and the log holds no more.
REASON_LENGTH = 1000


class Locked(ValueError):
    """The self-assessment is signed off (read-only), or not in the state the step needs.

    Each instrument's subclass words the refusals its own way ("This Scorecard is already a
    draft."): `read_only`, `already_draft`, `share_draft`."""

    read_only: str
    already_draft: str
    share_draft: str
    draft_open: str  # "%(title)s" is the open draft's title


class DraftOpen(Locked):
    """The city already has an open draft of this instrument (`draft`): one at a time."""

    def __init__(self, message: str, draft: SelfAssessment, url: str):
        super().__init__(message)
        self.draft = draft
        self.url = url  # the open draft's page


class Lifecycle:
    # Each instrument's lifecycle is built once, when its module is imported: before mutmut
    # chooses a mutant, so no test could tell a mutant of __init__ apart (make mutation).
    def __init__(
        self,
        model: type[SelfAssessment],
        share_model: type[PartnerShare],
        subject: str,
        locked: type[Locked],
        page,
    ):  # pragma: no mutate block
        self.model = model
        self.share_model = share_model
        self.subject = subject  # the foreign key's name, on its shares and in the audit log
        self.locked = locked
        self.page = page  # obj → its page's URL (where an open draft is continued)

    # Hooks, inside the step's transaction.
    def changed(self, obj: SelfAssessment) -> None:
        """Anything its pages show moved."""

    def signed_off(self, obj: SelfAssessment) -> None:
        """Just submitted."""

    def reopened(self, obj: SelfAssessment) -> None:
        """Just returned to draft."""

    # The steps.
    def ensure_draft(self, obj: SelfAssessment) -> None:
        if not obj.is_draft:
            raise self.locked(self.locked.read_only)

    def ensure_no_open_draft(self, city) -> None:
        """Refuse (DraftOpen, naming it) while the city has an open draft of this instrument:
        a second one would split the work. The database's constraint (one_open_draft) holds
        the rule against two requests at once."""
        draft = self.model.objects.filter(city=city).open_draft()
        if draft is not None:
            message = str(self.locked.draft_open) % {"title": draft.title}
            raise DraftOpen(message, draft, self.page(draft))

    def log(self, obj: SelfAssessment, kind: str, user, detail: str = "") -> None:
        log(kind, **{self.subject: obj}, user=user, detail=detail)

    def submit(self, obj: SelfAssessment, user) -> SelfAssessment:
        """Sign it off: it becomes read-only and its results count."""
        with transaction.atomic():
            obj = self.model.objects.select_for_update().get(pk=obj.pk)
            self.ensure_draft(obj)
            obj.status = Status.SUBMITTED
            obj.submitted_by = user
            obj.submitted_at = timezone.now()
            obj.save(update_fields=["status", "submitted_by", "submitted_at"])
            self.changed(obj)
            self.signed_off(obj)
            self.log(obj, Kind.SUBMITTED, user)
        return obj

    def reopen(self, obj: SelfAssessment, user, reason: str = "") -> SelfAssessment:
        """Return it to draft, with the reason. Its shares are withdrawn: partners only ever
        see signed-off results."""
        with transaction.atomic():
            obj = self.model.objects.select_for_update().get(pk=obj.pk)
            if obj.is_draft:
                raise self.locked(self.locked.already_draft)
            # Reopening an older one while another is open would make two drafts: the open
            # one is signed off first (or carried forward), and says so.
            self.ensure_no_open_draft(obj.city_id)
            obj.status = Status.DRAFT
            obj.save(update_fields=["status"])
            self.changed(obj)
            # Each deleted share hands `latest` on to the city's next newest (share_deleted).
            obj.shares.all().delete()
            self.reopened(obj)
            self.log(obj, Kind.REOPENED, user, reason[:REASON_LENGTH])
        return obj

    def share(self, obj: SelfAssessment, partner, user, *, include_private: bool = False):
        """Share a signed-off one with a partner, with or without the private parts; sharing
        again updates that choice."""
        with transaction.atomic():
            if obj.is_draft:
                raise self.locked(self.locked.share_draft)
            share, created = self.share_model.objects.get_or_create(
                **{self.subject: obj},
                partner=partner,
                defaults={"shared_by": user, "include_private": include_private},
            )
            if not created and share.include_private != include_private:
                share.include_private = include_private
                share.save(update_fields=["include_private"])
            self.refresh_latest_share(obj.city_id, partner.pk)
            if created:
                self.log(obj, Kind.SHARED, user, partner.name)
        return share

    def unshare(self, obj: SelfAssessment, partner, user) -> None:
        """Withdraw a partner's share (nothing happens when there is none)."""
        with transaction.atomic():
            # The deleted share hands `latest` on to the city's next newest (share_deleted).
            deleted, _rows = self.share_model.objects.filter(
                **{self.subject: obj}, partner=partner
            ).delete()
            if deleted:
                self.log(obj, Kind.UNSHARED, user, partner.name)

    def share_deleted(self, sender, instance: PartnerShare, **kwargs) -> None:
        """Keep `latest` right whenever a share is deleted: by a withdrawal, a reopening, or a
        cascade (an admin deletes the self-assessment or the partner). Connected by the
        instrument's AppConfig.ready."""
        if not instance.latest:
            return
        city_id = (
            self.model.objects.filter(pk=getattr(instance, f"{self.subject}_id"))
            .values_list("city_id", flat=True)
            .first()
        )
        if city_id is not None:
            self.refresh_latest_share(city_id, instance.partner_id)

    def refresh_latest_share(self, city_id: int, partner_id: int) -> None:
        """Mark which of a city's shares with a partner is of its most recent one."""
        shares = self.share_model.objects.filter(
            **{f"{self.subject}__city_id": city_id}, partner_id=partner_id
        )
        newest = shares.order_by(
            f"-{self.subject}__reference_date",
            f"-{self.subject}__created_at",
            f"-{self.subject}_id",
        ).first()
        shares.exclude(pk=newest.pk if newest else None).filter(latest=True).update(latest=False)
        if newest and not newest.latest:
            self.share_model.objects.filter(pk=newest.pk).update(latest=True)
