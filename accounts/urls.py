from django.urls import path

from . import converters, views  # noqa: F401  (converters registers the path converters)

app_name = "accounts"
C = "cities/<slug:slug>/"
urlpatterns = [
    path(C + "members/", views.members, name="members"),
    path(C + "members/<id:pk>/role/", views.change_role, name="change_role"),
    path(C + "members/<id:pk>/remove/", views.remove_member, name="remove_member"),
    path(C + "invitations/<id:pk>/revoke/", views.revoke_invitation, name="revoke_invitation"),
    path(
        "invitations/<invitation_token:token>/", views.accept_invitation, name="accept_invitation"
    ),
]
