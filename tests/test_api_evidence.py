"""A record's responsible member, history and evidence through the API: the page's validation
and services, editors with a write token only, partners see files and names only when the
city's share includes them, a bad file saves nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Membership, Role, User
from api.models import ApiToken
from assessments import services
from assessments.models import EvidenceFile, EvidenceLink
from audit.log import log_record_changes
from audit.models import AuditEntry, Kind

from .conftest import make_user

PDF = b"%PDF-1.4 minutes of the resilience board"


def auth(user, *, write=False) -> dict:
    _token, key = ApiToken.issue(user, "test", can_write=write)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def url(name, assessment, code="L1S1", *extra):
    return reverse(f"api:{name}", args=["glasgow", assessment.pk, code, *extra])


def record(assessment, code="L1S1"):
    obj = assessment.records.select_related("action").get(action__code=code)
    obj.assessment = assessment
    return obj


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, assessment, file, headers, code="L1S1"):
    return client.post(url("record_files", assessment, code), {"file": file}, **headers)


# -- the responsible member -----------------------------------------------------------------


def test_editor_sets_a_member_of_the_city_as_responsible(client, editor, viewer, assessment):
    response = client.patch(url("record", assessment), {"revision": 0, "responsible_member":
                            viewer.pk}, content_type="application/json",
                            **auth(editor, write=True))  # fmt: skip
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["responsible_member"], body["responsible"]) == (viewer.pk, "Victor Viewer")
    assert record(assessment).responsible_member == viewer
    entry = AuditEntry.objects.record_changes().get(field="responsible_member")
    assert (entry.new, entry.user) == ("Victor Viewer", editor)


def test_members_list_gives_the_ids_a_responsible_member_takes(
    client, world, editor, viewer, outsider, partner_user
):
    body = client.get(reverse("api:members", args=["glasgow"]), **auth(viewer)).json()
    assert [(m["id"], m["name"], m["role"]) for m in body["results"]] == [
        (editor.pk, "Ellen Editor", "editor"),
        (viewer.pk, "Victor Viewer", "viewer"),
    ]
    for stranger in (outsider, partner_user):  # a share shows an assessment, not the people
        response = client.get(reverse("api:members", args=["glasgow"]), **auth(stranger))
        assert response.status_code == 404


def test_someone_from_another_city_cannot_be_responsible(client, editor, outsider, assessment):
    response = client.patch(url("record", assessment), {"revision": 0, "responsible_member":
                            outsider.pk}, content_type="application/json",
                            **auth(editor, write=True))  # fmt: skip
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["responsible_member"]
    assert record(assessment).responsible_member is None
    assert record(assessment).revision == 0


def test_null_clears_the_responsible_member(client, editor, viewer, assessment):
    services.update_record(record(assessment), {"responsible_member": viewer}, revision=0,
                           user=editor)  # fmt: skip
    response = client.patch(url("record", assessment), {"revision": 1, "responsible_member":
                            None}, content_type="application/json",
                            **auth(editor, write=True))  # fmt: skip
    assert response.status_code == 200
    assert record(assessment).responsible_member is None


# -- the history ------------------------------------------------------------------------------


def test_history_lists_each_change_newest_first_with_who(client, editor, viewer, assessment):
    services.update_record(record(assessment), {"status": "in_progress"}, revision=0, user=editor)
    services.update_record(record(assessment), {"note": "Draft plan"}, revision=1, user=editor)
    body = client.get(url("record_history", assessment), **auth(viewer)).json()
    assert [(e["field"], e["old"], e["new"], e["changed_by"]) for e in body["results"]] == [
        ("note", "", "Draft plan", "Ellen Editor"),
        ("status", "Not started", "In progress", "Ellen Editor"),
    ]
    assert body["results"][1]["label"] == "Status"


def test_history_is_read_only(client, editor, assessment):
    response = client.post(url("record_history", assessment), {}, content_type="application/json",
                           **auth(editor, write=True))  # fmt: skip
    assert response.status_code == 405


@pytest.mark.parametrize("private", [False, True])
def test_partner_history_has_names_only_if_the_share_includes_them(
    client, world, editor, viewer, partner, partner_user, private
):
    shared = world["shared"]
    services.share(shared, partner, editor, include_private=private)
    rec = record(shared)
    log_record_changes(rec, editor, [("responsible", "", "Jane Smith"), ("note", "", "Budget")])
    body = client.get(url("record_history", shared), **auth(partner_user)).json()
    rows = {e["field"]: (e["new"], e["changed_by"]) for e in body["results"]}
    if private:
        assert rows == {"responsible": ("Jane Smith", "Ellen Editor"),
                        "note": ("Budget", "Ellen Editor")}  # fmt: skip
    else:
        assert rows == {"responsible": (None, None), "note": ("Budget", None)}


# -- links ------------------------------------------------------------------------------------


def test_editor_adds_a_link_and_gets_the_new_revision(client, editor, assessment):
    response = client.post(url("record_links", assessment),
                           {"url": "https://example.org/plan", "label": "Plan"},
                           content_type="application/json", **auth(editor, write=True))  # fmt: skip
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["revision"] == 1
    assert [(x["url"], x["label"]) for x in body["links"]] == [("https://example.org/plan", "Plan")]
    assert AuditEntry.objects.filter(
        kind=Kind.CHANGED, field="link", new="https://example.org/plan", user=editor
    ).exists()
    listed = client.get(url("record_links", assessment), **auth(editor)).json()
    assert [x["url"] for x in listed] == ["https://example.org/plan"]


@pytest.mark.parametrize(
    "payload,field",
    [({"url": "not a link"}, "url"), ({"url": "javascript:alert(1)"}, "url"),
     ({"url": "example.org/no-scheme"}, "url"), ({"url": "https://example.org/\n"}, "url"),
     ({"label": "No address"}, "url"), ({"url": "https://example.org", "label": "x" * 201},
     "label"), ({"url": "https://example.org/" + "a" * 2000}, "url")],
)  # fmt: skip
def test_a_bad_link_is_400_naming_the_field_and_saves_nothing(
    client, editor, assessment, payload, field
):
    response = client.post(url("record_links", assessment), payload,
                           content_type="application/json", **auth(editor, write=True))  # fmt: skip
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not EvidenceLink.objects.exists()
    assert record(assessment).revision == 0


def test_editor_removes_a_link(client, editor, assessment):
    link = services.add_link(record(assessment), "https://example.org/a", "A", editor)
    response = client.delete(url("record_link", assessment, "L1S1", link.pk),
                             **auth(editor, write=True))  # fmt: skip
    assert response.status_code == 200
    assert response.json()["links"] == [] and response.json()["revision"] == 2
    assert not EvidenceLink.objects.exists()
    assert AuditEntry.objects.record_changes().filter(field="link", old="A").exists()


def test_a_link_of_another_action_cannot_be_removed_through_this_one(client, editor, assessment):
    """The wrong code this catches: a link found by id alone, not through the record."""
    link = services.add_link(record(assessment, "L1S2"), "https://example.org/a", "A", editor)
    response = client.delete(url("record_link", assessment, "L1S1", link.pk),
                             **auth(editor, write=True))  # fmt: skip
    assert response.status_code == 404
    assert EvidenceLink.objects.filter(pk=link.pk).exists()


# -- files ------------------------------------------------------------------------------------


def test_editor_uploads_a_pdf_and_downloads_it_through_the_page(client, editor, assessment):
    file = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    response = upload(client, assessment, file, auth(editor, write=True))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["revision"] == 1
    (meta,) = body["files"]
    assert (meta["name"], meta["content_type"], meta["size"]) == (
        "minutes.pdf", "application/pdf", len(PDF)
    )  # fmt: skip
    assert AuditEntry.objects.record_changes().filter(field="file", new="minutes.pdf").exists()
    client.force_login(editor)
    download = client.get(meta["download_url"])
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    "name,content,message",
    [("virus.exe", b"MZ", "not accepted"), ("fake.pdf", b"<html>", "not a .pdf"),
     ("empty.pdf", b"", "empty")],
)  # fmt: skip
def test_a_bad_file_is_400_with_a_clear_message_and_nothing_saved(
    client, editor, assessment, media, name, content, message
):
    file = SimpleUploadedFile(name, content)
    response = upload(client, assessment, file, auth(editor, write=True))
    assert response.status_code == 400
    assert message in " ".join(response.json()["fields"]["file"])
    assert not EvidenceFile.objects.exists()
    assert record(assessment).revision == 0
    assert not any(media.rglob("*.*"))


def test_a_file_over_the_limit_is_413_and_nothing_saved(client, editor, assessment, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    file = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 2000)
    response = upload(client, assessment, file, auth(editor, write=True))
    assert response.status_code == 413
    assert response.json()["detail"] == "The file is 2.0\xa0KB; the limit is 1.0\xa0KB."
    assert not EvidenceFile.objects.exists()


def test_a_missing_file_or_a_json_body_is_refused(client, editor, assessment):
    headers = auth(editor, write=True)
    missing = client.post(url("record_files", assessment), {"other": "x"}, **headers)
    assert missing.status_code == 400 and "file" in missing.json()["fields"]
    json_body = client.post(url("record_files", assessment), {"file": "x"},
                            content_type="application/json", **headers)  # fmt: skip
    assert json_body.status_code == 415
    assert not EvidenceFile.objects.exists()


def test_editor_removes_a_file(client, editor, assessment):
    file = SimpleUploadedFile("minutes.pdf", PDF)
    evidence = services.add_file(record(assessment), file, "application/pdf", editor)
    response = client.delete(url("record_file", assessment, "L1S1", evidence.pk),
                             **auth(editor, write=True))  # fmt: skip
    assert response.status_code == 200
    assert response.json()["files"] == []
    assert not EvidenceFile.objects.exists()


def test_evidence_of_a_submitted_assessment_is_409_locked(client, editor, assessment):
    link = services.add_link(record(assessment), "https://example.org/a", "A", editor)
    services.submit(assessment, editor)
    headers = auth(editor, write=True)
    added = client.post(url("record_links", assessment), {"url": "https://example.org/b"},
                        content_type="application/json", **headers)  # fmt: skip
    removed = client.delete(url("record_link", assessment, "L1S1", link.pk), **headers)
    uploaded = upload(client, assessment, SimpleUploadedFile("a.pdf", PDF), headers)
    assert [r.status_code for r in (added, removed, uploaded)] == [409, 409, 409]
    assert {r.json()["code"] for r in (added, removed, uploaded)} == {"locked"}
    assert list(EvidenceLink.objects.values_list("url", flat=True)) == ["https://example.org/a"]
    assert not EvidenceFile.objects.exists()


# -- who may --------------------------------------------------------------------------------


def _writes(client, assessment, headers, link, evidence):
    return [
        client.post(url("record_links", assessment), {"url": "https://example.org/b"},
                    content_type="application/json", **headers).status_code,
        client.delete(url("record_link", assessment, "L1S1", link.pk), **headers).status_code,
        upload(client, assessment, SimpleUploadedFile("a.pdf", PDF), headers).status_code,
        client.delete(url("record_file", assessment, "L1S1", evidence.pk), **headers).status_code,
    ]  # fmt: skip


@pytest.mark.parametrize("who,expected", [("viewer", 403), ("staff", 403), ("outsider", 404)])
def test_only_editors_change_evidence(client, request, editor, assessment, who, expected):
    if who == "staff":
        user = User.objects.create_user("admin@site.test", "x", is_staff=True)
    else:
        user = request.getfixturevalue(who)
    link = services.add_link(record(assessment), "https://example.org/a", "A", editor)
    evidence = services.add_file(record(assessment), SimpleUploadedFile("m.pdf", PDF),
                                 "application/pdf", editor)  # fmt: skip
    assert _writes(client, assessment, auth(user, write=True), link, evidence) == [expected] * 4
    assert (EvidenceLink.objects.count(), EvidenceFile.objects.count()) == (1, 1)
    assert record(assessment).revision == 2


def test_read_only_token_cannot_change_evidence(client, editor, assessment):
    link = services.add_link(record(assessment), "https://example.org/a", "A", editor)
    evidence = services.add_file(record(assessment), SimpleUploadedFile("m.pdf", PDF),
                                 "application/pdf", editor)  # fmt: skip
    assert _writes(client, assessment, auth(editor), link, evidence) == [403] * 4
    assert (EvidenceLink.objects.count(), EvidenceFile.objects.count()) == (1, 1)


def test_a_new_member_can_be_made_responsible_and_a_former_one_not(
    client, editor, city, assessment
):
    newcomer = make_user("new@glasgow.test", full_name="Nina New")
    membership = Membership.objects.create(user=newcomer, city=city, role=Role.VIEWER)
    headers = auth(editor, write=True)
    ok = client.patch(url("record", assessment), {"revision": 0, "responsible_member":
                      newcomer.pk}, content_type="application/json", **headers)  # fmt: skip
    assert ok.status_code == 200
    membership.delete()
    refused = client.patch(url("record", assessment), {"revision": 1, "responsible_member":
                           newcomer.pk}, content_type="application/json", **headers)  # fmt: skip
    assert refused.status_code == 400


@pytest.mark.parametrize("private", [False, True])
def test_partner_sees_files_only_if_the_share_includes_them(
    client, world, editor, partner, partner_user, private
):
    shared = world["shared"]
    services.share(shared, partner, editor, include_private=private)
    rec = record(shared)
    evidence = EvidenceFile.objects.create(record=rec, file="evidence/x.pdf",
                                           original_name="budget.pdf",
                                           content_type="application/pdf", size=10)  # fmt: skip
    EvidenceLink.objects.create(record=rec, url="https://example.org/open", label="Open")
    headers = auth(partner_user)
    files = client.get(url("record_files", shared), **headers)
    one = client.get(url("record_file", shared, "L1S1", evidence.pk), **headers)
    links = client.get(url("record_links", shared), **headers)
    assert links.status_code == 200 and links.json()[0]["label"] == "Open"
    if private:
        assert [f["name"] for f in files.json()] == ["budget.pdf"]
        assert one.json()["name"] == "budget.pdf"
    else:
        assert (files.status_code, one.status_code) == (404, 404)
        assert "budget.pdf" not in files.content.decode() + one.content.decode()


def test_evidence_lists_take_a_fixed_number_of_queries(
    client, editor, assessment, django_assert_max_num_queries
):
    headers = auth(editor)
    targets = [url(n, assessment) for n in ("record_history", "record_links", "record_files")]
    services.add_link(record(assessment), "https://example.org/first", "x", editor)
    services.add_file(record(assessment), SimpleUploadedFile("first.pdf", PDF),
                      "application/pdf", editor)  # fmt: skip
    for target in targets:
        client.get(target, **headers)
    counts = []
    for target in targets:
        with django_assert_max_num_queries(14) as ctx:
            client.get(target, **headers)
        counts.append(len(ctx.captured_queries))
    for n in range(5):
        services.add_link(record(assessment), f"https://example.org/{n}", "x", editor)
        services.add_file(record(assessment), SimpleUploadedFile(f"{n}.pdf", PDF),
                          "application/pdf", editor)  # fmt: skip
    for target, before in zip(targets, counts, strict=True):
        with django_assert_max_num_queries(14) as ctx:
            assert client.get(target, **headers).status_code == 200
        assert len(ctx.captured_queries) == before, target
