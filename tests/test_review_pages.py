"""The review pages as each person meets them: who reaches what, and what a refusal says
(404 for what they may not know exists, 403 for a change a reader may not make)."""

import pytest
from django.urls import reverse

from assessments.models import ActionRecord
from reviews import services
from reviews.models import AnswerKind, Verdict

from .review_helpers import action, request, world_fixture  # noqa: F401 - the fixture


@pytest.fixture
def review(world):
    return request(world)  # scope L1 and L3


def _detail(review):
    return reverse("reviews:detail", args=["glasgow", review.pk])


def _action(review, code):
    return reverse("reviews:action", args=["glasgow", review.pk, code])


def test_the_reviewer_sees_the_assessment_under_review_within_scope(client, world, review):
    client.force_login(world.reviewer)
    page = client.get(_detail(review)).content.decode()
    assert "L1S1" in page and "L3S1" in page
    assert "P1S1" not in page  # P1 is outside the scope
    assert client.get(_action(review, "L1S1")).status_code == 200


def test_riga_editor_gets_404(client, world, review):
    client.force_login(world.outsider)
    assert client.get(_detail(review)).status_code == 404
    assert client.get(_action(review, "L1S1")).status_code == 404
    assert client.post(_action(review, "L1S1"), {"verdict": "agree"}).status_code == 404


def test_a_viewer_of_the_reviewing_city_is_no_reviewer(client, world, review):
    client.force_login(world.bristol_viewer)
    assert client.get(_detail(review)).status_code == 404
    assert client.post(_action(review, "L1S1"), {"verdict": "agree"}).status_code == 404
    assert not review.findings.exists()


def test_a_reviewer_reaches_no_other_assessment_of_glasgow(client, world, review):
    client.force_login(world.reviewer)
    for assessment in (world.older, world.draft, world.signed):
        url = reverse("assessments:matrix", args=["glasgow", assessment.pk])
        assert client.get(url).status_code == 404
    assert client.get(reverse("reviews:list", args=["glasgow", world.signed.pk])).status_code == 404
    assert client.get(reverse("assessments:city", args=["glasgow"])).status_code == 404


def test_a_reviewer_reaches_no_action_outside_the_scope(client, world, review):
    client.force_login(world.reviewer)
    assert client.get(_action(review, "P1S1")).status_code == 404
    assert client.post(_action(review, "P1S1"), {"verdict": "agree"}).status_code == 404
    assert not review.findings.exists()


def test_the_reviewer_records_a_finding_through_the_page(client, world, review):
    client.force_login(world.reviewer)
    response = client.post(
        _action(review, "L1S2"),
        {"verdict": "question", "suggested_status": "in_progress", "comment": "Minutes?"},
    )
    assert response.status_code == 302
    finding = review.findings.get()
    assert (finding.action.code, finding.verdict, finding.suggested_status) == (
        "L1S2",
        "question",
        "in_progress",
    )


def test_a_disagreement_without_a_status_is_refused_with_a_message(client, world, review):
    client.force_login(world.reviewer)
    response = client.post(_action(review, "L1S2"), {"verdict": "disagree"})
    assert response.status_code == 400
    assert "Say which status you would give." in response.content.decode()


def test_the_city_does_not_see_draft_findings(client, world, review):
    services.record_finding(
        review, action(world, "L1S1"), world.reviewer, verdict=Verdict.DISAGREE,
        comment="Secret draft", suggested_status="not_started",
    )  # fmt: skip
    client.force_login(world.editor)
    assert "Secret draft" not in client.get(_action(review, "L1S1")).content.decode()


def _returned(world, review):
    services.record_finding(
        review, action(world, "L3S1"), world.reviewer, verdict=Verdict.DISAGREE,
        suggested_status="done",
    )  # fmt: skip
    services.return_review(review, world.reviewer)
    return review.findings.get()


def test_a_returned_review_is_read_only_for_its_reviewers(client, world, review):
    _returned(world, review)
    client.force_login(world.reviewer)
    assert client.get(_action(review, "L3S1")).status_code == 200
    assert client.post(_action(review, "L3S1"), {"verdict": "agree"}).status_code == 403
    assert review.findings.get().verdict == "disagree"


def test_a_viewer_of_glasgow_reads_but_cannot_answer_or_close(client, world, review):
    _returned(world, review)
    client.force_login(world.viewer)
    assert client.get(_action(review, "L3S1")).status_code == 200
    assert client.post(_action(review, "L3S1"), {"kind": "accepted"}).status_code == 403
    close = reverse("reviews:close", args=["glasgow", review.pk])
    assert client.post(close).status_code == 403


def test_after_closing_the_reviewer_keeps_the_report_not_the_assessment(client, world, review):
    finding = _returned(world, review)
    services.answer_finding(finding, world.editor, kind=AnswerKind.EXPLAINED, reply="Not yet.")
    services.close_review(review, world.editor)
    client.force_login(world.reviewer)
    report = client.get(_detail(review))
    assert report.status_code == 200
    assert "Not yet." in report.content.decode()
    assert client.get(_action(review, "L3S1")).status_code == 404
    assert client.post(_action(review, "L3S1"), {"verdict": "agree"}).status_code == 404


def test_glasgow_accepts_through_the_page_and_the_draft_changes(client, world, review):
    _returned(world, review)
    client.force_login(world.editor)
    assert client.post(_action(review, "L3S1"), {"kind": "accepted"}).status_code == 302
    record = ActionRecord.objects.get(assessment=world.draft, action__code="L3S1")
    assert record.status == "done"
    history = client.get(reverse("assessments:action", args=["glasgow", world.draft.pk, "L3S1"]))
    assert "Accepted from the peer review by Bristol" in history.content.decode()


def test_the_city_page_shows_both_stages_side_by_side(client, world, review):
    services.record_finding(
        review, action(world, "L1S2"), world.reviewer, verdict=Verdict.QUESTION,
        suggested_status="in_progress",
    )  # fmt: skip
    services.return_review(review, world.reviewer)
    client.force_login(world.editor)
    page = client.get(reverse("assessments:city", args=["glasgow"])).content.decode()
    section = page[page.index('id="peer-review"') :]
    assert "Reviewed by Bristol" in section
    l1 = section[section.index("L1 ") : section.index("</tr>", section.index("L1 "))]
    assert "<td>Starting</td>" in l1 and "Working on Starting" in l1


def test_the_matrix_marks_actions_with_open_findings(client, world, review):
    _returned(world, review)
    client.force_login(world.editor)
    matrix = reverse("assessments:matrix", args=["glasgow", world.draft.pk])
    page = client.get(matrix).content.decode()
    mark = page[page.index('class="alert alert-warning py-2 open-findings"') :]
    assert _action(review, "L3S1") in mark[: mark.index("</section>")]
    services.answer_finding(review.findings.get(), world.editor, kind=AnswerKind.ACCEPTED)
    assert "open-findings" not in client.get(matrix).content.decode()


def _file_on_l1s1(world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments.models import EvidenceFile

    settings.MEDIA_ROOT = tmp_path
    record = world.signed.records.get(action__code="L1S1")
    evidence = EvidenceFile(
        record=record, original_name="minutes.pdf", content_type="application/pdf", size=9
    )
    evidence.file.save("minutes.pdf", SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 "))


def test_reviewers_download_evidence_files_only_when_the_city_included_them(
    client, world, settings, tmp_path
):
    from django.urls import reverse as rev

    from assessments.models import EvidenceFile

    _file_on_l1s1(world, settings, tmp_path)
    evidence = EvidenceFile.objects.get(original_name="minutes.pdf")
    without = request(world)
    client.force_login(world.reviewer)
    url = rev("reviews:file", args=["glasgow", without.pk, "L1S1", evidence.pk])
    assert client.get(url).status_code == 404
    assert "minutes.pdf" not in client.get(_action(without, "L1S1")).content.decode()
    without.include_private = True
    without.save()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 "
    # The same file through an action outside the scope, or another city's editor: 404.
    assert (
        client.get(
            rev("reviews:file", args=["glasgow", without.pk, "P1S1", evidence.pk])
        ).status_code
        == 404
    )
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_my_reviews_lists_given_for_editors_and_received_for_members(client, world, review):
    from accounts.models import Membership

    # Glasgow's editor also follows Bristol as a viewer (as in the demo): no reviewer.
    Membership.objects.create(user=world.editor, city=world.bristol, role="viewer")
    client.force_login(world.editor)
    response = client.get(reverse("reviews:mine"))
    assert [r.pk for r in response.context["given"]] == []
    assert [r.pk for r in response.context["received"]] == [review.pk]
    client.force_login(world.reviewer)
    response = client.get(reverse("reviews:mine"))
    assert [r.pk for r in response.context["given"]] == [review.pk]
    assert [r.pk for r in response.context["received"]] == []


def test_a_partner_sees_whether_and_by_whom_and_where_the_stage_differs(
    client, world, review, partner, partner_user
):
    from assessments import services as assessment_services

    services.record_finding(
        review, action(world, "L1S2"), world.reviewer, verdict=Verdict.QUESTION,
        comment="Only in the partner's eyes?", suggested_status="in_progress",
    )  # fmt: skip
    services.return_review(review, world.reviewer)
    assessment_services.share(world.signed, partner, world.editor)
    client.force_login(partner_user)
    page = client.get(reverse("assessments:matrix", args=["glasgow", world.signed.pk]))
    note = page.content.decode()
    note = note[note.index("peer-review-note") : note.index("</p>", note.index("peer-review-note"))]
    assert "Peer-reviewed by Bristol" in note
    assert "L1 (Starting → Working on Starting)" in note
    assert "Only in the partner" not in page.content.decode()  # no findings, no comments
    assert client.get(_detail(review)).status_code == 404  # the review itself is the city's


def _note(review, code):
    return reverse("reviews:note", args=["glasgow", review.pk, code])


def test_the_reviewer_saves_notes_through_the_page_and_returns_to_the_review(client, world, review):
    client.force_login(world.reviewer)
    notes = {"strengths": "A clear plan.", "recommendations": "Share the minutes."}
    response = client.post(_note(review, "L1"), notes)
    assert response.status_code == 302
    assert response["Location"] == _detail(review)
    note = review.notes.get(code="L1")
    assert (note.strengths, note.recommendations) == ("A clear plan.", "Share the minutes.")


def test_the_reviewed_citys_editor_cannot_write_the_reviewers_notes(client, world, review):
    # The wrong code this catches: a notes form offered to, or saved for, anyone who may
    # read the review rather than its reviewers only.
    client.force_login(world.editor)
    assert client.get(_note(review, "L1")).status_code == 200
    posted = {"strengths": "We are great.", "recommendations": ""}
    assert client.post(_note(review, "L1"), posted).status_code == 403
    assert not review.notes.exists()
