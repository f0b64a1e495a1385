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
