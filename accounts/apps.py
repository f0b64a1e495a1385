from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    default = True  # the app's own config; the one below is django-axes' (in settings)
    verbose_name = _("Accounts, cities and partners")

    def ready(self) -> None:
        from audit.models import VALUE_LABELS

        from .models import Role

        VALUE_LABELS["role"] = Role


class SignInLockoutsConfig(AxesAppConfig):
    """django-axes, named for what an admin finds in it: the section read "Axes"."""

    default = False
    verbose_name = _("Sign-in lock-outs")
