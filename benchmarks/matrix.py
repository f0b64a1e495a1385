"""Times the maturity matrix page and an action update on a fully filled assessment.

Targets: matrix_page ≤ 15 queries; action_update (with every live update: card, badges,
headline, bars, count, chart, missing list and the timeline entry of a stage move) ≤ 14
queries and ≤ 30 ms median, on SQLite on a 2-core machine.
"""

from harness import filled_assessment, measure, report, setup_django

setup_django()

from django.urls import reverse  # noqa: E402


def main() -> None:
    client, assessment = filled_assessment()
    slug, size = assessment.city.slug, assessment.records.count()
    matrix_url = reverse("assessments:matrix", args=[slug, assessment.pk])
    median, queries = measure(lambda: client.get(matrix_url))
    report("matrix_page", size, median, queries)

    tick_url = reverse("assessments:tick", args=[slug, assessment.pk, "L1S1"])
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
    report("action_update", size, median - read_ms, queries - 1)


if __name__ == "__main__":
    main()
