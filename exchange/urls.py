from django.urls import path

from accounts import converters  # noqa: F401  (registers the path converters used below)

from . import views

app_name = "exchange"
A = "cities/<slug:slug>/assessments/<id:pk>/"
urlpatterns = [
    path("exchange/schema/assessment-1.0.json", views.schema_file, name="schema"),
    path("cities/<slug:slug>/assessments/import/", views.import_file, name="import"),
    path(
        "cities/<slug:slug>/assessments/import/<uuid:upload_job>/",
        views.import_preview,
        name="import_preview",
    ),
    path(A + "export.json", views.export_json, name="export_json"),
    path(A + "export.zip", views.export_zip, name="export_zip"),
]
