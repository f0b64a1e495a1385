from django.urls import path

from accounts.routes import under_assessment

from . import views

app_name = "reports"
urlpatterns = [
    under_assessment(
        path("report.pdf", views.report_pdf, name="pdf"),
        path("assessment.xlsx", views.assessment_xlsx, name="xlsx"),
        path("assessment.csv", views.assessment_csv, name="csv"),
        path("work-plan.<download_format:fmt>", views.workplan, name="workplan"),
    ),
    path("models/<slug:version>/worksheet.pdf", views.worksheet_pdf, name="worksheet"),
]
