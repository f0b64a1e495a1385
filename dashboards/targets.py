"""A partner's network targets: the form that sets one, and each target's progress.

Progress is read from the dashboard's own stage distribution (subdimension code → {level:
cities}), so a target and the chart beside it always count the same cities: the latest
assessment each city shared with the partner, after the dashboard's filters.
"""

import math
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

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
