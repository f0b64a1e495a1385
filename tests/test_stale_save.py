"""The stale-save guard of `services.update_record`, on any database.

tests/test_concurrent_saves.py races two threads on PostgreSQL. These tests reach the same
window on SQLite by saving "as a colleague" between loading the record and saving it, so the
conditional `UPDATE … WHERE revision = n` is the only thing that can refuse the save.
"""

import pytest

from assessments import services
from assessments.models import ActionRecord
from audit.models import AuditEntry


def _loaded(assessment, code="L1S1"):
    record = assessment.records.select_related("action").get(action__code=code)
    record.assessment = assessment
    return record


def test_a_save_behind_the_records_back_is_refused_and_the_colleagues_note_kept(assessment, editor):
    """Catches: the conditional UPDATE without `revision=revision` (a blind overwrite)."""
    record = _loaded(assessment)
    assert record.revision == 0
    ActionRecord.objects.filter(pk=record.pk).update(revision=1, note="colleague")

    with pytest.raises(services.StaleRecord) as refused:
        services.update_record(record, {"note": "mine", "status": "done"}, revision=0, user=editor)

    stored = ActionRecord.objects.get(pk=record.pk)
    assert (stored.note, stored.status, stored.revision) == ("colleague", "not_started", 1)
    assert (refused.value.current.note, refused.value.current.revision) == ("colleague", 1)
    assert not AuditEntry.objects.record_changes().filter(record=record).exists()
    assert (record.note, record.revision) == ("", 0)  # the caller's copy is left as it was


def test_a_revision_older_than_the_loaded_record_is_refused(assessment, editor):
    record = _loaded(assessment)
    services.update_record(record, {"note": "first"}, revision=0, user=editor)
    assert record.revision == 1
    with pytest.raises(services.StaleRecord) as refused:
        services.update_record(record, {"note": "second"}, revision=0, user=editor)
    assert refused.value.current.note == "first"
    assert ActionRecord.objects.get(pk=record.pk).note == "first"


def test_a_save_at_the_current_revision_writes_the_changes_and_their_history(assessment, editor):
    record = _loaded(assessment)
    saved = services.update_record(
        record, {"note": "mine", "status": "done", "not_a_field": "x"}, revision=0, user=editor
    )
    assert saved is record
    assert (record.note, record.status, record.revision, record.updated_by) == (
        "mine",
        "done",
        1,
        editor,
    )
    stored = ActionRecord.objects.get(pk=record.pk)
    assert (stored.note, stored.status, stored.revision, stored.updated_by) == (
        "mine",
        "done",
        1,
        editor,
    )
    history = sorted(
        AuditEntry.objects.record_changes()
        .filter(record=record)
        .values_list("field", "old", "new", "user")
    )
    assert history == [
        ("note", "", "mine", editor.pk),
        ("status", "not_started", "done", editor.pk),
    ]


def test_an_unchanged_save_writes_nothing(assessment, editor):
    record = _loaded(assessment)
    services.update_record(record, {"note": "", "status": "not_started"}, revision=0, user=editor)
    assert ActionRecord.objects.get(pk=record.pk).revision == 0
    assert not AuditEntry.objects.record_changes().filter(record=record).exists()


def test_a_dates_history_is_written_as_iso_and_a_cleared_one_as_empty(assessment, editor):
    from datetime import date

    record = _loaded(assessment)
    services.update_record(record, {"target_date": date(2027, 3, 31)}, revision=0, user=editor)
    services.update_record(record, {"target_date": None}, revision=1, user=editor)
    history = list(
        AuditEntry.objects.record_changes()
        .filter(record=record)
        .order_by("pk")
        .values_list("old", "new")
    )
    assert history == [("", "2027-03-31"), ("2027-03-31", "")]
