from django.urls import path

from . import converters, views  # noqa: F401  (converters registers the path converters)

app_name = "accounts"
urlpatterns = [
    path("cities/<slug:slug>/members/", views.members, name="members"),
    path("cities/<slug:slug>/members/<id:pk>/role/", views.change_role, name="change_role"),
    path("cities/<slug:slug>/members/<id:pk>/remove/", views.remove_member, name="remove_member"),
    path(
        "cities/<slug:slug>/invitations/<id:pk>/revoke/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path(
        "invitations/<invitation_token:token>/", views.accept_invitation, name="accept_invitation"
    ),
]
