from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Partner dashboards")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from accounts.models import City
        from assessments.models import Share
        from scorecard.models import ScorecardShare

        from .freshness import cities_changed, share_changed
        from .lookups import register

        register()

        # What moves a partner's dashboard version (freshness.py), whoever makes the change.
        for model in (Share, ScorecardShare):
            post_save.connect(share_changed, sender=model, dispatch_uid=f"dashboard-{model}-save")
            post_delete.connect(share_changed, sender=model, dispatch_uid=f"dashboard-{model}-del")
        post_save.connect(cities_changed, sender=City, dispatch_uid="dashboard-city-saved")
        m2m_changed.connect(
            cities_changed, sender=City.networks.through, dispatch_uid="dashboard-city-networks"
        )
