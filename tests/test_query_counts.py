"""The main pages issue a fixed number of queries, however many actions are done."""

from django.urls import reverse

from .conftest import mark_done

ALL_CODES_SAMPLE = ["L1S1", "L1S2", "P1S1", "P1S2", "P1S3", "C1S1", "C1S2", "I1S1", "I2S1"]


def _count(client, django_assert_max_num_queries, url, limit):
    # Warm: a published model's structure is read once per process, then kept.
    client.get(url)
    with django_assert_max_num_queries(limit) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_matrix_page_queries_do_not_grow_with_progress(
    client, editor, assessment, django_assert_max_num_queries
):
    client.force_login(editor)
    url = reverse("assessments:matrix", args=["glasgow", assessment.pk])
    empty = _count(client, django_assert_max_num_queries, url, 15)
    mark_done(assessment, ALL_CODES_SAMPLE, editor)
    assessment.records.update(status="done", note="evidence")
    full = _count(client, django_assert_max_num_queries, url, 15)
    assert full == empty


def test_action_update_uses_a_fixed_number_of_queries(
    client, editor, assessment, django_assert_max_num_queries
):
    client.force_login(editor)
    assessment.records.update(status="done")
    client.get(reverse("assessments:matrix", args=["glasgow", assessment.pk]))  # warm
    url = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S1"])
    # Every live update (card, badges, headline, chart, missing list) and the stage change on
    # the timeline included.
    with django_assert_max_num_queries(14):
        response = client.post(
            url, {"status": "not_started", "revision": 0}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200


def test_city_page_queries_do_not_grow_with_assessments(
    client, editor, assessment, smr, city, django_assert_max_num_queries
):
    from datetime import date

    from .conftest import start_signed_off

    client.force_login(editor)
    url = reverse("assessments:city", args=["glasgow"])
    one = _count(client, django_assert_max_num_queries, url, 12)
    for year in (2023, 2024, 2025):
        start_signed_off(city, smr, title=str(year), reference_date=date(year, 1, 1), user=editor)
    assert _count(client, django_assert_max_num_queries, url, 12) == one


def test_a_tick_reads_the_statuses_once_and_stays_within_twelve_queries(
    client, editor, assessment, django_assert_max_num_queries
):
    """The update scores the assessment for the timeline's stage move and the page shows
    that scoring: one read of the statuses, not one for the timeline and one for the page."""
    client.force_login(editor)
    assessment.records.filter(action__code__startswith="L1S").update(status="done")
    client.get(reverse("assessments:matrix", args=["glasgow", assessment.pk]))  # warm
    url = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S1"])
    with django_assert_max_num_queries(12) as ctx:
        response = client.post(
            url, {"status": "not_started", "revision": 0}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    # Reads of action codes with their statuses (not the ticked record itself).
    reads = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith('SELECT "maturity_action"."code"')
        or q["sql"].startswith('SELECT "assessments_actionrecord"."assessment_id"')
    ]
    assert len(reads) == 1, reads
