"""The SMR assessment's place in the self-assessment lifecycle (lifecycle.services): what
else moves when one is signed off or reopened."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lifecycle.services import Lifecycle, Locked

from .models import Assessment, Share, SubdimensionResult


class AssessmentLocked(Locked):
    """The assessment is submitted: nothing in it may change until an editor reopens it."""

    read_only = _("This assessment is submitted and read-only. An editor can reopen it.")
    already_draft = _("This assessment is already a draft.")
    share_draft = _("Only a submitted assessment can be shared.")
    draft_open = _(
        "The draft “%(title)s” is open: continue it, or sign it off before starting or "
        "reopening another assessment."
    )


def assessment_changed(assessment: Assessment) -> None:
    """Move the assessment's version (page_cache keys its matrix and headline by it); the
    caller's transaction holds the change itself."""
    Assessment.objects.filter(pk=assessment.pk).update(version=F("version") + 1)
    assessment.version += 1


def record_results(assessment: Assessment, structure=None) -> None:
    """Store the signed-off stage of each subdimension for the dashboards."""
    from maturity.structure import load_structure

    from .results import scoring_inputs

    structure = structure or load_structure(assessment.model_version)
    SubdimensionResult.objects.filter(assessment=assessment).delete()
    results, overall = results_for(assessment, structure, *scoring_inputs(assessment))
    SubdimensionResult.objects.bulk_create(results)
    Assessment.objects.filter(pk=assessment.pk).update(overall_level=overall)
    assessment.overall_level = overall


def results_for(assessment: Assessment, structure, met: set[str], na: set[str] = frozenset()):
    """The SubdimensionResult rows and overall level of an assessment whose `met` codes are
    done or, for those in `na`, not applicable (stored apart: they are met, not done)."""
    card = structure.score(met, na)
    done = set(met) - set(na)
    rows = [
        SubdimensionResult(
            assessment=assessment,
            code=code,
            level=r.level,
            done=r.done,
            total=r.total,
            done_mask=structure.done_mask(code, done),
            na_mask=structure.done_mask(code, na),
        )
        for code, r in card.subdimensions.items()
    ]
    return rows, card.overall.level


class AssessmentLifecycle(Lifecycle):
    """The SMR assessment's lifecycle: its stages are stored at sign-off for the dashboards,
    and every step moves its page version."""

    def changed(self, obj: Assessment) -> None:
        assessment_changed(obj)

    def signed_off(self, obj: Assessment) -> None:
        record_results(obj)

    def reopened(self, obj: Assessment) -> None:
        # Partners and dashboards count only signed-off stages.
        obj.subdimension_results.all().delete()
        Assessment.objects.filter(pk=obj.pk).update(overall_level=None)
        obj.overall_level = None


LIFECYCLE = AssessmentLifecycle(
    Assessment,
    Share,
    "assessment",
    AssessmentLocked,
    page=lambda a: reverse("assessments:matrix", args=[a.city.slug, a.pk]),
)
