"""The account page where people create and revoke their personal API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import NewTokenForm, RevokeTokenForm
from ..models import ApiToken


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """GET lists the tokens; POST creates one (its key is shown on this answer only) or, with
    `revoke`, revokes one of the user's own."""
    form = NewTokenForm()
    new_key = None
    status = 200
    if request.method == "POST":
        if "revoke" in request.POST:
            revoke = RevokeTokenForm(request.POST, user=request.user)
            if revoke.is_valid():
                revoke.cleaned_data["revoke"].revoke()
                messages.success(request, _("The token was revoked."))
                return redirect("api_tokens")
            status = 404  # not one of the user's active tokens
        else:
            form = NewTokenForm(request.POST)
            if form.is_valid():
                _token, new_key = ApiToken.issue(
                    request.user,
                    form.cleaned_data["name"],
                    can_write=form.cleaned_data["can_write"],
                )
                form = NewTokenForm()
            else:
                status = 400
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "new_key": new_key, "tokens": request.user.api_tokens.all()},
        status=status,
    )
    if new_key:
        response["Cache-Control"] = "no-store"  # the key is shown once and never cached
    return response
