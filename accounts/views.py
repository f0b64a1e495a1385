"""A city's members and invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .access import get_city
from .forms import AcceptInvitationForm, InvitationForm, RoleForm
from .models import Invitation, Membership


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_city(request.user, slug)
    city = access.city
    form = InvitationForm()
    if request.method == "POST":
        access = get_city(request.user, slug, write=True)
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                services.invite(
                    city,
                    form.cleaned_data["email"],
                    form.cleaned_data["role"],
                    request.user,
                    request.build_absolute_uri("/")[:-1],
                    language=form.cleaned_data["language"],
                )
            except services.MembershipError as exc:
                form.add_error("email", str(exc))
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
                return redirect("accounts:members", slug=slug)
    return render(
        request,
        "accounts/members.html",
        {
            "access": access,
            "city": city,
            "memberships": city.memberships.select_related("user"),
            "invitations": city.invitations.select_related("invited_by")[:50],
            "changes": city.audit_entries.memberships().select_related("user")[:50],
            "form": form,
            "role_form": RoleForm(),
        },
        status=400 if form.errors else 200,
    )


def _membership(request: HttpRequest, slug: str, pk: int) -> Membership:
    """A membership of the city the user edits: another city's, even under this city's URL,
    is not found."""
    access = get_city(request.user, slug, write=True)
    return get_object_or_404(access.city.memberships, pk=pk)


def _attempt(request: HttpRequest, change, success: str) -> None:
    """Run a membership change and tell the user whether it was refused or done."""
    try:
        change()
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)


@login_required
@require_POST
def change_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        role = form.cleaned_data["role"]
        _attempt(
            request,
            lambda: services.change_role(membership, role, request.user),
            _("Role updated."),
        )
    return redirect("accounts:members", slug=slug)


@login_required
@require_POST
def remove_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    removed = _("%(user)s was removed.") % {"user": membership.user}
    _attempt(request, lambda: services.remove_member(membership, request.user), removed)
    if membership.user_id == request.user.pk and not membership.pk:
        return redirect("home")  # they removed themselves: the city is no longer theirs
    return redirect("accounts:members", slug=slug)


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_city(request.user, slug, write=True)
    invitation = get_object_or_404(access.city.invitations, pk=pk)
    _attempt(
        request,
        lambda: services.revoke_invitation(invitation, request.user),
        _("Invitation revoked."),
    )
    return redirect("accounts:members", slug=slug)


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("city"), token=token)
    if invitation.state != "pending":
        return render(
            request, "accounts/invitation_unusable.html", {"invitation": invitation}, status=410
        )
    user = request.user if request.user.is_authenticated else None
    if user is not None and user.email != invitation.email:
        messages.error(request, _("This invitation was sent to another email address."))
        return render(
            request, "accounts/invitation_unusable.html", {"invitation": invitation}, status=403
        )
    from .models import User

    existing = User.objects.filter(email=invitation.email).exists()
    form = None if (user or existing) else AcceptInvitationForm(email=invitation.email)
    if request.method == "POST":
        if user is None and existing:
            messages.info(request, _("Sign in first, then open the invitation link again."))
            return redirect(f"{redirect('login').url}?next={request.path}")
        if form is not None:
            form = AcceptInvitationForm(request.POST, email=invitation.email)
            if not form.is_valid():
                return render(
                    request,
                    "accounts/accept_invitation.html",
                    {"invitation": invitation, "form": form, "existing": existing},
                    status=400,
                )
        try:
            membership = services.accept_invitation(
                invitation,
                user=user,
                password=form.cleaned_data["password1"] if form else "",
                full_name=form.cleaned_data["full_name"] if form else "",
            )
        except services.MembershipError as exc:
            messages.error(request, str(exc))
            return redirect("home")
        if user is None:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(city)s.") % {"city": invitation.city.name})
        return redirect("assessments:city", slug=invitation.city.slug)
    return render(
        request,
        "accounts/accept_invitation.html",
        {"invitation": invitation, "form": form, "existing": existing},
    )
