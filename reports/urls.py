from django.urls import path

from accounts import converters  # noqa: F401  (registers the path converters used below)

from . import views

app_name = "reports"
A = "cities/<slug:slug>/assessments/<id:pk>/"
urlpatterns = [
    path(A + "report.pdf", views.report_pdf, name="pdf"),
    path(A + "assessment.xlsx", views.assessment_xlsx, name="xlsx"),
    path(A + "assessment.csv", views.assessment_csv, name="csv"),
    path(A + "work-plan.<download_format:fmt>", views.workplan, name="workplan"),
    path("models/<slug:version>/worksheet.pdf", views.worksheet_pdf, name="worksheet"),
]
