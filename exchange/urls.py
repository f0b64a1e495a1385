from django.urls import path

from accounts.routes import under_assessment

from . import views

app_name = "exchange"
urlpatterns = [
    path("exchange/schema/assessment-1.0.json", views.schema_file, name="schema"),
    path("cities/<slug:slug>/assessments/import/", views.import_file, name="import"),
    path(
        "cities/<slug:slug>/assessments/import/<uuid:upload_job>/",
        views.import_preview,
        name="import_preview",
    ),
    under_assessment(
        path("export.json", views.export_json, name="export_json"),
        path("export.zip", views.export_zip, name="export_zip"),
    ),
]
