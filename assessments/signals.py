"""Keep Share.latest right when shares disappear through a cascade (e.g. an admin deletes
an assessment); the services keep it right for every change they make themselves."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Share


@receiver(post_delete, sender=Share)
def share_deleted(sender, instance: Share, **kwargs) -> None:
    from .services import refresh_latest_share

    if instance.latest:
        city_id = (
            type(instance.assessment)
            .objects.filter(pk=instance.assessment_id)
            .values_list("city_id", flat=True)
            .first()
        )
        if city_id is not None:
            refresh_latest_share(city_id, instance.partner_id)
