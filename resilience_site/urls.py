from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import EmailAuthenticationForm

from . import start, views

urlpatterns = [
    path("", start.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("accounts.urls")),
    path("", include("assessments.urls")),
    path("", include("policies.urls")),
    path("", include("maturity.urls")),
    path("", include("reports.urls")),
    path("", include("dashboards.urls")),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "resilience_site.views.bad_request"
handler403 = "resilience_site.views.permission_denied"
handler404 = "resilience_site.views.page_not_found"
handler500 = "resilience_site.views.server_error"
