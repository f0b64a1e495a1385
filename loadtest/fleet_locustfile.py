"""The officers' load (locustfile.py) for `make fleet-test`, writing down what the faults
must not lose: every save the site acknowledged (its redirect after the POST), and every
request answered by the sign-in page (an officer signed out).

FLEET_LOG: a CSV of (time, name, milliseconds, failed, signed_out); FLEET_ACKS: one
acknowledged note per line. Both written when locust quits.
"""

import csv
import itertools
import os
import random
import re
import time

from locust import events, task
from locustfile import CSRF, Officer

_requests: list[tuple] = []
_acks: list[str] = []
_saves = itertools.count(1)


@events.request.add_listener
def _log(request_type, name, response_time, exception=None, response=None, **_kw) -> None:
    signed_out = (
        response is not None
        and name not in ("login page", "sign in")
        and "/accounts/login/" in (getattr(response, "url", "") or "")
    )
    _requests.append((time.time(), name, response_time, exception is not None, signed_out))


@events.quitting.add_listener
def _write(**_kw) -> None:
    with open(os.environ["FLEET_LOG"], "w", newline="") as out:
        csv.writer(out).writerows(_requests)
    with open(os.environ["FLEET_ACKS"], "w") as out:
        out.writelines(f"{note}\n" for note in _acks)


class FleetOfficer(Officer):
    @task(2)
    def record_evidence(self) -> None:
        code = random.choice(["L1S1", "P1S1", "I1S1", "C1S1", "L4M1"])
        url = f"{self.base}actions/{code}/"
        page = self.client.get(url, name="action page")
        revision = re.search(r'name="revision" value="(\d+)"', page.text)
        token = CSRF.search(page.text)
        if not (revision and token):
            return
        note = f"Fleet evidence {self.number}-{next(_saves)}-{random.randint(1, 10**9)}"
        response = self.client.post(
            url,
            {"status": "in_progress", "note": note, "responsible": "Resilience Office",
             "target_date": "2027-06-30", "revision": revision[1],
             "csrfmiddlewaretoken": token[1]},
            headers={"Referer": self.host + url},
            name="save evidence",
        )  # fmt: skip
        # Saved: the site answered with its redirect back to the action page.
        redirected = response.history and response.history[0].status_code == 302
        if redirected and response.ok and "/accounts/login/" not in response.url:
            _acks.append(note)


# Only the fleet's officers: locust would otherwise also run the imported base class.
del Officer
