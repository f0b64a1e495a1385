from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path

from accounts.forms import EmailAuthenticationForm, LocalisedPasswordResetForm
from accounts.language import choose_language

from . import start, views

admin.site.site_header = "Resilience Maturity administration"
admin.site.site_title = "Resilience Maturity administration"
admin.site.index_title = "Curate the maturity model, the policies and who may see what"


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico whatever the page says: send them to the app's icon."""
    return HttpResponseRedirect(static("favicon.svg"))


urlpatterns = [
    path("", start.home, name="home"),
    # Unnamed on purpose: a public static asset, not a view the access walk should visit.
    path("favicon.ico", favicon),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("language/", choose_language, name="choose_language"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=LocalisedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("accounts.urls")),
    path("", include("assessments.urls")),
    path("", include("policies.urls")),
    path("", include("scorecard.urls")),
    path("", include("maturity.urls")),
    path("", include("reports.urls")),
    path("", include("dashboards.urls")),
    path("", include("exchange.urls")),
    path("", include("indicators.urls")),
    path("", include("reviews.urls")),
    path("", include("profiles.urls")),
    path("", include("experiences.urls")),
    path("", include("jobs.urls")),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "resilience_site.views.bad_request"
handler403 = "resilience_site.views.permission_denied"
handler404 = "resilience_site.views.page_not_found"
handler500 = "resilience_site.views.server_error"
