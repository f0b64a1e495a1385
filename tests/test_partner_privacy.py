"""What a partner sees is the city's choice: stages, statuses, N/A reasons, notes, links and
target dates always; evidence files, who changed what and responsible people's names only when
the city's share includes them."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from assessments.models import Share

NOTE = "Council adopted the plan in March"
LINK = "https://example.org/resilience-plan"
FILE = "board-minutes.pdf"
OWNER = "Roads Department"


@pytest.fixture
def shared(assessment, editor, viewer, partner, settings, tmp_path):
    """Glasgow's submitted assessment: L1S1 done with a note, a link, a file, the viewer
    (Victor Viewer) responsible and a target date; L1S2 owned by a department; shared with
    ICLEI without the private parts."""
    settings.MEDIA_ROOT = tmp_path
    record = assessment.records.select_related("action").get(action__code="L1S1")
    record.assessment = assessment
    record = services.update_record(
        record,
        {"status": "done", "note": NOTE, "responsible_member": viewer,
         "target_date": date(2026, 9, 30)},
        revision=record.revision, user=editor,
    )  # fmt: skip
    services.add_link(record, LINK, "Plan", editor)
    upload = SimpleUploadedFile(FILE, b"%PDF-1.4 minutes", content_type="application/pdf")
    evidence = services.add_file(record, upload, "application/pdf", editor)
    other = assessment.records.select_related("action").get(action__code="L1S2")
    other.assessment = assessment
    services.update_record(other, {"responsible": OWNER}, revision=other.revision, user=editor)
    assessment = services.submit(assessment, editor)
    services.share(assessment, partner, editor)
    return {"assessment": assessment, "file": evidence}


def _history(page: str) -> str:
    """The timeline's entries (the header above them names who signed off)."""
    return page.split('class="list-unstyled timeline"')[1].split("</ol>")[0]


def _pages(assessment, evidence):
    args = ["glasgow", assessment.pk]
    return {
        "action": reverse("assessments:action", args=[*args, "L1S1"]),
        "owned": reverse("assessments:action", args=[*args, "L1S2"]),
        "timeline": reverse("assessments:timeline", args=args),
        "matrix": reverse("assessments:matrix", args=args),
        "file": reverse("assessments:file", args=[*args, "L1S1", evidence.pk]),
    }


def test_partner_without_private_parts_sees_no_file_and_no_name(client, shared, partner_user):
    """Catches a page that shows files, history names or owners whatever the share says."""
    pages = _pages(shared["assessment"], shared["file"])
    client.force_login(partner_user)
    action = client.get(pages["action"]).content.decode()
    assert NOTE in action and LINK in action and "2026-09-30" in action  # always shared
    for private in (FILE, "Victor Viewer", "Ellen Editor"):
        assert private not in action
    assert OWNER not in client.get(pages["owned"]).content.decode()
    timeline = _history(client.get(pages["timeline"]).content.decode())
    for private in (FILE, "Victor Viewer", "Ellen Editor", OWNER):
        assert private not in timeline
    matrix = client.get(pages["matrix"]).content.decode()
    assert "Victor Viewer" not in matrix and OWNER not in matrix
    assert "Ellen Editor" not in matrix and "signed off on" in matrix  # the header too
    assert client.get(pages["file"]).status_code == 404


def test_partner_with_private_parts_sees_files_and_names(client, shared, partner, editor,
                                                          partner_user):  # fmt: skip
    """Catches the private parts hidden from a partner even when the city included them."""
    services.share(shared["assessment"], partner, editor, include_private=True)
    pages = _pages(shared["assessment"], shared["file"])
    client.force_login(partner_user)
    action = client.get(pages["action"]).content.decode()
    assert FILE in action and "Victor Viewer" in action and "Ellen Editor" in action
    assert OWNER in client.get(pages["owned"]).content.decode()
    assert "Ellen Editor" in _history(client.get(pages["timeline"]).content.decode())
    response = client.get(pages["file"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"


def test_members_always_see_files_and_names(client, shared, viewer):
    pages = _pages(shared["assessment"], shared["file"])
    client.force_login(viewer)
    action = client.get(pages["action"]).content.decode()
    assert FILE in action and "Victor Viewer" in action
    assert client.get(pages["file"]).status_code == 200


def test_sharing_page_says_what_the_partner_will_see(client, shared, editor):
    """Catches a preview that does not count this assessment's private parts."""
    client.force_login(editor)
    url = reverse("assessments:sharing", args=["glasgow", shared["assessment"].pk])
    page = client.get(url).content.decode()
    assert "Evidence notes and evidence links" in page
    assert "1 evidence file (the file itself and its name)" in page
    assert "responsible for 2 actions" in page
    assert "Yes, without evidence files or names" in page
    assert 'name="include_private"' in page


def test_editor_ticks_and_unticks_include_private(client, shared, editor, partner):
    """Catches the checkbox being ignored, or a re-share that cannot take the choice back."""
    client.force_login(editor)
    url = reverse("assessments:sharing", args=["glasgow", shared["assessment"].pk])
    client.post(url, {"partner": partner.pk, "action": "share", "include_private": "on"})
    assert Share.objects.get().include_private is True
    assert "Yes, with evidence files and names" in client.get(url).content.decode()
    client.post(url, {"partner": partner.pk, "action": "share"})
    assert Share.objects.get().include_private is False


def test_shared_assessment_has_a_breadcrumb_back_to_the_dashboard(client, shared, partner_user):
    client.force_login(partner_user)
    page = client.get(_pages(shared["assessment"], shared["file"])["matrix"]).content.decode()
    assert f'href="{reverse("dashboards:dashboard", args=["iclei"])}"' in page
    assert "ICLEI Europe dashboard" in page
    assert "which the city shared with your organisation" in page
    assert "shared it without evidence files or people" in page
