from django.urls import path

from . import target_views, views

app_name = "dashboards"
urlpatterns = [
    path("partners/<slug:partner>/", views.dashboard, name="dashboard"),
    path("partners/<slug:partner>/dashboard.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path("partners/<slug:partner>/cities/", views.heatmap, name="heatmap"),
    path(
        "partners/<slug:partner>/cities.<download_format:fmt>",
        views.heatmap_export,
        name="heatmap_export",
    ),
    path("cities/<slug:slug>/peers/", views.peers, name="peers"),
    path("partners/<slug:partner>/targets/", target_views.targets, name="targets"),
    path(
        "partners/<slug:partner>/targets/<id:pk>/withdraw/",
        target_views.target_delete,
        name="target_delete",
    ),
    path(
        "partners/<slug:partner>/targets/<id:pk>/change/",
        target_views.target_change,
        name="target_change",
    ),
]
