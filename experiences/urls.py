from django.urls import path

from accounts.routes import under_assessment

from . import partner_views, views

app_name = "experiences"
E = "experiences/<id:experience>/"
C = "cities/<slug:slug>/experiences/"
urlpatterns = [
    path("experiences/", views.search_view, name="search"),
    path(E, views.detail, name="detail"),
    path(E + "files/<id:experience_file>/", views.download, name="file"),
    path(E + "report/", views.report, name="report"),
    path("partners/<slug:partner>/experiences/", partner_views.partner_experiences, name="partner"),
    path(C, views.city_list, name="city"),
    under_assessment(path("actions/<action_code:code>/experience/", views.create, name="new")),
    path(C + "<id:experience>/edit/", views.edit, name="edit"),
    path(C + "<id:experience>/delete/", views.delete, name="delete"),
]
