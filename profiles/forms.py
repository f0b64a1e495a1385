from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Network

from .models import PublicProfile
from .services import SETTINGS


class DirectoryFilters(forms.Form):
    """The directory's GET filters: a value that is not one of the choices is a 400."""

    country = forms.RegexField(
        regex=r"^[A-Za-z]{2}$", required=False, label=_("Country"), max_length=2
    )
    stage = forms.TypedChoiceField(
        required=False, label=_("Stage reached"), coerce=int, empty_value=None, choices=()
    )
    network = forms.ModelChoiceField(
        Network.objects.all(), required=False, label=_("Network"), empty_label=_("Any")
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def __init__(self, *args, countries=(), stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].widget = forms.Select(choices=[("", _("Any")), *countries])
        self.fields["stage"].choices = [("", _("Any")), *stages]

    def clean_country(self) -> str:
        return self.cleaned_data["country"].upper()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = PublicProfile
        fields = list(SETTINGS)  # the settings the service logs, change by change
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
