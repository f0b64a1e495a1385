from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Partner dashboards")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from accounts.models import City

        from .freshness import cities_changed
        from .lookups import register

        register()

        post_save.connect(cities_changed, sender=City, dispatch_uid="dashboard-city-saved")
        post_delete.connect(cities_changed, sender=City, dispatch_uid="dashboard-city-deleted")
        m2m_changed.connect(
            cities_changed, sender=City.networks.through, dispatch_uid="dashboard-city-networks"
        )
