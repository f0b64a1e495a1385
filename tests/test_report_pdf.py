"""The PDF report a mayor hands out, read back with pdftotext: what a reader of the paper sees."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assessments import services
from maturity.models import Action, ModelVersion

from . import pdf_text
from .conftest import (
    FIXTURE_SLUG,
    make_editor,
    make_glasgow,
    make_viewer,
    start_signed_off,
    start_the_assessment,
)
from .render_once import rendered_once

# Every Starting action except P2's three, and L1's Moderate ones: P2 is the only subdimension
# still working on Starting (L2 and C2 have no Starting action, so they reach it at once).
STARTING = [
    "L1S1", "L1S2", "L3S1", "L4S1", "P1S1", "P1S2", "P1S3",
    "I1S1", "I1S2", "I1S3", "I2S1", "I2S2", "I2S3", "C1S1", "C1S2",
]  # fmt: skip
L1_MODERATE = ["L1M1", "L1M2", "L1M3", "L1M4"]
OWNER_MEMBER = "Victor Viewer"  # the viewer fixture, responsible for P2S1
OWNER_TEXT = "Roads Department"  # free text, responsible for P2S2
FILE = "board-minutes.pdf"  # evidence of L1S1


def _squash(text: str) -> str:
    """Text without any white space: a line break inside a sentence does not matter."""
    return re.sub(r"\s+", "", text)


def _work(assessment, viewer):
    """Glasgow's 2026 draft: Starting done everywhere but P2, L1 at Moderate, P2's first two
    actions owned with target dates, a file on L1S1; and last year's submitted assessment."""
    editor = assessment.created_by
    start_signed_off(
        assessment.city, assessment.model_version, title="Self-assessment 2025",
        reference_date=date(2025, 6, 30), user=editor,
        done={"action__code__in": ["L1S1", "L1S2"]},
    )  # fmt: skip

    assessment.records.filter(action__code__in=STARTING + L1_MODERATE).update(status="done")
    assessment.records.filter(action__code="P2S1").update(
        responsible_member=viewer, target_date=date(2026, 11, 30)
    )
    assessment.records.filter(action__code="P2S2").update(
        responsible=OWNER_TEXT, target_date=date(2027, 2, 28)
    )
    record = assessment.records.select_related("action").get(action__code="L1S1")
    record.assessment = assessment
    upload = SimpleUploadedFile(FILE, b"%PDF-1.4 minutes", content_type="application/pdf")
    services.add_file(record, upload, "application/pdf", editor)
    return assessment


@pytest.fixture
def worked(assessment, viewer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return _work(assessment, viewer)


def _download(client, user, assessment) -> bytes:
    client.force_login(user)
    response = client.get(reverse("reports:pdf", args=["glasgow", assessment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def _report(client, user, assessment) -> list[str]:
    return pdf_text.pages(_download(client, user, assessment))


@pytest.fixture(scope="module")
def worked_pages(django_db_setup, django_db_blocker, tmp_path_factory) -> tuple[str, ...]:
    """The worked draft's report as its editor downloads it, rendered once for the tests
    below that only read it (each rendered the same one, a few seconds each)."""

    def build() -> bytes:
        city = make_glasgow()
        editor = make_editor(city)
        smr = ModelVersion.objects.get(slug=FIXTURE_SLUG)
        assessment = _work(start_the_assessment(smr, city, editor), make_viewer(city))
        return _download(Client(), editor, assessment)

    media = tmp_path_factory.mktemp("report-pdf")
    return tuple(pdf_text.pages(rendered_once(django_db_blocker, media, build)))


@pytest.fixture
def worked_report(db, worked_pages) -> list[str]:
    """The text of each page of that report: `worked`'s, downloaded by `editor`."""
    return list(worked_pages)


@pytest.mark.pdf
def test_a_draft_carries_draft_on_every_page(worked_report):
    """Catches a mark on the first page only, or none: a draft must not pass for the final.
    In words, which a reader can find (the big diagonal mark is drawn, not text: see
    test_pdf_accessibility.py): the running header of every page, the cover's status."""
    pages = worked_report
    assert len(pages) >= 8
    assert [n for n, text in enumerate(pages, start=1) if "Draft" not in text] == []


@pytest.mark.pdf
def test_a_submitted_report_has_no_draft_mark(client, worked, editor):
    """Catches a mark printed whatever the status."""
    submitted = services.submit(worked, editor)
    pages = _report(client, editor, submitted)
    assert not any("DRAFT" in text or "Draft" in text for text in pages)
    assert "Signed off" in pages[0] and "by Ellen Editor," in " ".join(pages[0].split())


@pytest.mark.pdf
def test_every_action_text_is_printed_whole_in_the_matrix(worked_report, smr):
    """Catches the matrix cutting action texts (truncatechars) as it did: "city d…"."""
    pages = worked_report
    matrix = _squash(" ".join(p for p in pages if "Subdimension Starting Moderate" in p))
    texts = list(Action.objects.filter(subdimension__dimension__version=smr))
    assert len(texts) == 90
    cut = [a.code for a in texts if _squash(a.text) not in matrix]
    assert cut == []


@pytest.mark.pdf
def test_cover_then_executive_summary_with_no_contents_page(worked_report):
    """Catches the near-empty contents page coming back and a cover without stage reached."""
    pages = worked_report
    cover = " ".join(pages[0].split())
    assert "Glasgow" in cover and "stage reached" in cover.lower()
    # Overall: the lowest subdimension, P2, is still working on Starting.
    assert "Working on Starting" in cover and "Not started" not in cover
    assert "Not yet signed off (draft)" in cover
    assert " ".join(pages[1].replace("DRAFT", "").split()).startswith("Executive summary")
    assert not any("Contents" in p for p in pages)


@pytest.mark.pdf
def test_executive_summary_names_the_weakest_and_the_next_actions_owners(worked_report):
    """Catches a weakest/strongest taken in the wrong order, and next actions without owners."""
    summary = " ".join(worked_report[1].split())
    weakest = summary.split("Weakest:")[1].split(".")[0]
    assert weakest.startswith(" P2 Education and Training (Working on Starting")
    strongest = summary.split("Strongest:")[1].split(";")[0]
    l1 = "L1 Municipality, cross-sectiorial and multi-governance collaboration"
    assert strongest == f" {l1} (Moderate reached)"
    # The next actions, earliest stage first: P2's Starting actions lead, with their owners.
    assert "P2S1 Conduct training" in summary and f"{OWNER_MEMBER} 30 Nov 2026" in summary
    assert f"{OWNER_TEXT} 28 Feb 2027" in summary
    assert "Compared with “Self-assessment 2025”" in summary
    # 15 Starting and 4 Moderate done now; L1S1 and L1S2 were done last year already.
    assert "17 actions completed since" in summary


@pytest.mark.pdf
def test_priority_plan_groups_outstanding_actions_by_the_stage_they_unlock(
    client, worked, editor, catalogue
):
    """Catches a plan without owners, dates or crosswalk, or in the wrong order."""
    pages = _report(client, editor, worked)
    plan = " ".join(" ".join(p for p in pages if "Needed for" in p).split())
    assert plan.index("Needed for Starting") < plan.index("Needed for Moderate")
    starting = plan.split("Needed for Starting")[1].split("Needed for Moderate")[0]
    assert re.findall(r"\b(P2S\d)\b", starting)[:3] == ["P2S1", "P2S2", "P2S3"]
    assert f"Owner: {OWNER_MEMBER} · Target date: 30 Nov 2026" in starting
    assert "Scorecard:" in plan


def test_outsider_gets_404_for_the_report(client, worked, outsider):
    client.force_login(outsider)
    response = client.get(reverse("reports:pdf", args=["glasgow", worked.pk]))
    assert response.status_code == 404


@pytest.fixture
def shared(worked, partner, editor):
    submitted = services.submit(worked, editor)
    services.share(submitted, partner, editor)
    return submitted


@pytest.mark.pdf
def test_partner_without_private_parts_gets_no_file_or_names(client, shared, partner_user):
    """Catches a PDF that names owners, the signer or evidence files whatever the share says."""
    text = " ".join(" ".join(_report(client, partner_user, shared)).split())
    for private in (FILE, OWNER_MEMBER, OWNER_TEXT, "Ellen Editor"):
        assert private not in text, private
    assert "30 Nov 2026" in text  # target dates are always shared


@pytest.mark.pdf
def test_partner_with_private_parts_gets_files_and_names(client, shared, partner, editor,
                                                         partner_user):  # fmt: skip
    """Catches the private parts hidden even when the city included them."""
    services.share(shared, partner, editor, include_private=True)
    text = " ".join(" ".join(_report(client, partner_user, shared)).split())
    for private in (FILE, OWNER_MEMBER, OWNER_TEXT, "Ellen Editor"):
        assert private in text, private


@pytest.mark.pdf
def test_a_subdimension_that_moved_down_is_said_in_words(client, assessment, editor):
    """Catches the summary's sentence using the table cells' shorthand ("Starting…"), which
    reads as a typo in prose: P2 had its three Starting actions done last year, none now."""
    start_signed_off(
        assessment.city, assessment.model_version, title="Self-assessment 2025",
        reference_date=date(2025, 6, 30), user=editor,
        done={"action__code__in": ["P2S1", "P2S2", "P2S3"]},
    )  # fmt: skip
    summary = " ".join(_report(client, editor, assessment)[1].split())
    assert "Moved down: P2 (Starting → Working on Starting)." in summary
    change = summary.split("Change since the previous assessment")[1]
    assert "…" not in change  # stage 0 has one name, never the shorthand "Starting…"
