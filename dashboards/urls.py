from django.urls import path

from . import target_views, views

app_name = "dashboards"
P = "partners/<slug:partner>/"
urlpatterns = [
    path(P, views.dashboard, name="dashboard"),
    path(P + "dashboard.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path(P + "cities/", views.heatmap, name="heatmap"),
    path(P + "cities.<download_format:fmt>", views.heatmap_export, name="heatmap_export"),
    path("cities/<slug:slug>/peers/", views.peers, name="peers"),
    path(P + "targets/", target_views.targets, name="targets"),
    path(P + "targets/<id:pk>/withdraw/", target_views.target_delete, name="target_delete"),
    path(P + "targets/<id:pk>/change/", target_views.target_change, name="target_change"),
]
