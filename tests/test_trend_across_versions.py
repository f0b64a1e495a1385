"""A city's trend across a version change goes through the 2018 → 2.0 crosswalk and says so:
compare, the city's progress over time and the partner's trend by year score a 2018
assessment on 2.0 as carrying it forward would bring its answers, never beside 2.0 figures."""

from datetime import date

import pytest
from django.urls import reverse

from assessments import services
from assessments.results import compare

from .conftest import mark_done

# 2018's L1M4 is 2.0's L1M3, 2018's P1S2 is 2.0's I1S1, 2018's L1M3 (climate) became U1M1.
DONE_2018 = ["L1S1", "L1S2", "L1M4", "P1S2", "L1M3"]
DONE_2_0 = ["L1S1", "L1S2", "L1M3", "U1S1"]


@pytest.fixture
def moved(assessment, smr2, city, editor):
    """Glasgow's signed-off 2018 assessment and a 2.0 one started afresh (not carried)."""
    mark_done(assessment, DONE_2018, editor)
    older = services.submit(assessment, editor)
    newer = services.start_assessment(
        city, smr2, title="Self-assessment 2027", reference_date=date(2027, 3, 31), user=editor
    )
    mark_done(newer, DONE_2_0, editor)
    return older, newer


def test_compare_reads_the_2018_assessment_through_the_crosswalk(moved):
    older, newer = moved
    comparison = compare(newer, older)
    assert comparison.through is not None
    # Same action under a new code (L1M4 → L1M3) is not "completed"; U1S1 is new in 2.0.
    assert comparison.completed == ["U1S1"]
    # Done in 2018 as P1S2 and L1M3, not done in 2.0 as I1S1 and U1M1.
    assert comparison.reverted == ["I1S1", "U1M1"]
    rows = {r.code: r for r in comparison.rows}
    assert len(rows) == 12
    # U1 scored for the 2018 assessment too (through the crosswalk: nothing of U1S done).
    assert rows["U1"].level_before == 0 and rows["U1"].before_in_words == "Working on Starting"
    assert rows["L1"].before == "Starting" and rows["L1"].after == "Starting"


def test_compare_on_one_version_names_no_crosswalk(assessment, editor, city, smr):
    mark_done(assessment, ["L1S1"], editor)
    older = services.submit(assessment, editor)
    newer = services.start_assessment(
        city, smr, title="Again", reference_date=date(2027, 1, 1), user=editor, carry_from=older
    )
    assert compare(older, newer).through is None


def test_the_compare_page_says_it_went_through_the_crosswalk(client, editor, moved):
    older, newer = moved
    client.force_login(editor)
    url = reverse("assessments:compare", args=["glasgow"])
    page = client.get(url, {"a": older.pk, "b": newer.pk}).content.decode()
    assert 'id="through-crosswalk"' in page
    assert "is on SMR Resilience Maturity Model (2018)" in page
    assert "read through the version crosswalk to SMR Maturity Model 2.0" in page
    reverted = page[page.index('id="reverted-actions"') :]
    assert "U1M1" in reverted and "I1S1" in reverted


def test_the_city_page_progress_marks_the_2018_column_read_through_the_crosswalk(
    client, editor, moved
):
    client.force_login(editor)
    page = client.get(reverse("assessments:city", args=["glasgow"])).content.decode()
    assert 'id="progress-through"' in page
    older, _newer = moved
    assert f"{older.reference_date.year}†" in page
    # The chart's rows are the 2.0 model's twelve subdimensions, U1 and U2 included.
    chart = page[page.index('id="progress-title"') :]
    assert "U2" in chart[: chart.index("</figure>")]
