from django.urls import path

from . import views

app_name = "policies"
urlpatterns = [
    path("policies/", views.policy_list, name="list"),
    path("scorecard/questions/", views.scorecard_questions, name="scorecard_questions"),
    path("policies/<slug:policy>/", views.policy_detail, name="detail"),
]
