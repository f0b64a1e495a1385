from django.urls import path

from . import views

app_name = "maturity"
urlpatterns = [
    path("how-stages-work/", views.how_stages_work, name="how_stages_work"),
    path("about/", views.about, name="about"),
    path("model-versions/", views.versions, name="versions"),
]
