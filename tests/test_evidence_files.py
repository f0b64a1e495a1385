"""Evidence uploads: type, size and name checks; private storage served through the access rule."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

FORM = {"status": "in_progress", "note": "Draft plan attached", "responsible": "", "revision": 0}


def _post(client, assessment, upload):
    url = reverse("assessments:action", args=["glasgow", assessment.pk, "L1S1"])
    return client.post(url, {**FORM, "upload": upload})


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_pdf_is_stored_privately_and_downloaded_through_the_app(client, editor, assessment, viewer):
    client.force_login(editor)
    _post(client, assessment, SimpleUploadedFile("plan.pdf", b"%PDF-1.7 plan"))
    evidence = assessment.records.get(action__code="L1S1").files.get()
    assert evidence.original_name == "plan.pdf"
    assert "plan" not in evidence.file.name  # stored under a random name
    client.force_login(viewer)
    url = reverse("assessments:file", args=["glasgow", assessment.pk, "L1S1", evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 plan"
    assert 'attachment; filename="plan.pdf"' in response["Content-Disposition"]


def test_outsider_cannot_download_evidence(client, editor, assessment, outsider):
    client.force_login(editor)
    _post(client, assessment, SimpleUploadedFile("plan.pdf", b"%PDF-1.7 plan"))
    evidence = assessment.records.get(action__code="L1S1").files.get()
    client.force_login(outsider)
    url = reverse("assessments:file", args=["glasgow", assessment.pk, "L1S1", evidence.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("tool.exe", b"MZ...", b"Files of type .exe are not accepted"),
        ("plan.pdf", b"<script>alert(1)</script>", b"content is not a .pdf file"),
        (".htaccess", b"x", b"without folders"),
    ],
)
def test_bad_upload_is_refused_and_keeps_the_rest_of_the_form(
    client, editor, assessment, name, content, message
):
    client.force_login(editor)
    upload = SimpleUploadedFile("x.txt", content)
    upload.name = name  # the browser-sent name, path tricks included
    response = _post(client, assessment, upload)
    assert response.status_code == 400
    assert message in response.content
    assert b"Draft plan attached" in response.content  # what the user typed is still there
    record = assessment.records.get(action__code="L1S1")
    assert record.note == "" and record.revision == 0 and not record.files.exists()


def test_too_big_file_is_refused_with_the_limit(client, editor, assessment, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(editor)
    response = _post(client, assessment, SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2048))
    assert response.status_code == 400
    assert b"the limit is 1.0\xc2\xa0KB" in response.content
    assert not assessment.records.get(action__code="L1S1").files.exists()


def test_path_tricks_in_a_file_name_cannot_leave_the_evidence_folder(
    client, editor, assessment, settings
):
    client.force_login(editor)
    upload = SimpleUploadedFile("x.txt", b"minutes")
    upload.name = "..\\..\\settings.txt"  # a hostile client's name, with folder parts
    _post(client, assessment, upload)
    evidence = assessment.records.get(action__code="L1S1").files.get()
    assert evidence.original_name == "settings.txt"
    stored = (settings.MEDIA_ROOT / evidence.file.name).resolve()
    assert stored.is_relative_to((settings.MEDIA_ROOT / "evidence").resolve())
    assert stored.read_bytes() == b"minutes"
