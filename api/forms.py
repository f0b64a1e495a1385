from django import forms
from django.utils.translation import gettext_lazy as _


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “open data”.")
    )
    can_write = forms.BooleanField(
        label=_("May change records (read-write)"),
        required=False,
        help_text=_("Leave unticked for a read-only token. Writing also needs the editor role."),
    )


class RevokeTokenForm(forms.Form):
    revoke = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revoke"].queryset = user.api_tokens.active()
