from django.urls import include, path

from accounts.routes import under_assessment
from jobs.urls import upload_paths

from . import views

app_name = "exchange"
urlpatterns = [
    path("exchange/schema/assessment-1.0.json", views.schema_file, name="schema"),
    path(
        "cities/<slug:slug>/assessments/",
        include(upload_paths(views.import_file, views.import_preview, "upload_job")),
    ),
    under_assessment(
        path("export.json", views.export_json, name="export_json"),
        path("export.zip", views.export_zip, name="export_zip"),
    ),
]
