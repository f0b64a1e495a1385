from django.urls import path

from . import settings_views, views

app_name = "profiles"
P = "profiles/<slug:city>/"
urlpatterns = [
    path("profiles/", views.directory, name="directory"),
    path(P, views.profile, name="profile"),
    path(P + "badge.svg", views.profile_badge, name="badge"),
    path(P + "preview.png", views.profile_preview, name="preview"),
    path(P + "report/", settings_views.report_profile, name="report"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
    path("cities/<slug:slug>/public-profile/", settings_views.edit_profile, name="edit"),
]
