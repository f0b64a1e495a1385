from django.urls import path

from accounts import converters  # noqa: F401  (registers the path converters used below)

from . import views

app_name = "scorecard"
S = "cities/<slug:slug>/scorecard/<id:scorecard>/"
urlpatterns = [
    path("scorecard/questions/<str:ref>/", views.question, name="question"),
    path("cities/<slug:slug>/scorecard/", views.scorecard_list, name="list"),
    path("cities/<slug:slug>/scorecard/new/", views.scorecard_new, name="new"),
    path("cities/<slug:slug>/scorecard/import/", views.import_workbook, name="import"),
    path(
        "cities/<slug:slug>/scorecard/import/<uuid:workbook_job>/",
        views.import_preview,
        name="import_preview",
    ),
    path(S, views.scorecard_detail, name="detail"),
    path(S + "answers/<str:ref>/", views.answer, name="answer"),
    path(S + "submit/", views.submit, name="submit"),
    path(S + "reopen/", views.reopen, name="reopen"),
    path(S + "sharing/", views.sharing, name="sharing"),
    path(S + "workbook.xlsm", views.export, name="export"),
]
