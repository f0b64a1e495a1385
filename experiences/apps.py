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
        self._connect_freshness()

    def _connect_freshness(self) -> None:
        """What moves the version of "How other cities did this" (freshness.py), whoever
        makes the change: the services, the admin or a cascade."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from accounts.models import City, Membership, Partner
        from assessments.models import Share

        from .freshness import experiences_changed
        from .models import Experience

        for model in (Experience, Membership, Share, City):
            uid = f"experiences-{model.__name__}"
            post_save.connect(experiences_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(experiences_changed, sender=model, dispatch_uid=f"{uid}-del")
        m2m_changed.connect(
            experiences_changed, sender=Partner.members.through, dispatch_uid="experiences-pm"
        )
