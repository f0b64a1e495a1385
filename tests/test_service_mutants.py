"""Assessment services and results, tested against the wrong versions mutmut found passing.

Expected values are written down from the SMR model (see test_scoring_mutants.py): L1 has
L1S1 L1S2 (Starting) then L1M1-4 (Moderate); L2 has no Starting action; C2 neither.
"""

import copy
from datetime import date

import pytest

from accounts.models import Partner
from assessments import services
from assessments.models import Share, SubdimensionResult
from assessments.results import compare
from audit.models import AuditEntry, Kind
from maturity.loader import load_model
from maturity.structure import load_structure

from .conftest import make_user, mark_done, record_of, start_signed_off, update_action


def _stage_events(assessment):
    return list(
        AuditEntry.objects.lifecycle_and_stages()
        .filter(assessment=assessment, kind=Kind.STAGE)
        .order_by("pk")
        .values_list("detail", "user__email")
    )


# Stage moves on the timeline (services._record_stage_move, stage_move_detail).


def test_reaching_a_stage_and_losing_it_are_put_on_the_timeline(assessment, editor):
    update_action(assessment, "L1S1", editor, status="done")
    assert _stage_events(assessment) == []  # L1 still working on Starting
    update_action(assessment, "L1S2", editor, status="done")
    assert _stage_events(assessment) == [("L1|0|1|Starting", "editor@glasgow.test")]
    update_action(assessment, "L1S2", editor, status="in_progress")
    assert _stage_events(assessment) == [
        ("L1|0|1|Starting", "editor@glasgow.test"),
        ("L1|1|0|Starting", "editor@glasgow.test"),  # back to working on Starting
    ]


def test_a_move_names_the_stage_reached_not_the_next(assessment, editor):
    mark_done(assessment, ["L1S1", "L1S2", "L1M1", "L1M2", "L1M3"], editor)
    AuditEntry.objects.lifecycle_and_stages().filter(kind=Kind.STAGE).delete()
    update_action(assessment, "L1M4", editor, status="done")
    assert _stage_events(assessment) == [("L1|1|2|Moderate", "editor@glasgow.test")]


def test_a_met_action_that_moves_no_stage_writes_no_event(assessment, editor):
    mark_done(assessment, ["L1S1", "L1S2"], editor)
    before = _stage_events(assessment)
    update_action(assessment, "L1M1", editor, status="done")  # Moderate still needs L1M2-4
    update_action(assessment, "L1M1", editor, note="a note only")
    update_action(
        assessment, "L1S1", editor, status="not_applicable", na_reason="No such team here"
    )
    assert _stage_events(assessment) == before


# The evidence bump of the revision (services._evidence_changed).


def test_adding_evidence_bumps_the_records_save_time_and_author(assessment, editor, viewer):
    record = record_of(assessment, "L1S1")
    stored_before = type(record).objects.get(pk=record.pk).updated_at
    services.add_link(record, "https://example.org/plan", "Plan", viewer)
    stored = type(record).objects.get(pk=record.pk)
    assert stored.updated_at > stored_before
    assert stored.updated_by == viewer and stored.revision == 1
    assert record.updated_by == viewer and record.updated_at == stored.updated_at


# Stored results (services.record_results, results_for).


def test_submitting_stores_each_subdimensions_result_with_done_and_na_masks(assessment, editor):
    mark_done(assessment, ["L1S1", "L1M1"], editor)
    update_action(assessment, "L1S2", editor, status="not_applicable", na_reason="Not our remit")
    submitted = services.submit(assessment, editor)
    rows = {
        r.code: (r.level, r.done, r.total, r.done_mask, r.na_mask)
        for r in SubdimensionResult.objects.filter(assessment=assessment)
    }
    assert len(rows) == 10
    assert rows["L1"] == (1, 2, 10, 0b101, 0b10)  # L1S1 and L1M1 done, L1S2 not applicable
    assert rows["L2"] == (1, 0, 4, 0, 0)
    assert rows["P1"] == (0, 0, 7, 0, 0)
    assert submitted.overall_level == 0
    submitted.refresh_from_db()
    assert submitted.overall_level == 0


def test_recording_results_again_replaces_them_and_sets_the_overall_level(smr, assessment, editor):
    everything = list(load_structure(smr).by_code)
    mark_done(assessment, everything, editor)
    services.record_results(assessment)
    services.record_results(assessment)
    assert SubdimensionResult.objects.filter(assessment=assessment).count() == 10
    assert assessment.overall_level == 5
    assessment.refresh_from_db()
    assert assessment.overall_level == 5


def test_recording_one_assessments_results_keeps_anothers(smr, assessment, editor):
    other = start_signed_off(
        assessment.city, smr, title="Other", reference_date=date(2025, 1, 1), user=editor
    )
    services.record_results(other)
    services.record_results(assessment)
    assert SubdimensionResult.objects.filter(assessment=other).count() == 10


# Which share is a city's latest with a partner (services.refresh_latest_share).


def _submitted(city, smr, editor, title, on):
    a = services.start_assessment(city, smr, title=title, reference_date=on, user=editor)
    return services.submit(a, editor)


def _latest():
    return sorted(
        Share.objects.filter(latest=True).values_list("assessment__title", "partner__slug")
    )


def test_the_latest_share_is_the_most_recent_assessment_per_city_and_partner(
    smr, city, other_city, editor, outsider, partner
):
    undrr = Partner.objects.create(name="UNDRR", slug="undrr")
    # The newer assessment is made first, so its id is the lower one.
    g2026 = _submitted(city, smr, editor, "Glasgow 2026", date(2026, 6, 1))
    g2025 = _submitted(city, smr, editor, "Glasgow 2025", date(2025, 6, 1))
    riga = _submitted(other_city, smr, outsider, "Riga 2024", date(2024, 6, 1))
    services.share(g2025, partner, editor)
    services.share(riga, partner, outsider)
    services.share(g2025, undrr, editor)
    assert _latest() == [
        ("Glasgow 2025", "iclei"),
        ("Glasgow 2025", "undrr"),
        ("Riga 2024", "iclei"),
    ]
    services.share(g2026, partner, editor)
    assert _latest() == [
        ("Glasgow 2025", "undrr"),
        ("Glasgow 2026", "iclei"),
        ("Riga 2024", "iclei"),
    ]
    services.unshare(g2026, partner, editor)
    assert _latest() == [
        ("Glasgow 2025", "iclei"),
        ("Glasgow 2025", "undrr"),
        ("Riga 2024", "iclei"),
    ]
    assert Share.objects.filter(latest=False).count() == 0


def test_on_the_same_reference_date_the_later_assessment_is_the_latest_share(
    smr, city, editor, partner
):
    first = _submitted(city, smr, editor, "First", date(2026, 6, 1))
    second = _submitted(city, smr, editor, "Second", date(2026, 6, 1))
    services.share(second, partner, editor)
    services.share(first, partner, editor)
    assert _latest() == [("Second", "iclei")]
    assert Share.objects.get(assessment=first).latest is False


# Comparing two assessments (results.compare), across model versions too.


@pytest.fixture
def smr_without_c2(db, smr_doc):
    """The SMR model under another slug, without subdimension C2."""
    doc = copy.deepcopy(smr_doc)
    doc["version"]["slug"] = "smr-without-c2"
    doc["version"]["name"] = "SMR without C2"
    cooperation = next(d for d in doc["dimensions"] if d["code"] == "C")
    cooperation["subdimensions"] = [s for s in cooperation["subdimensions"] if s["code"] != "C2"]
    return load_model(doc).version


def test_compare_across_model_versions_shows_a_new_subdimension_as_new(
    smr, smr_without_c2, city, editor
):
    older = services.start_assessment(
        city, smr_without_c2, title="Old", reference_date=date(2024, 1, 1), user=editor
    )
    mark_done(older, ["L1S1", "L1S2", "P1S1"], editor)
    older = services.submit(older, editor)  # one draft at a time
    newer = services.start_assessment(
        city, smr, title="New", reference_date=date(2026, 1, 1), user=editor
    )
    mark_done(newer, ["L1S1", "L1S2", "L1M1", "L1M2", "L1M3", "L1M4", "C2M1"], editor)
    result = compare(newer, older)  # either order: older first
    assert (result.older, result.newer) == (older, newer)
    rows = {r.code: r for r in result.rows}
    assert list(rows) == ["L1", "L2", "L3", "L4", "P1", "P2", "I1", "I2", "C1", "C2"]
    assert (rows["L1"].level_before, rows["L1"].level_after, rows["L1"].delta) == (1, 2, 1)
    assert (rows["L2"].level_before, rows["L2"].level_after, rows["L2"].delta) == (1, 1, 0)
    assert (rows["C2"].level_before, rows["C2"].level_after, rows["C2"].delta) == (None, 2, 2)
    assert rows["C2"].before == "—"
    assert rows["C2"].after == "Moderate"
    assert [r.code for r in result.moved_up] == ["L1", "C2"]
    assert result.moved_down == []
    assert result.completed == ["L1M1", "L1M2", "L1M3", "L1M4", "C2M1"]
    assert result.reverted == ["P1S1"]


def test_compare_in_one_version_lists_moves_down_and_reverted_actions(smr, city, editor):
    older = services.start_assessment(
        city, smr, title="Old", reference_date=date(2024, 1, 1), user=editor
    )
    mark_done(older, ["L2M1", "L2A1", "C2M1"], editor)
    older = services.submit(older, editor)  # one draft at a time
    newer = services.start_assessment(
        city, smr, title="New", reference_date=date(2026, 1, 1), user=editor
    )
    mark_done(newer, ["C2M1"], editor)
    result = compare(older, newer)
    rows = {r.code: r for r in result.rows}
    assert (rows["L2"].level_before, rows["L2"].level_after, rows["L2"].delta) == (3, 1, -2)
    assert (rows["C2"].level_before, rows["C2"].level_after, rows["C2"].delta) == (2, 2, 0)
    assert [r.code for r in result.moved_down] == ["L2"]
    assert result.completed == []
    assert result.reverted == ["L2M1", "L2A1"]


# What holds a dimension or the city back (Scorecard.holding_back).


def test_holding_back_names_the_lowest_subdimensions_with_a_stage_to_reach(smr):
    structure = load_structure(smr)
    card = structure.score(["L1S1", "L1S2", "L1M1", "L1M2", "L1M3", "L1M4", "L3S1", "L4S1"])
    assert [s.code for s, _r in card.holding_back("L")] == ["L2", "L3", "L4"]
    assert [s.code for s, _r in card.holding_back("C")] == ["C1"]
    assert [s.code for s, _r in card.holding_back()] == ["P1", "P2", "I1", "I2", "C1"]
    assert card.holding_back("X") == []
    everything = structure.score(list(structure.by_code))
    assert everything.holding_back() == [] and everything.holding_back("L") == []


# Messages a refused save carries (shown on the conflict page and in logs).


def test_a_stale_record_says_what_happened(assessment, editor):
    colleague = make_user("colleague@glasgow.test")
    record = record_of(assessment, "L1S1")
    update_action(assessment, "L1S1", colleague, note="theirs")
    with pytest.raises(services.StaleRecord) as refused:
        services.update_record(record, {"note": "mine"}, revision=0, user=editor)
    assert str(refused.value) == "This action was changed by someone else since you opened it."


def test_an_assessments_scorecard_loads_its_own_structure(assessment, editor):
    from assessments.results import stage_profile

    mark_done(assessment, ["L1S1", "L1S2", "L2M1"], editor)
    profile = stage_profile(assessment).profile()
    assert (profile["L1"], profile["L2"], profile["L3"]) == (1, 2, 0)


def test_a_submitted_assessment_refuses_changes_and_says_why(assessment, editor):
    services.submit(assessment, editor)
    record = record_of(assessment, "L1S1")
    record.assessment.refresh_from_db()
    with pytest.raises(services.AssessmentLocked) as refused:
        services.update_record(record, {"status": "done"}, revision=0, user=editor)
    assert str(refused.value) == (
        "This assessment is submitted and read-only. An editor can reopen it."
    )
    assert assessment.records.get(action__code="L1S1").status == "not_started"
