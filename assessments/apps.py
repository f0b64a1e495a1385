from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from audit.models import VALUE_LABELS

        from . import signals  # noqa: F401 - connects the receivers
        from .models import ActionStatus

        VALUE_LABELS["status"] = ActionStatus
