from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        # Every app's tasks.py registers its kinds of job (jobs.registry) and its Celery
        # tasks: web processes need the first, workers both.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
