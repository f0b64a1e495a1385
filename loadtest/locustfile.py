"""50 city officers at once: sign in, open the matrix, tick actions, save evidence.

Run with `make loadtest` (gunicorn on PostgreSQL, 127.0.0.1 only, 2 minutes). Not in CI.
Each simulated officer edits their own city's draft, as real officers do.
"""

import csv
import itertools
import os
import random
import re
import time

from locust import HttpUser, between, events, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'id="card-(\w+)".*?name="revision" value="(\d+)"', re.S)
OFFICERS = itertools.count(1)
PASSWORD = "load-test-password-2026"
# Every request's end time, name and duration, for loadtest/summary.py's steady-state table
# (after the last officer has signed in). Set by scripts/loadtest.sh; off when unset.
REQUEST_LOG = os.environ.get("LOADTEST_REQUEST_LOG")
_requests: list[tuple[float, str, float, bool]] = []


@events.request.add_listener
def _log_request(request_type, name, response_time, exception=None, **_kwargs) -> None:
    _requests.append((time.time(), name, response_time, exception is not None))


@events.quitting.add_listener
def _write_requests(**_kwargs) -> None:
    if REQUEST_LOG:
        with open(REQUEST_LOG, "w", newline="") as out:
            csv.writer(out).writerows(_requests)


class Officer(HttpUser):
    wait_time = between(2, 6)  # an officer reads the page before the next click

    def on_start(self) -> None:
        self.number = next(OFFICERS)
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text)[1]
        self.client.post(
            "/accounts/login/",
            {"username": f"officer{self.number}@load.test", "password": PASSWORD,
             "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="sign in",
        )  # fmt: skip
        self.city = f"load-city-{self.number}"
        home = self.client.get(f"/cities/{self.city}/", name="city page")
        self.assessment = re.search(rf"/cities/{self.city}/assessments/(\d+)/", home.text)[1]
        self.base = f"/cities/{self.city}/assessments/{self.assessment}/"

    def _csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    @task(4)
    def open_matrix_and_tick(self) -> None:
        page = self.client.get(self.base, name="matrix page")
        cards = REVISION.findall(page.text)
        if not cards:
            return
        code, revision = random.choice(cards)
        status = random.choice(["done", "in_progress", "not_started"])
        self.client.post(
            f"{self.base}actions/{code}/tick/",
            {"status": status, "revision": revision},
            headers={"HX-Request": "true", "X-CSRFToken": self._csrf(),
                     "Referer": self.host + self.base},
            name="tick action",
        )  # fmt: skip

    @task(2)
    def record_evidence(self) -> None:
        code = random.choice(["L1S1", "P1S1", "I1S1", "C1S1", "L4M1"])
        url = f"{self.base}actions/{code}/"
        page = self.client.get(url, name="action page")
        revision = re.search(r'name="revision" value="(\d+)"', page.text)
        token = CSRF.search(page.text)
        if not (revision and token):
            return
        self.client.post(
            url,
            {"status": "in_progress", "note": f"Evidence {random.randint(1, 10**6)}",
             "responsible": "Resilience Office", "target_date": "2027-06-30",
             "revision": revision[1], "csrfmiddlewaretoken": token[1]},
            headers={"Referer": self.host + url},
            name="save evidence",
        )  # fmt: skip

    @task(1)
    def next_steps(self) -> None:
        self.client.get(f"{self.base}next-steps/", name="next steps")
