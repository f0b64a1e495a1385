"""Times the PDF report of a fully filled assessment and measures peak memory.

Target (issue 7): under 3 s median on a 2-core machine. peak_mb is the process's peak
resident memory (ru_maxrss) after the renders, so it includes WeasyPrint's native memory.
"""

import os
import resource

from harness import filled_assessment, measure, report, setup_django

setup_django()

from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402

from assessments.models import ActionRecord  # noqa: E402


def main() -> None:
    with open(os.devnull, "w") as quiet:
        call_command("load_catalogue", stdout=quiet)
    client, assessment = filled_assessment()
    # Leave the Vertebrate "T1" actions open so the missing-action pages render too.
    ActionRecord.objects.filter(assessment=assessment, action__code__endswith="T1").update(
        status="in_progress"
    )
    url = reverse("reports:pdf", args=[assessment.city.slug, assessment.pk])
    median, queries = measure(lambda: client.get(url), repeat=7, warmup=1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report("report_pdf", assessment.records.count(), median, queries, peak_mb=round(peak_mb, 1))


if __name__ == "__main__":
    main()
