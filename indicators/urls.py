from django.urls import path

from . import views

app_name = "indicators"
C = "cities/<slug:slug>/indicators/"
urlpatterns = [
    path(C, views.overview, name="overview"),
    path(C + "consent/", views.consent, name="consent"),
    path(C + "<slug:version>/<slug:sub>/", views.subdimension, name="subdimension"),
    path(C + "<slug:version>/values/<slug:indicator>/", views.record, name="record"),
]
