"""Reports: real PDFs rendered by WeasyPrint and read back, and spreadsheet exports."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.matrix import build_matrix

from . import pdf_text
from .conftest import mark_done

DONE = ["L1S1", "L1S2", "L2M1", "P1S1", "P1S2", "P1S3", "C1S1", "C1S2", "C1M1", "C1M2"]


def _pdf_text(content: bytes) -> tuple[str, int]:
    pages = pdf_text.pages(content)
    return "\n".join(pages), len(pages)


@pytest.fixture
def filled(assessment, editor, catalogue):
    mark_done(assessment, DONE, editor)
    record = assessment.records.get(action__code="L1S1")
    record.assessment = assessment
    services.update_record(
        record, {"note": "Mayoral decree 2026/14"}, revision=record.revision, user=editor
    )
    return services.submit(assessment, editor)


@pytest.mark.pdf
def test_pdf_report_shows_city_stages_and_every_missing_action(client, filled, viewer):
    client.force_login(viewer)
    response = client.get(reverse("reports:pdf", args=["glasgow", filled.pk]))
    assert response["Content-Type"] == "application/pdf"
    text, pages = _pdf_text(response.content)
    assert "Glasgow" in text and "Signed off" in text and "by Ellen Editor" in text
    assert "Mayoral decree 2026/14" in text
    matrix = build_matrix(filled)
    for sub, result in matrix.scorecard.rows:
        assert f"{sub.code} {sub.title}" in text.replace("\n", " ")
        assert (result.reached.name if result.reached else "Working on") in text
        for action in result.missing:
            assert action.code in text, action.code
    assert "Moderate reached" in text  # L2: Starting has no actions, L2M1 done
    assert 8 <= pages <= 40


def test_what_the_pdf_report_prints_on_every_database(client, filled, viewer, pdf_as_html):
    """The test above without WeasyPrint's layout, so that it runs on PostgreSQL too."""
    client.force_login(viewer)
    text = pdf_as_html(client.get(reverse("reports:pdf", args=["glasgow", filled.pk])).content)
    assert "Glasgow" in text and "Signed off" in text and "by Ellen Editor" in text
    assert "Mayoral decree 2026/14" in text
    matrix = build_matrix(filled)
    for sub, result in matrix.scorecard.rows:
        assert f"{sub.code} {sub.title}" in text
        assert (result.reached.name if result.reached else "Working on") in text
        for action in result.missing:
            assert action.code in text, action.code
    assert "Moderate reached" in text


def test_pdf_report_is_refused_to_outsiders_with_404(client, filled, outsider):
    client.force_login(outsider)
    response = client.get(reverse("reports:pdf", args=["glasgow", filled.pk]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.pdf
def test_report_includes_changes_since_the_previous_assessment(filled, editor, smr, city, tmp_path):
    from datetime import date

    later = services.start_assessment(
        city, smr, title="2027", reference_date=date(2027, 6, 1), user=editor, carry_from=filled
    )
    mark_done(later, ["P2S1"], editor)
    out = tmp_path / "report.pdf"
    call_command("render_report", str(later.pk), "-o", str(out))
    text, _pages = _pdf_text(out.read_bytes())
    assert "Compared with “Self-assessment 2026”" in text
    # The action by its code and its text (issue 25, finding 4: names beside codes).
    words = " ".join(text.split())
    assert "Actions completed since: P2S1 Conduct training and arrange emergency drills" in words


def test_changes_since_the_previous_assessment_on_every_database(
    filled, editor, smr, city, tmp_path, pdf_as_html
):
    from datetime import date

    later = services.start_assessment(
        city, smr, title="2027", reference_date=date(2027, 6, 1), user=editor, carry_from=filled
    )
    mark_done(later, ["P2S1"], editor)
    out = tmp_path / "report.html"
    call_command("render_report", str(later.pk), "-o", str(out))
    text = pdf_as_html(out.read_bytes())
    assert "Compared with “Self-assessment 2026”" in text
    # The action by its code and its text (issue 25, finding 4: names beside codes).
    words = " ".join(text.split())
    assert "Actions completed since: P2S1 Conduct training and arrange emergency drills" in words


def test_assessment_xlsx_has_one_row_per_action(client, filled, editor):
    client.force_login(editor)
    response = client.get(reverse("reports:xlsx", args=["glasgow", filled.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Code", "Dimension", "Subdimension", "Stage", "Action", "Status")
    assert len(rows) == 91
    l1s1 = next(r for r in rows if r[0] == "L1S1")
    assert l1s1[5] == "Done" and l1s1[6] == "Mayoral decree 2026/14"


def test_work_plan_lists_outstanding_actions_next_stage_first(client, filled, editor):
    client.force_login(editor)
    response = client.get(reverse("reports:workplan", args=["glasgow", filled.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    codes = [r[1] for r in rows[1:]]
    assert len(codes) == 90 - len(DONE) and not set(codes) & set(DONE)
    assert codes.index("L1M1") < codes.index("L1T1")
    assert rows[1][5]  # the first rows unlock a next stage
    xlsx = client.get(reverse("reports:workplan", args=["glasgow", filled.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet["B"]][1:] == codes


@pytest.mark.pdf
def test_blank_worksheet_lists_every_action(client, smr, viewer):
    client.force_login(viewer)
    response = client.get(reverse("reports:worksheet", args=[smr.slug]))
    text, pages = _pdf_text(response.content)
    codes = smr.dimensions.values_list("subdimensions__actions__code", flat=True)
    assert all(code in text for code in codes)
    assert "I1T2" not in text and pages >= 3


def test_what_the_blank_worksheet_prints_on_every_database(client, smr, viewer, pdf_as_html):
    client.force_login(viewer)
    text = pdf_as_html(client.get(reverse("reports:worksheet", args=[smr.slug])).content)
    codes = smr.dimensions.values_list("subdimensions__actions__code", flat=True)
    assert all(code in text for code in codes)
    assert "I1T2" not in text
