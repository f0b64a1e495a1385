"""Draft → submitted (read-only) → reopened, and carrying an assessment forward."""

from datetime import date

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import AssessmentStatus
from audit.models import Kind

from .conftest import mark_done


def test_new_assessment_has_a_record_for_every_action(assessment):
    assert assessment.records.count() == 90
    assert assessment.status == AssessmentStatus.DRAFT


def test_editor_starts_an_assessment_from_the_form(client, editor, smr):
    client.force_login(editor)
    response = client.post(
        reverse("assessments:new", args=["glasgow"]),
        {"title": "Baseline", "reference_date": "2026-03-01", "model_version": smr.pk},
    )
    assessment = editor.memberships.get().city.assessments.get(title="Baseline")
    assert response.url == reverse("assessments:matrix", args=["glasgow", assessment.pk])


def test_submit_signs_off_and_makes_it_read_only_for_everyone(client, assessment, editor):
    client.force_login(editor)
    client.post(reverse("assessments:submit", args=["glasgow", assessment.pk]), {"confirm": "yes"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.submitted_by == editor and assessment.submitted_at
    tick = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S1"])
    response = client.post(tick, {"status": "done", "revision": 0}, follow=True)
    assert b"read-only" in response.content
    assert assessment.records.get(action__code="L1S1").status == "not_started"
    page = client.get(reverse("assessments:matrix", args=["glasgow", assessment.pk]))
    assert b'class="tick-form"' not in page.content
    assert b"signed off by Ellen Editor" in page.content


def test_service_refuses_changes_to_a_submitted_assessment(assessment, editor):
    assessment = services.submit(assessment, editor)
    record = assessment.records.get(action__code="L1S1")
    record.assessment = assessment
    with pytest.raises(services.AssessmentLocked):
        services.update_record(record, {"status": "done"}, revision=0, user=editor)


def test_reopen_is_recorded_with_its_reason(client, assessment, editor):
    services.submit(assessment, editor)
    client.force_login(editor)
    client.post(
        reverse("assessments:reopen", args=["glasgow", assessment.pk]),
        {"reason": "Evidence for P1S1 was missing"},
    )
    assessment.refresh_from_db()
    assert assessment.is_draft
    event = assessment.audit_entries.filter(kind=Kind.REOPENED).get()
    assert event.user == editor and event.detail == "Evidence for P1S1 was missing"
    timeline = client.get(reverse("assessments:timeline", args=["glasgow", assessment.pk]))
    assert b"Reopened" in timeline.content and b"Evidence for P1S1 was missing" in timeline.content


def test_reopen_without_a_reason_is_refused(client, assessment, editor):
    services.submit(assessment, editor)
    client.force_login(editor)
    client.post(reverse("assessments:reopen", args=["glasgow", assessment.pk]), {"reason": ""})
    assessment.refresh_from_db()
    assert not assessment.is_draft


def test_carry_forward_copies_status_evidence_and_files(assessment, editor, smr, city):
    mark_done(assessment, ["L1S1", "L1S2"], editor)
    record = assessment.records.get(action__code="L1S1")
    record.assessment = assessment
    services.update_record(
        record,
        {"note": "Council minutes 2026-02", "responsible": "Resilience Office"},
        revision=record.revision,
        user=editor,
    )
    services.add_link(record, "https://example.org/minutes", "Minutes", editor)
    services.submit(assessment, editor)  # one draft at a time
    new = services.start_assessment(
        city,
        smr,
        title="2027",
        reference_date=date(2027, 6, 30),
        user=editor,
        carry_from=assessment,
    )
    carried = new.records.get(action__code="L1S1")
    assert carried.status == "done" and carried.note == "Council minutes 2026-02"
    assert carried.responsible == "Resilience Office"
    assert [link.url for link in carried.links.all()] == ["https://example.org/minutes"]
    assert new.records.filter(status="done").count() == 2
    assert "Carried forward" in new.audit_entries.get().detail


def test_new_assessment_form_offers_the_latest_assessment_to_carry_forward(
    client, editor, assessment
):
    services.submit(assessment, editor)  # one draft at a time
    client.force_login(editor)
    page = client.get(reverse("assessments:new", args=["glasgow"])).content.decode()
    assert f'<option value="{assessment.pk}" selected>' in page


def test_sign_off_asks_first_and_shows_the_profile_being_signed(client, assessment, editor):
    from .conftest import mark_done

    mark_done(assessment, ["L1S1", "L1S2"], editor)
    client.force_login(editor)
    url = reverse("assessments:submit", args=["glasgow", assessment.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Submit and sign off “Self-assessment 2026”?" in html
    assert "Where Glasgow stands" in html and 'id="stage-L1"' not in html  # the headline
    assert "becomes read-only" in html and "88 actions are still open" in html
    assert "<svg" in html  # the profile chart
    # Neither looking nor a POST without the confirmation signs anything off.
    client.post(url)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    client.post(url, {"confirm": "yes"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED and assessment.submitted_by == editor


def test_after_sign_off_the_matrix_says_what_next(client, assessment, editor):
    """Finding 7: share, download the report, or plan the next assessment."""
    services.submit(assessment, editor)
    client.force_login(editor)
    page = client.get(reverse("assessments:matrix", args=["glasgow", assessment.pk])).content
    page = page.decode()
    card = page[page.index('id="what-next-card"') :].split("</section>")[0]
    assert reverse("assessments:sharing", args=["glasgow", assessment.pk]) in card
    assert reverse("reports:pdf", args=["glasgow", assessment.pk]) in card
    assert reverse("assessments:new", args=["glasgow"]) in card
