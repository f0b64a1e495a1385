from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from assessments.forms import checked_upload
from maturity.models import StakeholderGroup

from .models import Experience
from .text import safe_url


class ExperienceForm(forms.ModelForm):
    upload = forms.FileField(label=_("Add a file"), required=False)

    class Meta:
        model = Experience
        fields = [
            "title",
            "context",
            "what_was_done",
            "stakeholders",
            "resources",
            "outcome",
            "lessons",
            "links",
            "language",
            "contact_role",
            "visibility",
        ]
        widgets = {
            "stakeholders": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in ("context", "what_was_done", "resources", "outcome", "lessons")
            },
            "links": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        version = action.subdimension.dimension.version
        self.fields["stakeholders"].queryset = StakeholderGroup.objects.filter(
            stage__version=version
        )

    def clean_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for line in lines:
            if safe_url(line) is None:
                raise forms.ValidationError(
                    _("%(link)s is not a web address (http:// or https://).") % {"link": line[:80]}
                )
        return "\n".join(lines)

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        return checked_upload(upload) if upload else None


class SearchForm(forms.Form):
    """The search's GET parameters; anything else is a 400 with the field's message."""

    q = forms.CharField(required=False, max_length=200, label=_("Words"))
    action = forms.RegexField(
        regex=r"^[A-Za-z][0-9][A-Za-z][0-9]{1,2}$", required=False, label=_("Action code")
    )
    # With `action`: the action of this model version, found in every version through the
    # crosswalk (the links from an action's page and the next steps give it).
    model_version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    subdimension = forms.RegexField(
        regex=r"^[A-Za-z][0-9]$", required=False, label=_("Subdimension")
    )
    stakeholder = forms.SlugField(required=False, label=_("Stakeholder group"))
    country = forms.RegexField(regex=r"^[A-Za-z]{2}$", required=False, label=_("Country"))
    language = forms.ChoiceField(
        required=False, choices=[("", _("Any")), *settings.LANGUAGES], label=_("Written in")
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def clean(self):
        data = super().clean()
        for name in ("action", "subdimension", "country"):
            if data.get(name):
                data[name] = data[name].upper()
        return data


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong"), max_length=1000, widget=forms.Textarea)
