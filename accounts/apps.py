from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts, cities and partners")

    def ready(self) -> None:
        from audit.models import VALUE_LABELS

        from .models import Role

        VALUE_LABELS["role"] = Role
