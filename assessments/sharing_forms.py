from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Partner


class ShareForm(forms.Form):
    """One form on the sharing page: share with (or change what is shared), or withdraw
    from, one campaign partner."""

    partner = forms.ModelChoiceField(queryset=Partner.objects.all())
    action = forms.ChoiceField(
        choices=[("share", _("Share")), ("withdraw", _("Withdraw"))], initial="share"
    )
    include_private = forms.BooleanField(
        required=False, label=_("Include evidence files and names")
    )
