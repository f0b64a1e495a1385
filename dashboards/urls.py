from django.urls import path

from . import views

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
]
