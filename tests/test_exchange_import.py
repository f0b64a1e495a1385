"""Issue 26, points 2 and 3: an assessment enters a city, with a preview first, and an import
never damages what is there."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import City
from assessments import services
from assessments.models import Assessment, EvidenceFile

from .conftest import make_member
from .exchange_helpers import PDF, PDF_SHA, fill


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def exported(client, assessment, editor, tmp_path):
    """Glasgow's filled draft as a .zip and a .json exchange file."""
    fill(assessment, editor)
    call_command("export_assessment", str(assessment.pk), "-o", str(tmp_path / "glasgow.zip"))
    call_command("export_assessment", str(assessment.pk), "-o", str(tmp_path / "glasgow.json"))
    return tmp_path


def _upload(client, user, path, slug="riga"):
    client.force_login(user)
    with open(path, "rb") as f:
        return client.post(reverse("exchange:import", args=[slug]), {"file": f})


def _confirm(client, preview, slug="riga", **extra):
    ticket = preview.context["ticket"]
    return client.post(reverse("exchange:import", args=[slug]), {"ticket": ticket, **extra})


def test_the_page_shows_what_it_creates_then_creates_it(client, exported, other_city, outsider):
    preview = _upload(client, outsider, exported / "glasgow.zip")
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "It arrives as the city's draft." in text
    assert "Self-assessment 2026" in text and "1 evidence file" in text
    assert "Civil Contingencies Unit" in text and "editor@glasgow.test" in text  # stay names
    assert not other_city.assessments.exists()  # nothing yet
    response = _confirm(client, preview)
    imported = other_city.assessments.get()
    assert response.status_code == 302
    assert response.url == reverse("assessments:matrix", args=["riga", imported.pk])
    assert imported.is_draft and imported.records.count() == 90
    l1s1 = imported.records.get(action__code="L1S1")
    assert (l1s1.status, l1s1.note, str(l1s1.target_date)) == (
        "done", "Plan adopted in 2025", "2026-03-31"
    )  # fmt: skip
    assert l1s1.responsible_member is None and l1s1.responsible == "editor@glasgow.test"
    assert list(l1s1.links.values_list("url", "label")) == [
        ("https://example.org/plan", "Flood plan")
    ]
    evidence = l1s1.files.get()
    assert evidence.original_name == "plan.pdf" and evidence.file.read() == PDF
    assert imported.records.get(action__code="L1S2").na_reason == "No coastal districts"
    assert imported.audit_entries.filter(kind="changed", field="status").exists()


def test_owners_become_members_by_email(client, exported, other_city, outsider, editor):
    make_member("head@riga.test", "Henrik Head", other_city, "viewer")
    document = json.loads((exported / "glasgow.json").read_text())
    document["records"][2]["owner"] = "HEAD@riga.test"
    (exported / "riga.json").write_text(json.dumps(document))
    preview = _upload(client, outsider, exported / "riga.json")
    assert "head@riga.test → Henrik Head" in preview.content.decode()
    _confirm(client, preview)
    l1m1 = other_city.assessments.get().records.get(action__code=document["records"][2]["code"])
    assert l1m1.responsible_member.full_name == "Henrik Head" and l1m1.responsible == ""


def test_a_json_file_lists_its_files_and_brings_none(client, exported, other_city, outsider):
    preview = _upload(client, outsider, exported / "glasgow.json")
    assert "1 file is listed without its bytes" in preview.content.decode()
    _confirm(client, preview)
    assert not EvidenceFile.objects.filter(record__assessment__city=other_city).exists()


def test_a_signed_off_assessment_arrives_signed_off_and_read_only(
    client, assessment, editor, other_city, outsider, tmp_path
):
    fill(assessment, editor)
    assessment = services.submit(assessment, editor)
    call_command("export_assessment", str(assessment.pk), "-o", str(tmp_path / "a.json"))
    preview = _upload(client, outsider, tmp_path / "a.json")
    assert "It arrives signed off and read-only." in preview.content.decode()
    _confirm(client, preview)
    imported = other_city.assessments.get()
    assert not imported.is_draft and imported.submitted_at == assessment.submitted_at
    assert imported.subdimension_results.count() == 10  # counted by dashboards
    tick = reverse("assessments:tick", args=["riga", imported.pk, "L2M1"])
    client.post(tick, {"status": "done", "revision": 0})
    assert imported.records.get(action__code="L2M1").status == "in_progress"


def test_a_draft_meeting_the_citys_draft_comes_in_as_history_or_not_at_all(
    client, exported, assessment, editor
):
    preview = _upload(client, editor, exported / "glasgow.zip", slug="glasgow")
    assert "already has a draft, “Self-assessment 2026”" in preview.content.decode()
    assert "Import it signed off, as history" in preview.content.decode()
    with pytest.raises(CommandError, match="already has a draft"):
        call_command("import_assessment", "glasgow", str(exported / "glasgow.zip"))
    assert Assessment.objects.count() == 1
    _confirm(client, preview, slug="glasgow", as_history="on")
    imported = Assessment.objects.exclude(pk=assessment.pk).get()
    assert not imported.is_draft and imported.submitted_by == editor
    assert Assessment.objects.get(pk=assessment.pk).is_draft  # the city's draft untouched


def test_the_command_creates_the_city_from_the_file(exported):
    call_command("import_assessment", "glasgow-moved", str(exported / "glasgow.zip"))
    city = City.objects.get(slug="glasgow-moved")
    assert (city.name, city.country, city.region, city.population) == (
        "Glasgow", "GB", "Scotland", 635000
    )  # fmt: skip
    imported = city.assessments.get()
    assert imported.is_draft and imported.records.filter(status="done").count() == 1
    assert imported.records.get(action__code="L1S1").files.get().file.read() == PDF


def test_viewers_cannot_import(client, exported, viewer):
    response = _upload(client, viewer, exported / "glasgow.zip", slug="glasgow")
    assert response.status_code == 403


def test_a_stale_or_foreign_ticket_creates_nothing(client, exported, other_city, outsider, editor):
    preview = _upload(client, outsider, exported / "glasgow.zip")
    client.force_login(editor)  # another person, another city
    response = client.post(
        reverse("exchange:import", args=["glasgow"]), {"ticket": preview.context["ticket"]}
    )
    assert response.status_code == 302
    assert Assessment.objects.count() == 1


def test_schema_file_and_zip_entries_are_named_by_checksum(exported):
    import zipfile

    with zipfile.ZipFile(exported / "glasgow.zip") as package:
        document = json.loads(package.read("assessment.json"))
    assert document["records"][0]["files"][0]["sha256"] == PDF_SHA
