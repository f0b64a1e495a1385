from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "scorecard"
    verbose_name = "UN Disaster Resilience Scorecard"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from .models import ScorecardShare
        from .services import LIFECYCLE

        # Keep ScorecardShare.latest right when shares go through a cascade.
        post_delete.connect(
            LIFECYCLE.share_deleted, sender=ScorecardShare, dispatch_uid="scorecard-share-deleted"
        )
