"""Which language a request is answered in, and the switcher that chooses it.

Precedence: a `lang` parameter on the URL (a document downloaded "in Spanish"), then the
language saved on the signed-in user's profile, then the switcher's cookie, then the
browser's Accept-Language (the last two are Django's LocaleMiddleware). URLs carry no
language prefix.
"""

from contextlib import contextmanager

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST


def supported(code: str | None) -> str | None:
    """The code if the app speaks it, else None (no silent fallback to something else)."""
    return code if code and code in dict(settings.LANGUAGES) else None


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = supported(request.GET.get("lang")) or supported(
            getattr(request.user, "language", None) if request.user.is_authenticated else None
        )
        if chosen and chosen != translation.get_language():
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)


def same_site(request: HttpRequest, target: str | None) -> str:
    """`target` if it is a path on this site (or a URL with this site's host), else "/"."""
    if not target:
        return "/"
    on_this_site = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    # A bare word ("foo") is a path relative to /language/, never where the user was.
    if not on_this_site or not (target.startswith("/") or "://" in target):
        return "/"
    return target


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """The header's switcher: remember the choice in a cookie and, for a signed-in user, on
    the profile (so emails and other devices follow), then go back where the user was."""
    code = supported(request.POST.get("language"))
    if code is None:
        return HttpResponseBadRequest(_("This language is not available."))
    target = same_site(request, request.POST.get("next"))
    if request.user.is_authenticated and request.user.language != code:
        request.user.language = code
        request.user.save(update_fields=["language"])
    translation.activate(code)
    # Not `redirect()`, which resolves a value without "/" or "." as a URL pattern's name.
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=request.is_secure(),
    )
    return response


@contextmanager
def language_of(user):
    """Render something for `user` (an email) in their saved language, else the default."""
    with translation.override(supported(getattr(user, "language", "")) or settings.LANGUAGE_CODE):
        yield
