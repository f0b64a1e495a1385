"""The records of an assessment through the API: read by role, changed only with the revision
read (409 when stale, nothing overwritten), never by a read-only token or role."""

import pytest
from django.urls import reverse

from api.models import ApiToken
from assessments import services


def auth(user, *, write=False) -> dict:
    _token, key = ApiToken.issue(user, "test", can_write=write)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def record_url(assessment, code="L1S1"):
    return reverse("api:record", args=[assessment.city.slug, assessment.pk, code])


def patch(client, url, data, headers):
    return client.patch(url, data, content_type="application/json", **headers)


def test_editor_lists_the_90_records_in_matrix_order(client, editor, assessment):
    url = reverse("api:records", args=["glasgow", assessment.pk])
    response = client.get(url, **auth(editor))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 90
    assert [r["code"] for r in body["results"][:3]] == ["L1S1", "L1S2", "L1M1"]
    assert body["results"][0]["revision"] == 0


def test_records_filter_by_subdimension_and_status(client, editor, assessment):
    services.update_record(
        assessment.records.get(action__code="L2M1"), {"status": "done"}, revision=0, user=editor
    )
    url = reverse("api:records", args=["glasgow", assessment.pk])
    response = client.get(url, {"subdimension": "L2", "status": "done"}, **auth(editor))
    assert [r["code"] for r in response.json()["results"]] == ["L2M1"]


def test_a_bad_filter_is_a_400_naming_the_field(client, editor, assessment):
    url = reverse("api:records", args=["glasgow", assessment.pk])
    response = client.get(url, {"status": "finished"}, **auth(editor))
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["status"]


def test_editor_changes_a_record_with_the_revision_read(client, editor, assessment):
    change = {"revision": 0, "status": "done", "note": "Plan adopted"}
    response = patch(client, record_url(assessment), change, auth(editor, write=True))
    assert response.status_code == 200, response.json()
    assert response.json()["revision"] == 1
    record = assessment.records.get(action__code="L1S1")
    assert (record.status, record.note, record.revision) == ("done", "Plan adopted", 1)
    assert record.audit_entries.filter(field="status", new="done", user=editor).exists()


def test_stale_update_is_409_with_the_current_record_and_overwrites_nothing(
    client, editor, assessment
):
    record = assessment.records.get(action__code="L1S1")
    record.assessment = assessment
    services.update_record(record, {"note": "Colleague's note"}, revision=0, user=editor)
    response = patch(client, record_url(assessment), {"revision": 0, "note": "Mine"},
                     auth(editor, write=True))  # fmt: skip
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale"
    assert body["current"]["note"] == "Colleague's note"
    assert body["current"]["revision"] == 1
    assert assessment.records.get(action__code="L1S1").note == "Colleague's note"


def test_read_only_token_cannot_write_even_for_an_editor(client, editor, assessment):
    response = patch(client, record_url(assessment), {"revision": 0, "status": "done"},
                     auth(editor))  # fmt: skip
    assert response.status_code == 403
    record = assessment.records.get(action__code="L1S1")
    assert (record.status, record.revision) == ("not_started", 0)


def test_viewer_with_a_write_token_gets_403_and_nothing_changes(client, viewer, assessment):
    response = patch(client, record_url(assessment), {"revision": 0, "status": "done"},
                     auth(viewer, write=True))  # fmt: skip
    assert response.status_code == 403
    assert assessment.records.get(action__code="L1S1").revision == 0


def test_outsider_gets_404_for_another_citys_record(client, outsider, assessment):
    headers = auth(outsider, write=True)
    assert client.get(record_url(assessment), **headers).status_code == 404
    response = patch(client, record_url(assessment), {"revision": 0, "status": "done"}, headers)
    assert response.status_code == 404
    assert assessment.records.get(action__code="L1S1").revision == 0


def test_another_citys_assessment_id_under_my_city_slug_is_404(
    client, outsider, other_city, assessment
):
    """The wrong code this catches: looking an assessment up by id alone."""
    url = reverse("api:records", args=[other_city.slug, assessment.pk])
    assert client.get(url, **auth(outsider)).status_code == 404


def test_not_applicable_needs_a_reason_named_in_the_error(client, editor, assessment):
    response = patch(client, record_url(assessment), {"revision": 0, "status": "not_applicable"},
                     auth(editor, write=True))  # fmt: skip
    assert response.status_code == 400
    assert "na_reason" in response.json()["fields"]
    assert assessment.records.get(action__code="L1S1").status == "not_started"


@pytest.mark.parametrize(
    "payload,field",
    [({"status": "done"}, "revision"), ({"revision": "x"}, "revision"),
     ({"revision": 0, "target_date": "2026-13-45"}, "target_date"),
     ({"revision": 0, "status": ["done"]}, "status"),
     ({"revision": -1}, "revision"), ({"revision": 2**31}, "revision")],
)  # fmt: skip
def test_malformed_changes_are_400_naming_the_field(client, editor, assessment, payload, field):
    response = patch(client, record_url(assessment), payload, auth(editor, write=True))
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_a_submitted_assessment_is_409_locked(client, editor, assessment):
    services.submit(assessment, editor)
    response = patch(client, record_url(assessment), {"revision": 0, "note": "x"},
                     auth(editor, write=True))  # fmt: skip
    assert response.status_code == 409
    assert response.json()["code"] == "locked"


def test_session_writes_need_csrf(editor, assessment):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.patch(record_url(assessment), {"revision": 0, "status": "done"},
                            content_type="application/json")  # fmt: skip
    assert response.status_code == 403
    assert assessment.records.get(action__code="L1S1").revision == 0


def test_partner_without_private_consent_sees_no_files_or_names(
    client, world, editor, partner_user, partner
):
    shared = world["shared"]
    record = shared.records.get(action__code="L1S1")
    shared.records.filter(pk=record.pk).update(responsible="Jane Smith")
    headers = auth(partner_user)
    body = client.get(record_url(shared), **headers).json()
    assert body["files"] is None and body["responsible"] is None
    services.share(shared, partner, editor, include_private=True)
    body = client.get(record_url(shared), **headers).json()
    assert body["responsible"] == "Jane Smith"
    assert isinstance(body["files"], list)


def test_file_metadata_gives_the_apis_download_url(client, world, editor):
    """The API's own address, which a token may fetch (the page's wants a session)."""
    body = client.get(record_url(world["assessment"]), **auth(editor)).json()
    (evidence,) = body["files"]
    assert evidence["name"] == "plan.pdf"
    assert evidence["download_url"] == reverse(
        "api:record_file_download",
        args=["glasgow", world["assessment"].pk, "L1S1", evidence["id"]],
    )
    assert body["links"][0]["url"] == "https://example.org/plan"


def test_listing_records_takes_a_fixed_number_of_queries(
    client, editor, assessment, django_assert_max_num_queries
):
    headers = auth(editor)
    url = reverse("api:records", args=["glasgow", assessment.pk])
    client.get(url, **headers)
    # 6 of them are the request count in the database cache (read, cull check, write).
    with django_assert_max_num_queries(14) as empty:
        client.get(url, **headers)
    for record in assessment.records.select_related("action")[:30]:
        record.assessment = assessment
        services.add_link(record, "https://example.org/x", "x", editor)
    with django_assert_max_num_queries(14) as full:
        assert client.get(url, **headers).status_code == 200
    assert len(full.captured_queries) == len(empty.captured_queries)
