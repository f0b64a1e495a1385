"""Not applicable: only with a reason, met for the stage, never counted as done, shown apart."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.models import SubdimensionResult
from audit.models import AuditEntry

from . import pdf_text
from .conftest import mark_done

REASON = "The national agency runs these drills; the city takes part but cannot conduct them."


def _save(client, assessment, code, **fields):
    record = assessment.records.get(action__code=code)
    data = {"status": "not_applicable", "revision": record.revision, **fields}
    return client.post(reverse("assessments:action", args=["glasgow", assessment.pk, code]), data)


def test_not_applicable_needs_a_written_reason(client, editor, assessment):
    client.force_login(editor)
    response = _save(client, assessment, "L1S2", note="kept in the form")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say why this action does not apply" in html and "kept in the form" in html
    assert assessment.records.get(action__code="L1S2").status == "not_started"


def test_the_quick_controls_cannot_mark_it(client, editor, assessment):
    client.force_login(editor)
    url = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S2"])
    response = client.post(url, {"status": "not_applicable", "revision": 0}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert assessment.records.get(action__code="L1S2").status == "not_started"


def test_it_counts_as_met_for_the_stage_and_is_shown_apart(client, editor, assessment):
    mark_done(assessment, ["L1S1"], editor)
    client.force_login(editor)
    assert _save(client, assessment, "L1S2", na_reason=REASON).status_code == 302
    html = client.get(reverse("assessments:matrix", args=["glasgow", assessment.pk])).content
    html = html.decode()
    header = html[html.index('id="sub-L1"') :]
    header = header[: header.index("</th>")]
    assert 'class="stage-badge stage-1"' in header  # L1 reached Starting
    assert "Moderate: 0 of 4 done · 1 N/A" in header
    card = html[html.index('id="card-L1S2"') :]
    assert "Not applicable" in card[: card.index("</article>")]
    assert "1 of 90 actions done" in html and "1 not applicable" in html


def test_history_records_it_with_the_reason(client, editor, assessment):
    client.force_login(editor)
    _save(client, assessment, "L1S2", na_reason=REASON)
    changes = dict(
        AuditEntry.objects.record_changes()
        .filter(record__action__code="L1S2")
        .values_list("field", "new")
    )
    assert changes == {"status": "not_applicable", "na_reason": REASON}
    page = client.get(reverse("assessments:action", args=["glasgow", assessment.pk, "L1S2"]))
    assert "Not started → Not applicable" in page.content.decode()


@pytest.mark.pdf
def test_the_pdf_shows_it_with_its_reason(client, editor, assessment):
    client.force_login(editor)
    _save(client, assessment, "P2A2", na_reason=REASON)
    pdf = client.get(reverse("reports:pdf", args=["glasgow", assessment.pk])).content
    text = " ".join(pdf_text.text(pdf, "").split())
    assert "Not applicable, with the reason" in text and "national agency runs these drills" in text


def test_the_xlsx_shows_it_with_its_reason_and_the_work_plan_leaves_it_out(
    client, editor, assessment
):
    client.force_login(editor)
    _save(client, assessment, "P2A2", na_reason=REASON)
    xlsx = client.get(reverse("reports:xlsx", args=["glasgow", assessment.pk])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "P2A2")
    assert row[header.index("Status")] == "Not applicable"
    assert row[header.index("Why not applicable")] == REASON
    work_plan = client.get(reverse("reports:workplan", args=["glasgow", assessment.pk, "csv"]))
    assert "P2A2" not in work_plan.content.decode("utf-8-sig")  # met: not outstanding


def test_dashboards_store_it_as_met_not_done(editor, assessment):
    mark_done(assessment, ["L1S1"], editor)
    record = assessment.records.select_related("action__subdimension").get(action__code="L1S2")
    record.assessment = assessment
    services.update_record(
        record,
        {"status": "not_applicable", "na_reason": REASON},
        revision=record.revision,
        user=editor,
    )
    services.submit(assessment, editor)
    l1 = SubdimensionResult.objects.get(assessment=assessment, code="L1")
    # L1's actions in model order: L1S1 is bit 0, L1S2 bit 1.
    assert (l1.level, l1.done, l1.done_mask, l1.na_mask) == (1, 1, 0b01, 0b10)
