"""Keep Share.latest right when shares disappear through a cascade (e.g. an admin deletes
an assessment); the lifecycle's steps keep it right for every change they make themselves."""

from django.db.models.signals import post_delete

from .lifecycle import LIFECYCLE
from .models import Share

post_delete.connect(LIFECYCLE.share_deleted, sender=Share, dispatch_uid="assessment-share-deleted")
