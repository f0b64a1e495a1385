"""What `make fleet-test` proves, from its records: the load's requests (FLEET_LOG), the saves
the site acknowledged (FLEET_ACKS), the faults' times (events.csv), the database and the
e-mails the fleet sent. Exits 0 only if nothing was lost; its last line gives the figures."""

import csv
import email
import os
import sys
from collections import Counter
from pathlib import Path

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resilience_site.settings")
django.setup()

from assessments.owners import due_for_reminder  # noqa: E402
from audit.models import AuditEntry  # noqa: E402

PAGES = ["matrix page", "tick action", "action page", "save evidence"]
# Two failed checks a second apart take an instance out; a request already sent to it when
# it died fails too: anything longer than this is the fleet's fault, not the check's.
HEALTH_CHECK_REACTS_S = float(os.environ.get("FLEET_MAX_FAILING_WINDOW", 5))
GAP_S = 2.0  # failures closer than this belong to one failing window


def p95(values):
    values = sorted(values)
    return values[int(0.95 * (len(values) - 1))] if values else float("nan")


def windows(failures):
    """(start, end) of each stretch of failures (start, end) no more than GAP_S apart."""
    spans = []
    for start, end in sorted(failures):
        if spans and start - spans[-1][1] <= GAP_S:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return spans


def main(events_path: str, report_ok: str) -> int:
    with open(events_path) as lines:
        events = {name: float(t) for t, name in csv.reader(lines)}
    with open(os.environ["FLEET_LOG"]) as lines:
        rows = [
            (float(t), name, float(ms), failed == "True", out == "True")
            for t, name, ms, failed, out in csv.reader(lines)
        ]
    acks = Path(os.environ["FLEET_ACKS"]).read_text().split("\n")[:-1]
    found = set(AuditEntry.objects.filter(field="note", new__in=acks).values_list("new", flat=True))
    # When each failure reached its officer: a window is how long officers kept seeing them
    # (a request in flight when its instance was killed started earlier, but failed then).
    failed = [(t, t) for t, name, ms, bad, _o in rows if bad]
    spans = windows(failed)
    longest = max((end - start for start, end in spans), default=0.0)
    signed_out = sum(1 for r in rows if r[4])

    # Every officer signed in: locust starts 10 a second, but each sign-in waits for its
    # password check, so the last one ends later (after the kill, the faults' window counts).
    signed_in = [t for t, name, *_rest in rows if name == "sign in"]
    steady = min(max(signed_in, default=events["load start"]), events["kill app1"])
    faults = (events["kill app1"], events["worker back"] + 5)
    print(f"{'page':<14} {'p95 before faults':>18} {'p95 during faults':>18}")
    for page in PAGES:
        before = [ms for t, n, ms, bad, _o in rows if n == page and steady <= t < faults[0]]
        during = [ms for t, n, ms, bad, _o in rows if n == page and faults[0] <= t < faults[1]]
        print(f"{page:<14} {p95(before):>15.0f} ms {p95(during):>15.0f} ms")
    for start, end in spans:
        print(f"failing window: {end - start:.1f} s from +{start - events['load start']:.0f} s")

    mails = Counter()
    for path in Path(os.environ["EMAIL_URL"].removeprefix("filemail://")).glob("*"):
        for part in path.read_text().split("-" * 79):
            if part.strip():
                mails[email.message_from_string(part.strip())["To"]] += 1
    owed = {p.email for p in due_for_reminder()}  # still due: never sent
    repeated = {to: n for to, n in mails.items() if n != 1}
    print(f"reminders: {len(mails)} people e-mailed, {len(repeated)} more than once, "
          f"{len(owed)} still owed")  # fmt: skip
    print(f"report after the worker was killed: {'produced' if report_ok == '1' else 'MISSING'}")
    print(f"signed out: {signed_out}")

    ok = (
        len(found) == len(set(acks))
        and signed_out == 0
        and longest <= HEALTH_CHECK_REACTS_S
        and report_ok == "1"
        and not repeated
        and not owed
        and mails
    )
    print(
        f"fleet-test: {len(acks)} saves acknowledged, {len(found)} found, "
        f"{len(failed)} requests failed, longest failing window {longest:.1f} s"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
