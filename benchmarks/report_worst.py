"""Times the PDF report when every field a person types is at its limit.

Every record of a fully filled assessment has a 5,000-character note, a 200-character
"responsible", and one link with a 2,000-character address and a 200-character label; the
title has 200 characters. Target (security hardening): under 10 s median. The forms stop
anything longer, and the report prints no more than these limits of older, longer texts.
"""

import os
import resource

from harness import filled_assessment, measure, report, setup_django

setup_django()

from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402

from assessments.models import ActionRecord, EvidenceLink  # noqa: E402


def _words(length: int, seed: str) -> str:
    """Ordinary prose of exactly `length` characters (breakable, like a real note)."""
    text = (seed + " ") * (length // (len(seed) + 1) + 1)
    return text[:length]


NOTE = _words(5_000, "Council decision 2026/14, published plan and board minutes.")
RESPONSIBLE = _words(200, "Resilience office, civil protection")
LABEL = _words(200, "Adopted climate adaptation plan")
# An address has no spaces: the hardest case for line breaking.
URL = "https://example.org/evidence?doc=" + "a1b2c3d4e5" * 197
URL = URL[:2_000]
TITLE = _words(200, "Self-assessment 2026 with every field at its limit")


def main() -> None:
    with open(os.devnull, "w") as quiet:
        call_command("load_catalogue", stdout=quiet)
    client, assessment = filled_assessment(note=NOTE)
    records = ActionRecord.objects.filter(assessment=assessment)
    records.update(responsible=RESPONSIBLE)
    # Leave the Vertebrate "T1" actions open so the missing-action pages render too.
    records.filter(action__code__endswith="T1").update(status="in_progress")
    EvidenceLink.objects.filter(record__assessment=assessment).update(url=URL, label=LABEL)
    assessment.title = TITLE
    assessment.save(update_fields=["title"])
    assert len(NOTE) == 5_000 and len(URL) == 2_000 and len(LABEL) == len(TITLE) == 200

    url = reverse("reports:pdf", args=[assessment.city.slug, assessment.pk])
    median, queries = measure(lambda: client.get(url), repeat=3, warmup=1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report(
        "report_pdf_worst_case",
        assessment.records.count(),
        median,
        queries,
        peak_mb=round(peak_mb, 1),
    )


if __name__ == "__main__":
    main()
