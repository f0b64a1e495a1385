"""A partner's network targets: the form that sets one, and each target's progress.

Progress is read from the dashboard's own stage distribution (subdimension code → {level:
cities}), so a target and the chart beside it always count the same cities: the latest
assessment each city shared with the partner, after the dashboard's filters.
"""

import math
from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.log import log
from audit.models import AuditEntry, Kind
from maturity.models import Stage, Subdimension

from .models import NetworkTarget


@dataclass
class TargetProgress:
    target: NetworkTarget
    reached: int  # cities at the target's stage or above
    cities: int  # cities counted by the dashboard
    needed: int  # cities the share asks for, rounded up: half of 5 cities is 3

    @property
    def met(self) -> bool:
        return self.cities > 0 and self.reached >= self.needed

    @property
    def percent(self) -> int:
        return round(100 * self.reached / self.cities) if self.cities else 0


def progress(targets, distribution: dict, cities: int) -> list[TargetProgress]:
    """Each target with the number of cities at its stage or above. A subdimension's level
    is the order of the stage it reached (0: working on the first)."""
    out = []
    for t in targets:
        counts = distribution.get(t.subdimension.code, {})
        reached = sum(n for level, n in counts.items() if level >= t.stage.order)
        out.append(TargetProgress(t, reached, cities, math.ceil(t.share * cities / 100)))
    return out


class SubdimensionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.title}"


class TargetForm(forms.ModelForm):
    """A target of the dashboard's model version: its subdimensions and stages only."""

    class Meta:
        model = NetworkTarget
        fields = ["subdimension", "stage", "share", "year"]
        field_classes = {"subdimension": SubdimensionChoice}
        help_texts = {
            "share": _("For example 50: half of the cities that share with you."),
            "year": _("The year by whose end the share should be reached."),
        }

    def __init__(self, *args, partner, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partner = partner
        self.fields["subdimension"].queryset = Subdimension.objects.filter(
            dimension__version=version
        ).select_related("dimension")
        self.fields["stage"].queryset = Stage.objects.filter(version=version)
        for name in ("share", "year"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error(None, _("Your organisation already has this target."))


class TargetShareForm(forms.ModelForm):
    """Change a target's share (what it aims at stays: another aim is another target)."""

    class Meta:
        model = NetworkTarget
        fields = ["share"]


# Setting, changing and withdrawing a target, each written to the one audit log in the same
# transaction, as the partner's own entry (a target belongs to no city). The entry names the
# target by its subdimension, stage and year ids, so the history says it in the reader's
# language and by the model's current names.


def _what(target: NetworkTarget) -> str:
    return f"{target.subdimension_id}|{target.stage_id}|{target.year}"


@transaction.atomic
def set_target(target: NetworkTarget, user) -> NetworkTarget:
    target.created_by = user
    target.save()
    log(Kind.TARGET_SET, partner=target.partner, user=user, field="share",
        new=str(target.share), detail=_what(target))  # fmt: skip
    return target


@transaction.atomic
def change_target(target: NetworkTarget, share: int, user) -> NetworkTarget:
    before = NetworkTarget.objects.select_for_update().get(pk=target.pk).share
    if before != share:
        target.share = share
        target.save(update_fields=["share"])
        log(Kind.TARGET_CHANGED, partner=target.partner, user=user, field="share",
            old=str(before), new=str(share), detail=_what(target))  # fmt: skip
    return target


@transaction.atomic
def withdraw_target(target: NetworkTarget, user) -> None:
    log(Kind.TARGET_WITHDRAWN, partner=target.partner, user=user, field="share",
        old=str(target.share), detail=_what(target))  # fmt: skip
    target.delete()


@dataclass
class TargetEvent:
    """One line of a partner's target history: the entry and the target it was about, as
    it stood after the change (before it, for a withdrawal)."""

    entry: AuditEntry
    target: NetworkTarget | None  # None when its subdimension or stage has since gone
    was: str  # the share before a change


def target_history(partner, limit: int = 50) -> list[TargetEvent]:
    """The partner's target changes, newest first, in two queries."""
    entries = list(partner.audit_entries.targets().select_related("user")[:limit])
    keys = [e.detail.split("|") for e in entries]
    subdimensions = Subdimension.objects.in_bulk({int(k[0]) for k in keys})
    stages = Stage.objects.in_bulk({int(k[1]) for k in keys}) if keys else {}
    events = []
    for entry, (sub, stage, year) in zip(entries, keys, strict=True):
        found = subdimensions.get(int(sub)), stages.get(int(stage))
        target = None
        if None not in found:
            share = entry.old if entry.kind == Kind.TARGET_WITHDRAWN else entry.new
            target = NetworkTarget(subdimension=found[0], stage=found[1], year=int(year),
                                   share=int(share))  # fmt: skip
        was = entry.old if entry.kind == Kind.TARGET_CHANGED else ""
        events.append(TargetEvent(entry, target, was))
    return events
