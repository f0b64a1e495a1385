from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("jobs/<uuid:job>/", views.job_page, name="job"),
    path("jobs/<uuid:job>/file", views.job_file, name="file"),
]
