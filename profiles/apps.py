from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Public city profiles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit.models import FIELD_LABELS

        FIELD_LABELS["public_profile"] = _("Public profile")
