from django.urls import path

from . import views

app_name = "policies"
urlpatterns = [
    path("policies/", views.policy_list, name="list"),
    path("policies/<slug:policy>/", views.policy_detail, name="detail"),
]
