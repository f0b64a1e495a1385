"""The catalogue's filter, read from the query string by a form rather than by hand."""

from django import forms

from .models import PolicyKind


class PolicyFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=PolicyKind.choices, required=False)

    def chosen_kind(self) -> str:
        """The kind asked for; "" (every kind) when none or an unknown one was asked for."""
        return self.cleaned_data["kind"] if self.is_valid() else ""
