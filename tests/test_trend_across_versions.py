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


def _share(assessment, partner, editor):
    return services.share(services.submit(assessment, editor), partner, editor)


@pytest.fixture
def moved_and_shared(assessment, smr2, city, editor, partner):
    """Glasgow shared its 2018 assessment, then moved to 2.0 and shared that too; Oslo stayed
    on 2018 and shared it."""
    from .test_dashboard_versions import _shared

    # Every 2018 Starting action done: overall Starting on 2018. Through the crosswalk onto
    # 2.0 the new Starting actions (U1S1…) are not done: working on Starting there.
    starting = list(
        assessment.records.filter(action__stage__letter="S").values_list("action__code", flat=True)
    )
    mark_done(assessment, starting, editor)
    _share(assessment, partner, editor)
    newer = services.start_assessment(
        city, smr2, title="Self-assessment 2027", reference_date=date(2027, 3, 31), user=editor
    )
    _share(newer, partner, editor)
    from .conftest import make_city

    _shared(make_city("oslo", name="Oslo", country="NO"), assessment.model_version, partner, 2025)
    return assessment, newer


def test_the_2_0_dashboard_trend_reads_a_moved_citys_2018_years_through_the_crosswalk(
    client, partner_user, moved_and_shared, smr2
):
    older, _newer = moved_and_shared
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:dashboard", args=["iclei"]), {"version": smr2.slug})
    assert response.status_code == 200
    trend = {row["year"]: row["counts"] for row in response.context["trend"]}
    # Glasgow's 2018 assessment, scored on 2.0 (level 0: working on Starting), in its year;
    # Oslo (never moved) is not in the 2.0 trend.
    assert trend == {older.reference_date.year: [1, 0, 0, 0, 0, 0], 2027: [1, 0, 0, 0, 0, 0]}
    page = response.content.decode()
    assert 'id="trend-through"' in page
    assert "1 earlier assessment on SMR Resilience Maturity Model (2018)" in page
    # The moved city's 2.0 assessment is compared with its 2018 one read through the
    # crosswalk (both working on Starting on 2.0), never with the 2018 one's stored stage
    # (Starting on 2018, which would read as a move down).
    assert response.context["headline"]["moved"] == {
        "with_previous": 1, "overall": 0, "subdimension": 0,
    }  # fmt: skip


def test_a_moved_city_that_climbed_on_2_0_counts_as_moved_up_through_the_crosswalk(
    client, partner_user, partner, moved_and_shared, smr2, editor
):
    _older, newer = moved_and_shared
    # The shared 2.0 assessment climbs: reopened (its share withdrawn), every 2.0 Starting
    # action done (U1S1 and the other new ones too), signed off and shared again.
    reopened = services.reopen(newer, editor, "Starting actions finished")
    starting = list(
        reopened.records.filter(action__stage__letter="S").values_list("action__code", flat=True)
    )
    mark_done(reopened, starting, editor)
    _share(reopened, partner, editor)
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:dashboard", args=["iclei"]), {"version": smr2.slug})
    assert response.context["headline"]["moved"] == {
        "with_previous": 1, "overall": 1, "subdimension": 1,
    }  # fmt: skip
    assert "1 of them compared across a version change" in response.content.decode()


def test_the_2018_dashboard_trend_is_2018_only_and_says_nothing_of_a_crosswalk(
    client, partner_user, moved_and_shared, smr
):
    older, _newer = moved_and_shared
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:dashboard", args=["iclei"]), {"version": smr.slug})
    trend = {row["year"]: row["counts"] for row in response.context["trend"]}
    # Glasgow's 2018 (overall Starting) and Oslo's 2025 (working on Starting), as stored.
    assert trend[older.reference_date.year][1] >= 1
    assert 2027 not in trend
    assert 'id="trend-through"' not in response.content.decode()


def test_the_api_figures_say_how_many_went_through_the_crosswalk(
    client, partner_user, moved_and_shared, smr2
):
    from api.models import ApiToken

    _token, key = ApiToken.issue(partner_user, "test")
    url = reverse("api:figures", args=["iclei"])
    body = client.get(url, {"version": smr2.slug}, HTTP_AUTHORIZATION=f"Token {key}").json()
    assert body["trend_through_crosswalk"] == 1
    assert sum(level["cities"] for row in body["trend"] for level in row["levels"]) == 2


def test_the_2_0_dashboard_reads_moved_cities_in_queries_that_do_not_grow(
    client, partner_user, partner, smr, smr2
):
    """Catches a query per moved city (or per older assessment) in the crosswalk trend."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import make_city
    from .test_dashboard_versions import _shared

    def move(n):
        place = make_city(f"moved-{n}", name=f"Moved {n}", country="NO")
        _shared(place, smr, partner, 2025, ["L1S1"])
        _shared(place, smr2, partner, 2027, ["U1S1"])

    client.force_login(partner_user)
    url = reverse("dashboards:dashboard", args=["iclei"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"version": smr2.slug})
        assert response.status_code == 200
        return len(ctx.captured_queries), response.context["trend_through"].assessments

    move(0)
    before = count()
    for n in range(1, 4):
        move(n)
    after = count()
    assert (before[1], after[1]) == (1, 4)
    assert after[0] == before[0]


def test_merged_actions_count_as_met_only_when_all_their_sources_stood_alike():
    """2018's I1S1 and I1S2 merged into 2.0's I1S5 (the crosswalk file); carried forward,
    sources that stood differently give "in progress", which meets nothing."""
    from assessments.carry import inputs_through
    from maturity.crosswalk import crosswalks

    walk = crosswalks()[("smr-rmm-2018", "smr-maturity-model-2-0")]
    met, na = inputs_through(walk, {"I1S1", "I1S2"}, set())
    assert "I1S5" in met and not na
    met, na = inputs_through(walk, {"I1S1"}, set())
    assert "I1S5" not in met
    met, na = inputs_through(walk, {"I1S1", "I1S2"}, {"I1S1", "I1S2"})
    assert "I1S5" in met and "I1S5" in na
    # Done and not applicable are both met but not alike: in progress.
    met, na = inputs_through(walk, {"I1S1", "I1S2"}, {"I1S1"})
    assert "I1S5" not in met
    # A 2018 action no 2.0 action continues (L2M1, gone) brings nothing; U1S1 is new.
    met, _na = inputs_through(walk, {"L2M1"}, set())
    assert met == set()
