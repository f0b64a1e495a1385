from django.urls import path

from . import settings_views, views

app_name = "profiles"
urlpatterns = [
    path("profiles/", views.directory, name="directory"),
    path("profiles/<slug:city>/", views.profile, name="profile"),
    path("profiles/<slug:city>/badge.svg", views.profile_badge, name="badge"),
    path("profiles/<slug:city>/preview.png", views.profile_preview, name="preview"),
    path("profiles/<slug:city>/report/", settings_views.report_profile, name="report"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
    path("cities/<slug:slug>/public-profile/", settings_views.edit_profile, name="edit"),
]
