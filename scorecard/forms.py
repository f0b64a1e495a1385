"""Forms that hand the services typed values."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lifecycle.forms import ReadableLimits

from .workbook import TEXT_LIMIT

UNANSWERED = ""
MAX_UPLOAD = 20 * 1024 * 1024
# Styled as every other field (stacked and full width on a phone).
FIELD_CLASS = "form-control form-control-sm"


class AnswerForm(ReadableLimits, forms.Form):
    """One answer's values, as the page and the API validate them."""

    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[(UNANSWERED, _("Not answered"))],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    verification = forms.CharField(
        label=_("Means of verification"), required=False, max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2, "class": FIELD_CLASS}),
    )  # fmt: skip
    actions = forms.CharField(
        label=_("Actions to achieve maximum resilience"), required=False, max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2, "class": FIELD_CLASS}),
    )  # fmt: skip
    institution = forms.CharField(
        label=_("Responsible institution"), required=False, max_length=TEXT_LIMIT,
        widget=forms.TextInput(attrs={"class": FIELD_CLASS}),
    )  # fmt: skip
    timescale = forms.CharField(
        label=_("Timescale"), required=False, max_length=TEXT_LIMIT,
        widget=forms.TextInput(attrs={"class": FIELD_CLASS}),
    )  # fmt: skip

    def __init__(self, *args, instance_answer=None, **kwargs):
        if instance_answer is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                "score": UNANSWERED if instance_answer.score is None else instance_answer.score,
                "verification": instance_answer.verification,
                "actions": instance_answer.actions,
                "institution": instance_answer.institution,
                "timescale": instance_answer.timescale,
            }
        super().__init__(*args, **kwargs)
        question = instance_answer.question if instance_answer is not None else None
        choices = [(UNANSWERED, _("Not answered"))]
        for score in (3, 2, 1, 0):
            label = getattr(question, f"descriptor_{score}", "") if question else ""
            choices.append((score, label or str(score)))
        self.fields["score"].choices = choices
        prefix = question.ref.replace(".", "-") if question else "q"
        self.auto_id = f"id_{prefix}_%s"


class PageAnswerForm(AnswerForm):
    """The answer form on the Scorecard page: `revision`, the one the page was read at, guards
    against overwriting a colleague's save. (The API takes the revision in its own body.)"""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, instance_answer=None, **kwargs):
        super().__init__(*args, instance_answer=instance_answer, **kwargs)
        if instance_answer is not None and not self.is_bound:
            self.initial.setdefault("revision", instance_answer.revision)


class ImportForm(forms.Form):
    workbook = forms.FileField(label=_("Filled Scorecard workbook (.xlsm or .xlsx)"))
    replace = forms.BooleanField(label=_("Blanks in the file clear saved answers"), required=False)

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        # Read as a job (tasks.py), within read_answers' bounds, where a worker may be.
        return upload


# The Scorecard's private parts, named on its sharing form.
PRIVATE_LABEL = _("Include people's names (history and the workbook's team)")
