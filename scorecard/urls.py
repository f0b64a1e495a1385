from django.urls import include, path

from accounts import converters  # noqa: F401  (registers the path converters used below)
from jobs.urls import upload_paths
from lifecycle.urls import instrument_paths

from . import views

app_name = "scorecard"
S = "cities/<slug:slug>/scorecard/<id:scorecard>/"
urlpatterns = [
    path("scorecard/questions/<str:ref>/", views.question, name="question"),
    path("cities/<slug:slug>/scorecard/", views.scorecard_list, name="list"),
    path("cities/<slug:slug>/scorecard/new/", views.scorecard_new, name="new"),
    path(
        "cities/<slug:slug>/scorecard/",
        include(upload_paths(views.import_workbook, views.import_preview, "workbook_job")),
    ),
    path(S, views.scorecard_detail, name="detail"),
    path(S + "answers/<str:ref>/", views.answer, name="answer"),
    path(S, include(instrument_paths(views))),
    path(S + "workbook.xlsm", views.export, name="export"),
]
