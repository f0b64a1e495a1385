from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperiencesConfig(AppConfig):
    name = "experiences"
    verbose_name = _("Experiences")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit.models import FIELD_LABELS

        FIELD_LABELS["experience"] = _("Experience")
        FIELD_LABELS["report"] = _("Report")
