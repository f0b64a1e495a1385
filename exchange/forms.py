"""The import upload: the form hands the view a checked exchange file."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Exchange file (.json or .zip)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.EXCHANGE_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.")
                % {"limit": f"{settings.EXCHANGE_MAX_UPLOAD_BYTES / 1_000_000:g}"}
            )
        # Read and checked as a job (tasks.py), within read_exchange's bounds.
        return upload.read()


class ConfirmForm(forms.Form):
    ticket = forms.CharField(widget=forms.HiddenInput)
    as_history = forms.BooleanField(required=False)
