"""An assessment on the SMR Maturity Model 2.0 (124 actions, five dimensions) scores and shows
on every page, report, export and the API, as a 2018 one does."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from api.models import ApiToken
from assessments import services
from assessments.matrix import build_matrix

from . import pdf_text
from .conftest import mark_done

DONE = ["L2M1", "U1S1", "U1S3", "U1S4", "U2S1", "U2S4"]


@pytest.fixture
def on_2_0(smr2, city, editor):
    assessment = services.start_assessment(
        city, smr2, title="Self-assessment 2027", reference_date=_date(), user=editor
    )
    mark_done(assessment, DONE, editor)
    return assessment


def _date():
    from datetime import date

    return date(2027, 3, 31)


def test_a_2_0_assessment_has_124_records_and_scores_by_the_cumulative_rule(on_2_0):
    assert on_2_0.records.count() == 124
    card = build_matrix(on_2_0).scorecard
    assert card.subdimensions["U1"].reached.name == "Starting"
    assert card.subdimensions["U2"].reached.name == "Starting"
    assert card.subdimensions["L2"].reached.name == "Moderate"  # no Starting action in L2
    assert card.subdimensions["C1"].reached is None
    assert set(card.dimensions) == {"L", "P", "I", "C", "U"}


def test_matrix_shows_the_fifth_dimension_and_its_actions(client, viewer, on_2_0):
    client.force_login(viewer)
    response = client.get(reverse("assessments:matrix", args=["glasgow", on_2_0.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Landscape and urban planning" in page
    assert "Urban development" in page and "Environmental" in page
    assert "U2T1" in page and "Maintain a continuous evaluation of the ecosystem services." in page
    assert "SMR Maturity Model 2.0" in page


def test_action_page_and_next_steps_work_on_2_0(client, viewer, on_2_0):
    client.force_login(viewer)
    action = client.get(reverse("assessments:action", args=["glasgow", on_2_0.pk, "U2T1"]))
    assert action.status_code == 200
    assert "Maintain a continuous evaluation of the ecosystem services." in action.text
    steps = client.get(reverse("assessments:next_steps", args=["glasgow", on_2_0.pk]))
    assert steps.status_code == 200
    assert "U1M1" in steps.text  # next for Urban development, Starting reached


def test_pdf_report_of_a_2_0_assessment_lists_the_new_subdimensions(
    client, viewer, on_2_0, pdf_as_html
):
    client.force_login(viewer)
    response = client.get(reverse("reports:pdf", args=["glasgow", on_2_0.pk]))
    assert response.status_code == 200
    text = pdf_as_html(response.content)
    assert "U1 Urban development" in text and "U2 Environmental" in text
    assert "Landscape and urban planning" in text


@pytest.mark.pdf
def test_pdf_report_of_a_2_0_assessment_renders(client, viewer, on_2_0):
    client.force_login(viewer)
    response = client.get(reverse("reports:pdf", args=["glasgow", on_2_0.pk]))
    text = pdf_text.text(response.content, " ")
    assert "U2T1" in text


def test_xlsx_of_a_2_0_assessment_has_its_124_actions(client, viewer, on_2_0):
    client.force_login(viewer)
    response = client.get(reverse("reports:xlsx", args=["glasgow", on_2_0.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    codes = {
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and len(cell.value) == 4 and cell.value[1].isdigit()
    }
    assert {"U1S1", "U2T1", "I1T6", "L4T3"} <= codes
    assert "P1S2" not in codes  # 2018's code, not in 2.0


def test_api_lists_the_124_records_and_the_stages_of_a_2_0_assessment(client, editor, on_2_0):
    _token, key = ApiToken.issue(editor, "test")
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
    records = client.get(reverse("api:records", args=["glasgow", on_2_0.pk]), **headers).json()
    assert records["count"] == 124
    listed = [r["code"] for r in records["results"]]
    assert "U2R4" in listed and len(listed) == 124
    detail = client.get(reverse("api:assessment", args=["glasgow", on_2_0.pk]), **headers)
    body = detail.json()
    assert detail.status_code == 200
    assert "U1" in str(body) and "smr-maturity-model-2-0" in str(body)


def test_starting_an_assessment_offers_2_0_first_with_what_changed(client, editor, smr2):
    client.force_login(editor)
    page = client.get(reverse("assessments:new", args=["glasgow"])).content.decode()
    newest = page.index("SMR Maturity Model 2.0: Five dimensions instead of four")
    assert newest < page.index("SMR Resilience Maturity Model (2018)")
    chosen = re.search(rf'<input[^>]*value="{smr2.pk}"[^>]*>', page)[0]
    assert "checked" in chosen


def test_a_2_0_assessment_carries_forward_into_the_next_2_0_one_code_for_code(
    client, editor, on_2_0, city, smr2
):
    from .conftest import record_of, update_action

    update_action(on_2_0, "U2S4", editor, note="Council target: -55 % by 2030")
    older = services.submit(on_2_0, editor)  # one open draft at a time
    newer = services.start_assessment(
        city, smr2, title="Self-assessment 2028", reference_date=_date().replace(year=2028),
        user=editor, carry_from=older,
    )  # fmt: skip
    done = set(newer.records.filter(status="done").values_list("action__code", flat=True))
    assert done == set(DONE)
    assert record_of(newer, "U2S4").note == "Council target: -55 % by 2030"
    # Within one version nothing is left behind: no "what could not come over" to list.
    client.force_login(editor)
    page = client.get(reverse("assessments:carried_forward", args=["glasgow", newer.pk]))
    assert "This assessment was not carried forward from another model version." in page.text
