"""What the instruments' sharing pages share: applying the sharing form, with its message."""

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .forms import ShareForm
from .services import Lifecycle


def apply_sharing(
    request: HttpRequest, lifecycle: Lifecycle, obj, form: ShareForm, shared_messages: tuple
) -> bool:
    """Share with or withdraw from the form's partner, and say so. `shared_messages` are the
    instrument's words for "shared, with the private parts" and "without". False when the form
    is invalid (the caller answers 400)."""
    if not form.is_valid():
        messages.error(request, _("Choose a campaign partner to share with or withdraw from."))
        return False
    partner = form.cleaned_data["partner"]
    try:
        if form.cleaned_data["action"] == "withdraw":
            lifecycle.unshare(obj, partner, request.user)
            messages.success(request, _("No longer shared with %(p)s.") % {"p": partner})
        else:
            private = form.cleaned_data["include_private"]
            lifecycle.share(obj, partner, request.user, include_private=private)
            with_private, without = shared_messages
            messages.success(request, (with_private if private else without) % {"p": partner})
    except lifecycle.locked as exc:
        messages.error(request, str(exc))
    return True
