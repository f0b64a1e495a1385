"""The forms every self-assessment instrument shares: reopening and sharing, and the
readable length limits of every form."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Partner

from .services import REASON_LENGTH


def too_long(limit: int, length: int, what=None) -> forms.ValidationError:
    """The error of a text over its limit, numbers as people read them (5,000 not 5000)."""
    return forms.ValidationError(
        _("Keep %(what)s within %(limit)s characters (it has %(length)s)."),
        code="max_length",
        params={
            "what": what or _("this"),
            "limit": number_format(limit, force_grouping=True),
            "length": number_format(length, force_grouping=True),
        },
    )


class WithinLimit(MaxLengthValidator):
    """Django's max_length check, with the message of `too_long`."""

    def __call__(self, value) -> None:
        if len(value) > self.limit_value:
            raise too_long(self.limit_value, len(value))


class ReadableLimits:
    """Every field's max_length reports its error through WithinLimit, and only there.

    The browser's `maxlength` is left off: it cuts a pasted text silently (a 100 kB note was
    saved as its first 5,000 characters and nobody was told). The whole text reaches the
    form, which refuses it with the limit and the text's length, and the page keeps it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators = [
                WithinLimit(v.limit_value) if type(v) is MaxLengthValidator else v
                for v in field.validators
            ]
            field.widget.attrs.pop("maxlength", None)


class ReopenForm(ReadableLimits, forms.Form):
    reason = forms.CharField(label=_("Why reopen?"), max_length=REASON_LENGTH)


class ShareForm(forms.Form):
    """One form on a sharing page: share with (or change what is shared), or withdraw from,
    one campaign partner."""

    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all())
    action = forms.ChoiceField(
        choices=[("share", _("Share")), ("withdraw", _("Withdraw"))], initial="share"
    )
    include_private = forms.BooleanField(
        required=False, label=_("Include evidence files and names")
    )

    def __init__(self, *args, private_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if private_label:  # the instrument's private parts, in its words
            self.fields["include_private"].label = private_label
