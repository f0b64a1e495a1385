"""Two editors saving the same action at the same moment: one wins, the other is told."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from accounts.models import City, Membership, User
from assessments import services
from maturity.loader import load_model


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite serialises writers with a file lock; the race needs PostgreSQL",
)
def test_simultaneous_saves_of_one_action_never_both_succeed(smr_doc):
    version = load_model(smr_doc).version
    city = City.objects.create(name="Glasgow", slug="glasgow", country="GB")
    people = [User.objects.create_user(f"e{n}@glasgow.test", password="x" * 12) for n in (1, 2)]
    for person in people:
        Membership.objects.create(user=person, city=city, role="editor")
    assessment = services.start_assessment(
        city, version, title="2026", reference_date=date(2026, 1, 1), user=people[0]
    )
    record_id = assessment.records.get(action__code="L1S1").pk
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(person, note):
        try:
            record = assessment.records.model.objects.select_related("assessment").get(pk=record_id)
            barrier.wait(timeout=10)
            services.update_record(record, {"note": note}, revision=0, user=person)
            outcomes[note] = "saved"
        except services.StaleRecord:
            outcomes[note] = "stale"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(p, f"note by {p.email}")) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes.values()) == ["saved", "stale"]
    winner = next(note for note, result in outcomes.items() if result == "saved")
    record = assessment.records.get(pk=record_id)
    assert record.note == winner and record.revision == 1
    assert record.audit_entries.count() == 1
