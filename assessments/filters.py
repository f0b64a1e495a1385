"""The matrix page's filters, parsed by a form: a bad value is a 400 that says which."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActionStatus


class MatrixFilterForm(forms.Form):
    stage = forms.RegexField(label=_("Stage"), regex=r"^[A-Z]$", required=False)
    dimension = forms.RegexField(label=_("Dimension"), regex=r"^[A-Z]{1,2}$", required=False)
    stakeholder = forms.SlugField(label=_("Stakeholder group"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "")] + ActionStatus.choices, required=False
    )

    def filters(self) -> dict[str, str | None]:
        """The valid filters, None where not given or refused."""
        data = (
            self.cleaned_data
            if self.is_valid()
            else {
                k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors
            }
        )
        return {name: data.get(name) or None for name in self.fields}
