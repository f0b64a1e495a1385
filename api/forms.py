import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.forms import ReadableLimits, RecordForm


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


def _required(field: forms.Field) -> forms.Field:
    field = copy.deepcopy(field)
    field.required = True
    return field


class EvidenceLinkForm(ReadableLimits, forms.Form):
    """A new evidence link, checked by the action page's own fields."""

    link_url = _required(RecordForm.base_fields["link_url"])
    link_label = RecordForm.base_fields["link_label"]


class EvidenceUploadForm(forms.Form):
    """A new evidence file, checked exactly as on the action page: its `clean_upload` (name,
    type, size, leading bytes) is the one used here, so the two can never disagree."""

    upload = forms.FileField()
    clean_upload = RecordForm.clean_upload
