"""The catalogue's filter, read from the query string by a form rather than by hand."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PolicyKind


class PolicyFilterForm(forms.Form):
    """Also the filter's select on the page, drawn by Django, "All kinds" first."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *PolicyKind.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select w-auto mw-100"}),
    )

    def chosen_kind(self) -> str:
        """The kind asked for; "" (every kind) when none or an unknown one was asked for."""
        return self.cleaned_data["kind"] if self.is_valid() else ""
