"""Peer review, end to end through the services: the findings change the peer-reviewed stage
by the one scoring rule, returning locks and tells Glasgow's editors, accepting a finding
changes the open draft with a history that names the review, and closing needs every answer."""

import pytest
from django.core import mail

from audit.models import AuditEntry
from reviews import services
from reviews.models import AnswerKind, ReviewState, Verdict
from reviews.results import review_results

from .review_helpers import action, request, world_fixture  # noqa: F401 - the fixture


def _row(results, code):
    return next(r for r in results.rows if r.code == code)


def test_questioned_starting_action_lowers_the_peer_reviewed_stage(world):
    review = request(world)
    services.record_finding(review, action(world, "L1S1"), world.reviewer, verdict=Verdict.AGREE)
    services.record_finding(
        review, action(world, "L1S2"), world.reviewer, verdict=Verdict.QUESTION,
        comment="Not adopted by council yet.", suggested_status="in_progress",
    )  # fmt: skip
    results = review_results(review)
    l1 = _row(results, "L1")
    assert (l1.self_assessed, l1.peer_reviewed, l1.differs) == (
        "Starting",
        "Working on Starting",
        True,
    )
    assert _row(results, "L3").differs is False
    assert results.agreement == 50


def test_returning_locks_the_findings_and_emails_the_city_editors(
    world, django_capture_on_commit_callbacks
):
    review = request(world)
    services.record_finding(review, action(world, "L1S1"), world.reviewer, verdict=Verdict.AGREE)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_review(review, world.reviewer)
    review.refresh_from_db()
    assert review.state == ReviewState.RETURNED
    assert [m.to for m in mail.outbox] == [["editor@glasgow.test"]]
    assert "Bristol" in mail.outbox[0].subject
    with pytest.raises(services.ReviewRefused):
        services.record_finding(
            review, action(world, "L1S2"), world.reviewer, verdict=Verdict.AGREE
        )


def test_an_action_outside_the_scope_takes_no_finding(world):
    review = request(world, scope=["L3"])
    with pytest.raises(services.ReviewRefused):
        services.record_finding(
            review, action(world, "L1S1"), world.reviewer, verdict=Verdict.AGREE
        )


def test_accepting_a_finding_changes_the_draft_and_its_history_names_the_review(world):
    review = request(world)
    services.record_finding(
        review, action(world, "L3S1"), world.reviewer, verdict=Verdict.DISAGREE,
        comment="The plan exists.", suggested_status="done",
    )  # fmt: skip
    services.record_finding(
        review, action(world, "L1S2"), world.reviewer, verdict=Verdict.QUESTION,
        suggested_status="in_progress",
    )  # fmt: skip
    services.return_review(review, world.reviewer)
    disputed, questioned = (review.findings.get(action__code=c) for c in ("L3S1", "L1S2"))
    services.answer_finding(disputed, world.editor, kind=AnswerKind.ACCEPTED)
    record = world.draft.records.get(action__code="L3S1")
    assert record.status == "done"
    entry = AuditEntry.objects.get(record=record, field="status")
    assert (entry.old, entry.new) == ("not_started", "done")
    assert entry.detail == "Accepted from the peer review by Bristol"
    # The signed-off assessment under review is untouched.
    assert world.signed.records.get(action__code="L3S1").status == "not_started"
    with pytest.raises(services.ReviewRefused):
        services.close_review(review, world.editor)  # the question waits for an answer
    services.answer_finding(
        questioned, world.editor, kind=AnswerKind.EXPLAINED, reply="Adopted on 3 March."
    )
    services.close_review(review, world.editor)
    review.refresh_from_db()
    assert review.state == ReviewState.CLOSED
    logged = list(
        AuditEntry.objects.filter(assessment=world.signed, field="review").values_list(
            "new", flat=True
        )
    )
    assert sorted(logged) == ["closed", "requested", "returned"]


def test_accepting_with_no_draft_open_starts_one_from_the_reviewed_assessment(world):
    world.draft.delete()
    review = request(world)
    services.record_finding(
        review, action(world, "L3S1"), world.reviewer, verdict=Verdict.DISAGREE,
        suggested_status="done",
    )  # fmt: skip
    services.return_review(review, world.reviewer)
    services.answer_finding(review.findings.get(), world.editor, kind=AnswerKind.ACCEPTED)
    draft = world.glasgow.assessments.open_draft()
    assert draft.carried_from_id == world.signed.pk
    assert draft.records.get(action__code="L3S1").status == "done"
    assert draft.records.get(action__code="L1S1").status == "done"  # carried forward


def test_a_draft_cannot_be_reviewed(world):
    with pytest.raises(services.ReviewRefused):
        services.request_review(
            world.draft, world.bristol, world.editor, scope=[], due_date=world.draft.reference_date
        )


def test_each_editor_is_emailed_in_their_own_language(world, django_capture_on_commit_callbacks):
    from accounts.models import Role

    from .conftest import make_member

    french = make_member("editrice@glasgow.test", "Élise", world.glasgow, Role.EDITOR)
    french.language = "fr"
    french.save()
    review = request(world)
    services.record_finding(review, action(world, "L1S1"), world.reviewer, verdict=Verdict.AGREE)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_review(review, world.reviewer)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "editor@glasgow.test": "Bristol returned its peer review",
        "editrice@glasgow.test": "Bristol a rendu sa revue par les pairs",
    }


def test_the_citys_timeline_never_shows_a_draft_findings_words(client, world):
    """Findings are the reviewers' drafts until returned: the reviewed city's timeline says
    one was recorded, never its verdict, comment or recommendations."""
    from django.urls import reverse

    review = request(world)
    services.record_finding(
        review, action(world, "L1S1"), world.reviewer, verdict=Verdict.DISAGREE,
        comment="No council minute found", suggested_status="in_progress",
    )  # fmt: skip
    services.save_note(
        review, "L1", world.reviewer, strengths="", recommendations="Publish the minutes"
    )
    client.force_login(world.editor)
    url = reverse("assessments:timeline", args=["glasgow", world.signed.pk])
    html = client.get(url).content.decode()
    assert "Bristol" in html  # that a review is under way is no secret
    assert "No council minute found" not in html and "Publish the minutes" not in html
    assert "isagree" not in html  # neither "Disagree" nor the stored "disagree"
