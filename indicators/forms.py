from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Partner
from lifecycle.forms import ReadableLimits

from .models import FIRST_YEAR, LAST_YEAR
from .services import Measured


class ValueForm(ReadableLimits, forms.Form):
    """A city's value of one indicator for one year: a number or a level, or both."""

    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    number = forms.DecimalField(label=_("Number"), required=False, max_digits=16, decimal_places=4)
    level = forms.CharField(
        label=_("Level"),
        required=False,
        max_length=100,
        help_text=_("A word or a rating, where the indicator is not a count (e.g. “high”)."),
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=50)
    source = forms.CharField(label=_("Source"), required=False, max_length=300)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("number") is None and not data.get("level", "").strip():
            raise forms.ValidationError(_("Enter a number or a level."), code="empty")
        return data

    def measured(self) -> Measured:
        data = self.cleaned_data
        return Measured(
            year=data["year"],
            number=data["number"],
            **{name: data[name].strip() for name in ("level", "unit", "source", "note")},
        )


class ConsentForm(forms.Form):
    """Include (or stop including) the city's indicator values in what one partner sees."""

    partner = forms.ModelChoiceField(queryset=Partner.objects.none())
    include = forms.BooleanField(required=False)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
