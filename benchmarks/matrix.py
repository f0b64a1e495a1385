"""Times the maturity matrix page and an action update on a fully filled assessment.

Targets (issue 4): matrix_page ≤ 15 queries and < 150 ms; action_update ≤ 12 queries and
< 60 ms median, on SQLite on a 2-core machine.
"""

from harness import measure, report, setup_django

setup_django()

from datetime import date  # noqa: E402

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import City, Membership, User  # noqa: E402
from assessments import services  # noqa: E402
from assessments.models import ActionRecord, EvidenceLink  # noqa: E402
from maturity.models import ModelVersion  # noqa: E402


def main() -> None:
    version = ModelVersion.objects.get(slug="smr-rmm-2018")
    city = City.objects.create(name="Bench City", slug="bench", country="GB")
    user = User.objects.create_user("bench@example.org", password="x" * 12)
    Membership.objects.create(user=user, city=city, role="editor")
    assessment = services.start_assessment(
        city, version, title="Full", reference_date=date(2026, 1, 1), user=user
    )
    records = list(assessment.records.all())
    ActionRecord.objects.filter(assessment=assessment).update(
        status="done", note="Evidence: council decision and published plan."
    )
    EvidenceLink.objects.bulk_create(
        EvidenceLink(record=r, url="https://example.org/evidence", label="Plan") for r in records
    )
    client = Client()
    client.force_login(user)
    matrix_url = reverse("assessments:matrix", args=[city.slug, assessment.pk])
    median, queries = measure(lambda: client.get(matrix_url))
    report("matrix_page", len(records), median, queries)

    tick_url = reverse("assessments:tick", args=[city.slug, assessment.pk, "L1S1"])
    state = {"status": "done"}

    def update():
        record = assessment.records.only("revision").get(action__code="L1S1")
        state["status"] = "not_started" if state["status"] == "done" else "done"
        data = {"status": state["status"], "revision": record.revision}
        response = client.post(tick_url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, response.status_code

    # The revision read is the benchmark's own bookkeeping: measure it and subtract it.
    read_ms, _ = measure(lambda: assessment.records.only("revision").get(action__code="L1S1"))
    median, queries = measure(update)
    report("action_update", len(records), median - read_ms, queries - 1)


if __name__ == "__main__":
    main()
