"""Recording an action: the stage follows at once, history is kept, nothing is overwritten."""

from django.urls import reverse

from audit.models import AuditEntry

from .conftest import mark_done


def _action_url(assessment, code="L1S1"):
    return reverse("assessments:action", args=["glasgow", assessment.pk, code])


def _tick(client, assessment, code, status="done", htmx=True):
    revision = assessment.records.get(action__code=code).revision
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("assessments:tick", args=["glasgow", assessment.pk, code]),
        {"status": status, "revision": revision},
        **headers,
    )


def test_ticking_the_last_starting_action_moves_the_stage_at_once(client, editor, assessment):
    client.force_login(editor)
    _tick(client, assessment, "L1S1")
    response = _tick(client, assessment, "L1S2")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="card-L1S2"' in html and "Done" in html
    sub = html[html.index('<th scope="row" class="sub-col" id="sub-L1" hx-swap-oob="true">') :]
    sub = sub[: sub.index("</th>")]
    assert 'id="stage-L1"' in sub and "Starting" in sub and "stage-changed" in sub
    assert "For Moderate:" in sub and "L1M1" in sub
    assert "L1 reached Starting." in html  # announced in the polite live region


def test_tick_without_javascript_redirects_back_to_the_card(client, editor, assessment):
    client.force_login(editor)
    response = _tick(client, assessment, "P1S1", htmx=False)
    assert response.url.endswith("#card-P1S1")
    matrix = client.get(reverse("assessments:matrix", args=["glasgow", assessment.pk]))
    assert assessment.records.get(action__code="P1S1").status == "done"
    assert b"1 of 90 actions done" in matrix.content


def test_invalid_status_gets_a_clear_400(client, editor, assessment):
    client.force_login(editor)
    response = _tick(client, assessment, "L1S1", status="finished")
    assert response.status_code == 400
    assert b"not valid" in response.content


def test_full_form_saves_and_records_history(client, editor, assessment):
    client.force_login(editor)
    client.post(
        _action_url(assessment),
        {
            "status": "in_progress",
            "note": "Team set up by mayoral decree",
            "responsible": "Resilience Office",
            "target_date": "2026-12-31",
            "revision": 0,
            "link_url": "https://example.org/decree",
            "link_label": "Decree",
        },
    )
    record = assessment.records.get(action__code="L1S1")
    # One save of the fields, one for the new link: each bumps the revision.
    assert record.note == "Team set up by mayoral decree" and record.revision == 2
    fields = set(
        AuditEntry.objects.record_changes().filter(record=record).values_list("field", flat=True)
    )
    assert fields == {"status", "note", "responsible", "target_date", "link"}
    change = AuditEntry.objects.record_changes().get(record=record, field="status")
    assert (change.old, change.new, change.user) == ("not_started", "in_progress", editor)
    page = client.get(_action_url(assessment)).content.decode()
    assert "Not started → In progress" in page and "Decree" in page


def test_second_save_of_a_stale_note_is_told_and_shown_both_versions(
    client, editor, assessment, city
):
    from accounts.models import Membership

    from .conftest import make_user

    colleague = make_user("colleague@glasgow.test", full_name="Carl Colleague")
    Membership.objects.create(user=colleague, city=city, role="editor")
    form = {"status": "not_started", "responsible": "", "target_date": "", "revision": 0}
    client.force_login(colleague)
    client.post(_action_url(assessment), {**form, "note": "Carl's note"})
    client.force_login(editor)
    response = client.post(_action_url(assessment), {**form, "note": "Ellen's note"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "changed by someone else" in html or "Someone else saved" in html
    assert "Carl&#x27;s note" in html and "Ellen&#x27;s note" in html
    assert assessment.records.get(action__code="L1S1").note == "Carl's note"
    # Resubmitting from the conflict page (now at the latest revision) saves.
    client.post(_action_url(assessment), {**form, "note": "Merged note", "revision": 1})
    assert assessment.records.get(action__code="L1S1").note == "Merged note"


def test_stale_tick_does_not_overwrite(client, editor, assessment):
    client.force_login(editor)
    url = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S1"])
    client.post(url, {"status": "done", "revision": 0}, HTTP_HX_REQUEST="true")
    response = client.post(url, {"status": "in_progress", "revision": 0}, HTTP_HX_REQUEST="true")
    assert b"changed this action meanwhile" in response.content
    assert assessment.records.get(action__code="L1S1").status == "done"


def test_next_steps_explain_each_stage_and_order_by_stage(client, editor, assessment):
    mark_done(assessment, ["L1S1", "L1S2"], editor)
    client.force_login(editor)
    html = client.get(reverse("assessments:next_steps", args=["glasgow", assessment.pk])).content
    html = html.decode()
    assert "For Moderate:" in html
    # Starting actions of other subdimensions come before L1's Moderate actions.
    assert html.index("P1S1") < html.index("Needed for L1 to reach Moderate")


def test_matrix_filters_by_dimension_stage_and_stakeholder(client, editor, assessment):
    client.force_login(editor)
    url = reverse("assessments:matrix", args=["glasgow", assessment.pk])
    by_dim = client.get(url, {"dimension": "C"}).content.decode()
    assert 'id="card-C1S1"' in by_dim and 'id="card-L1S1"' not in by_dim
    by_stage = client.get(url, {"stage": "T"}).content.decode()
    assert 'id="card-L1T1"' in by_stage and 'id="card-L1S1"' not in by_stage
    robust_on = client.get(url, {"stakeholder": "european-policy-makers"}).content.decode()
    assert 'id="card-L1R1"' in robust_on and 'id="card-L1A1"' not in robust_on
