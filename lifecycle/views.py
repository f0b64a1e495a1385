"""What the instruments' lifecycle pages share: taking a step with its message, the reopening
form, and the sharing form."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .forms import ReopenForm, ShareForm
from .services import DraftOpen, Lifecycle, Locked


def draft_open_message(exc: DraftOpen) -> str:
    """The refusal, with a link to the open draft."""
    return format_html('{} <a href="{}">{}</a>', str(exc), exc.url, _("Continue the draft"))


def take_step(request: HttpRequest, step: Callable[[], object], done: str) -> None:
    """Run a lifecycle step and say how it went: `done`, or why it was refused."""
    try:
        step()
    except DraftOpen as exc:
        messages.error(request, draft_open_message(exc))
    except Locked as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)


def reopen_with_reason(
    request: HttpRequest,
    lifecycle: Lifecycle,
    obj,
    form_page: Callable[[ReopenForm], HttpResponse],
    done: str,
) -> HttpResponse | None:
    """Reopen with the reason typed; with a bad reason, `form_page` shows the form again with
    what is wrong (the caller's 400). None once done: the caller redirects."""
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return form_page(form)
    reason = form.cleaned_data["reason"]
    take_step(request, lambda: lifecycle.reopen(obj, request.user, reason), done)
    return None


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


def partner_rows(obj) -> list[dict]:
    """Every campaign partner, each with whether the city shared `obj` with it, and with or
    without the private parts: the rows of the sharing page's table."""
    from accounts.models import Partner

    shared = dict(obj.shares.values_list("partner_id", "include_private"))
    return [
        {"partner": p, "shared": p.pk in shared, "private": shared.get(p.pk, False)}
        for p in Partner.objects.all()
    ]
