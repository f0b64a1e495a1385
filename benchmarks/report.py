"""Times the PDF report of a realistic assessment and measures peak memory.

The assessment is what a city hands out after a year's work: Starting and Moderate done,
about half of Advanced, three actions not applicable with a reason, the rest open with owners
(a member or a department) and target dates, every done action with a note and a link, and a
previous assessment to compare with. About half of the 90 actions are done.

Target (issue 12): median under 2.5 s on a 2-core machine. peak_mb is the process's peak
resident memory (ru_maxrss) after the renders, so it includes WeasyPrint's native memory.

Timed as the reader waits (issue 32): `report_pdf` from the first request to the file in hand,
each time at a new version of the assessment (a note saved before each), following the job's
page when a worker makes it (CELERY_BROKER_URL set, a worker running on the same database);
`report_pdf_again` a second download at the same version, which is the kept file.
REPORT_PDF=path also writes one rendered report there, to look at.
"""

import os
import resource
import statistics
import time

from harness import filled_assessment, measure, report, setup_django

setup_django()

from datetime import date, timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import Membership, User  # noqa: E402
from assessments import services  # noqa: E402
from assessments.models import ActionRecord, Assessment  # noqa: E402

NOT_APPLICABLE = {
    "I2R1": "The city has no port; the national port authority covers this.",
    "C1T1": "Handled by the regional government under the 2024 devolution agreement.",
    "P2R2": "No cross-border hazards: the city is 200 km from any border.",
}
DEPARTMENTS = ["Civil protection", "Roads and transport", "Public health", "Finance office"]


def realistic_assessment():
    """(client, assessment): a draft with about half its actions done and a previous,
    submitted assessment of the same city."""
    client, assessment = filled_assessment()
    city, version = assessment.city, assessment.model_version
    user = User.objects.get(email="bench@example.org")
    user.full_name = "Morag Campbell"
    user.save(update_fields=["full_name"])
    officer = User.objects.create_user("officer@example.org", password="x" * 12)
    officer.full_name = "Iain Fraser"
    officer.save(update_fields=["full_name"])
    Membership.objects.create(user=officer, city=city, role="editor")

    records = list(ActionRecord.objects.filter(assessment=assessment).select_related("action"))
    advanced = [r for r in records if r.action.stage.letter == "A"]
    open_ = [r for r in records if r.action.stage.letter in "RT"] + advanced[::2]
    for n, r in enumerate(open_):
        r.status = "in_progress" if n % 3 == 0 else "not_started"
        r.note = ""
        r.target_date = date(2026, 9, 30) + timedelta(days=30 * (n % 12))
        if n % 2:
            r.responsible_member = officer if n % 4 == 1 else user
        else:
            r.responsible = DEPARTMENTS[n % len(DEPARTMENTS)]
    for r in records:
        if r.action.code in NOT_APPLICABLE:
            r.status, r.na_reason, r.note = "not_applicable", NOT_APPLICABLE[r.action.code], ""
    ActionRecord.objects.bulk_update(
        records, ["status", "note", "target_date", "responsible_member", "responsible", "na_reason"]
    )
    for r in open_:
        r.links.all().delete()

    # One open draft per city: last year's is started and signed off with this year's set
    # aside, as a city that signed off last year's before starting this year's.
    Assessment.objects.filter(pk=assessment.pk).update(status="submitted")
    previous = services.start_assessment(
        city, version, title="Self-assessment 2025", reference_date=date(2025, 1, 1), user=user
    )
    done_before = [r.action.code for r in records if r.action.stage.letter == "S"]
    ActionRecord.objects.filter(assessment=previous, action__code__in=done_before).update(
        status="done"
    )
    services.submit(previous, user)
    Assessment.objects.filter(pk=assessment.pk).update(status="draft")
    return client, assessment


def main() -> None:
    with open(os.devnull, "w") as quiet:
        call_command("load_catalogue", stdout=quiet)
    client, assessment = realistic_assessment()
    url = reverse("reports:pdf", args=[assessment.city.slug, assessment.pk])
    if os.environ.get("REPORT_PDF"):
        with open(os.environ["REPORT_PDF"], "wb") as fh:
            fh.write(client.get(url).content)
    editor = User.objects.get(email="bench@example.org")
    changes = iter(range(1, 10**6))

    def first_request_to_file():
        record = assessment.records.get(action__code="L1S1")
        services.update_record(
            record, {"note": f"Checked again ({next(changes)})"}, revision=record.revision,
            user=editor,
        )  # fmt: skip
        return until_ready(client, client.get(url))

    median, queries = measure(first_request_to_file, repeat=7, warmup=1)
    again, again_queries = measure(lambda: until_ready(client, client.get(url)), repeat=7)
    # CPU time of this process too: on a shared machine the wall time also counts the waits.
    cpu = []
    for _ in range(3):
        start = time.process_time()
        first_request_to_file()
        cpu.append((time.process_time() - start) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    done = assessment.records.filter(status="done").count()
    report(
        "report_pdf", assessment.records.count(), median, queries,
        done=done, cpu_median_ms=round(statistics.median(cpu), 1), peak_mb=round(peak_mb, 1),
    )  # fmt: skip
    report("report_pdf_again", assessment.records.count(), again, again_queries)


def until_ready(client, response, seconds: float = 120):
    """The file: at once (made in the request, or kept), or once the job's page offers it."""
    deadline = time.monotonic() + seconds
    while response.status_code == 302 and "/jobs/" in response.url:
        page = response.url
        while b"Your file is ready" not in client.get(page).content:
            if time.monotonic() > deadline:
                raise TimeoutError(page)
            time.sleep(0.1)
        response = client.get(page + "file")
    assert response["Content-Type"] == "application/pdf", response.status_code
    return response


if __name__ == "__main__":
    main()
