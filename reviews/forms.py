"""The review forms: each hands the service domain values."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import City
from assessments.models import ActionStatus
from lifecycle.forms import ReadableLimits

from .models import AnswerKind, CriticalFriend, Verdict


def suggested_reviewers(assessment):
    """Every other city, those that offered as critical friends first, then those whose
    standing is nearest the assessment's stage, then by name: two queries whatever the number
    of cities."""
    from assessments.models import Assessment

    cities = list(
        City.objects.exclude(pk=assessment.city_id).annotate(
            friend=Exists(CriticalFriend.objects.filter(city=OuterRef("pk")))
        )
    )
    levels: dict[int, int] = {}
    for city_id, level in (
        Assessment.objects.submitted()
        .filter(overall_level__isnull=False)
        .order_by("city_id", "reference_date", "created_at", "pk")
        .values_list("city_id", "overall_level")
    ):
        levels[city_id] = level  # the last one seen is the city's latest signed-off
    own = assessment.overall_level or 0
    cities.sort(key=lambda c: (not c.friend, abs(levels.get(c.pk, 99) - own), c.name))
    return cities


def _text(label, limit: int, rows: int) -> forms.CharField:
    """An optional text a reviewer or the city writes, within `limit` characters."""
    return forms.CharField(
        label=label, required=False, max_length=limit, widget=forms.Textarea(attrs={"rows": rows})
    )


class RequestForm(ReadableLimits, forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewing city"), queryset=City.objects.none())
    scope = forms.MultipleChoiceField(
        label=_("Subdimensions to review (none ticked: all)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    message = _text(_("Message to the reviewers"), 2000, rows=3)
    include_private = forms.BooleanField(
        label=_("Reviewers see evidence files and people's names"), required=False
    )

    def __init__(self, *args, assessment, structure, **kwargs):
        super().__init__(*args, **kwargs)
        cities = suggested_reviewers(assessment)
        field = self.fields["reviewer"]
        field.queryset = City.objects.exclude(pk=assessment.city_id)
        friend = _("critical friend")
        field.choices = [("", "---------")] + [
            (c.pk, f"{c.name} ({friend})" if c.friend else c.name) for c in cities
        ]
        self.fields["scope"].choices = [
            (s.code, f"{s.code} {s.title}") for s in structure.subdimensions
        ]

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("Choose a due date that has not passed."))
        return due


class FindingForm(ReadableLimits, forms.Form):
    verdict = forms.ChoiceField(
        label=_("Finding"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    suggested_status = forms.ChoiceField(
        label=_("Status you would give (for a question or disagreement)"),
        choices=[("", "---------"), *ActionStatus.choices],
        required=False,
    )
    comment = _text(_("Comment"), 4000, rows=3)
    evidence_seen = _text(_("Evidence you looked at"), 2000, rows=2)

    def clean(self):
        data = super().clean()
        if data.get("verdict") == Verdict.AGREE:
            data["suggested_status"] = ""
        elif data.get("verdict") == Verdict.DISAGREE and not data.get("suggested_status"):
            self.add_error("suggested_status", _("Say which status you would give."))
        return data


class NoteForm(ReadableLimits, forms.Form):
    strengths = _text(_("Strengths"), 4000, rows=3)
    recommendations = _text(_("Recommendations"), 4000, rows=3)


class AnswerForm(ReadableLimits, forms.Form):
    kind = forms.ChoiceField(
        label=_("Your answer"), choices=AnswerKind.choices, widget=forms.RadioSelect
    )
    reply = forms.CharField(
        label=_("Reply"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, finding, **kwargs):
        super().__init__(*args, **kwargs)
        self.finding = finding

    def clean(self):
        data = super().clean()
        if data.get("kind") == AnswerKind.EXPLAINED and not data.get("reply", "").strip():
            self.add_error("reply", _("Explain your view in a reply."))
        if data.get("kind") == AnswerKind.ACCEPTED and not self.finding.suggested_status:
            data["kind"] = AnswerKind.ACCEPTED  # nothing to apply: accepted as advice
        return data
