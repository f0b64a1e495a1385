from django.urls import include, path

from .views.account import tokens

urlpatterns = [
    path("api/", include("api.rest_urls")),
    path("account/api-tokens/", tokens, name="api_tokens"),
]
