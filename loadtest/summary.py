"""p50/p95 per request type once every officer has signed in (the steady state), from the
request log the locustfile writes (LOADTEST_REQUEST_LOG). The locust table `make loadtest`
prints first covers the whole run, including the first seconds when 50 officers sign in at
once and their password hashes hold every worker."""

import csv
import statistics
import sys
from collections import defaultdict


def main(path: str) -> None:
    with open(path, newline="") as log:
        rows = [(float(t), name, float(ms), f == "True") for t, name, ms, f in csv.reader(log)]
    if not rows:
        print("no requests logged")
        return
    start = max(t for t, name, _ms, _f in rows if name == "sign in")
    end = max(t for t, *_rest in rows)
    by_name = defaultdict(list)
    for t, name, ms, failed in rows:
        if t > start:
            by_name[name].append((ms, failed))
    print(f"steady state: {end - start:.0f} s after the last sign-in")
    total = 0
    for name, items in sorted(by_name.items()):
        times = sorted(ms for ms, _failed in items)
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        failures = sum(failed for _ms, failed in items)
        total += len(items)
        rps = len(items) / (end - start)
        print(
            f"{name:<16} requests={len(items):>6} failures={failures:>4} "
            f"p50={statistics.median(times):>5.0f} ms p95={p95:>5.0f} ms rps={rps:.1f}"
        )
    print(f"{'Aggregated':<16} requests={total:>6} rps={total / (end - start):.1f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/loadtest_requests.csv")
