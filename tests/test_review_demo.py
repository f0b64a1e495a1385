"""The demo tells SMR's story: Bristol's returned review of Glasgow's latest signed-off
assessment with findings and Glasgow's answers; Rome's review of Kristiansand in progress."""

from django.core.management import call_command

from audit.models import AuditEntry
from reviews.models import Review


def test_the_demo_has_bristols_returned_review_and_romes_in_progress(smr):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent
    bristol = Review.objects.get(reviewer__slug="bristol")
    glasgow_standing = bristol.assessment.city.assessments.standing()
    assert (bristol.assessment.city.slug, bristol.assessment_id) == ("glasgow", glasgow_standing.pk)
    assert bristol.state == "returned"
    verdicts = sorted(bristol.findings.values_list("verdict", flat=True))
    assert verdicts == ["agree", "agree", "disagree", "question"]
    answers = sorted(bristol.findings.exclude(answer=None).values_list("answer__kind", flat=True))
    assert answers == ["accepted", "explained"]
    assert AuditEntry.objects.filter(
        assessment=glasgow_standing.city.assessments.open_draft(),
        detail="Accepted from the peer review by Bristol",
    ).exists()
    rome = Review.objects.get(reviewer__slug="rome")
    assert (rome.assessment.city.slug, rome.state, rome.scope) == (
        "kristiansand",
        "requested",
        ["L1", "P1"],
    )
    assert rome.findings.count() == 2
    assert Review.objects.count() == 2
