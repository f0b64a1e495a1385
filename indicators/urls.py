from django.urls import include, path

from . import views

app_name = "indicators"
# The whole app lives under a city's indicators page.
urlpatterns = [
    path(
        "cities/<slug:slug>/indicators/",
        include(
            [
                path("", views.overview, name="overview"),
                path("consent/", views.consent, name="consent"),
                path("<slug:version>/<slug:sub>/", views.subdimension, name="subdimension"),
                path("<slug:version>/values/<slug:indicator>/", views.record, name="record"),
            ]
        ),
    ),
]
