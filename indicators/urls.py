from django.urls import path

from . import views

app_name = "indicators"
C = "cities/<slug:slug>/indicators/"
urlpatterns = [
    path(C, views.overview, name="overview"),
    path(C + "consent/", views.consent, name="consent"),
    path(C + "<slug:version>/<slug:code>/", views.subdimension, name="subdimension"),
    path(C + "<slug:version>/values/<slug:code>/", views.record, name="record"),
]
