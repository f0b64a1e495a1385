from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Peer reviews")

    def ready(self) -> None:
        # Review events go to the one audit log as changes of a "review", "finding" or
        # "answer" field: these name the field and its stored values in the history.
        from audit.models import FIELD_LABELS, VALUE_LABELS

        from .models import AnswerKind, ReviewState, Verdict

        FIELD_LABELS["review"] = _("Peer review")
        FIELD_LABELS["finding"] = _("Peer-review finding")
        FIELD_LABELS["answer"] = _("Answer to a finding")
        VALUE_LABELS["review"] = ReviewState
        VALUE_LABELS["finding"] = Verdict
        VALUE_LABELS["answer"] = AnswerKind
        self._connect_freshness()

    def _connect_freshness(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from accounts.models import City

        from . import freshness
        from .models import Answer, CriticalFriend, Finding, Review, SubdimensionNote

        receivers = {
            Review: freshness.review_changed,
            Finding: freshness.part_of_review_changed,
            SubdimensionNote: freshness.part_of_review_changed,
            Answer: freshness.part_of_review_changed,
            CriticalFriend: freshness.offer_changed,
        }
        for model, receiver in receivers.items():
            uid = f"reviews-fresh-{model.__name__}"
            post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-del")
        post_save.connect(freshness.city_saved, sender=City, dispatch_uid="reviews-fresh-city")
