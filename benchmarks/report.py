"""Times the PDF report of a fully filled assessment and measures peak memory.

Target (issue 7): under 3 s median on a 2-core machine. peak_mb is the process's peak
resident memory (ru_maxrss) after the renders, so it includes WeasyPrint's native memory.
"""

import resource

from harness import measure, report, setup_django

setup_django()

from datetime import date  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import City, Membership, User  # noqa: E402
from assessments import services  # noqa: E402
from assessments.models import ActionRecord, EvidenceLink  # noqa: E402
from maturity.models import ModelVersion  # noqa: E402


def main() -> None:
    call_command("load_catalogue", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    version = ModelVersion.objects.get(slug="smr-rmm-2018")
    city = City.objects.create(name="Bench City", slug="bench", country="GB")
    user = User.objects.create_user("bench@example.org", password="x" * 12)
    Membership.objects.create(user=user, city=city, role="editor")
    assessment = services.start_assessment(
        city, version, title="Full", reference_date=date(2026, 1, 1), user=user
    )
    records = list(assessment.records.all())
    # Nearly full: leave one action per subdimension open so the "missing" pages render too.
    ActionRecord.objects.filter(assessment=assessment).update(
        status="done", note="Council decision, published plan and the minutes of the board."
    )
    ActionRecord.objects.filter(assessment=assessment, action__code__endswith="T1").update(
        status="in_progress"
    )
    EvidenceLink.objects.bulk_create(
        EvidenceLink(record=r, url="https://example.org/evidence", label="Plan") for r in records
    )
    client = Client()
    client.force_login(user)
    url = reverse("reports:pdf", args=[city.slug, assessment.pk])
    median, queries = measure(lambda: client.get(url), repeat=7, warmup=1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report("report_pdf", len(records), median, queries, peak_mb=round(peak_mb, 1))


if __name__ == "__main__":
    main()
