"""The report under a worker killed mid-render, as an officer sees it through the balancer.

`ask`: signs in as officer1, asks for the PDF report, waits until a worker is rendering it,
prints the job's page. `wait <page>`: follows the page until the file is offered (up to the
broker's visibility timeout and a margin), downloads it, exits 0 if it is a PDF."""

import os
import re
import sys
import time

import requests

BASE = f"http://127.0.0.1:{os.environ['FLEET_PORT']}"


def signed_in() -> requests.Session:
    session = requests.Session()
    page = session.get(f"{BASE}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    session.post(
        f"{BASE}/accounts/login/",
        {"username": "officer1@load.test", "password": "load-test-password-2026",
         "csrfmiddlewaretoken": token},
        headers={"Referer": f"{BASE}/accounts/login/"},
    )  # fmt: skip
    return session


def ask() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resilience_site.settings")
    sys.path.insert(0, os.getcwd())
    django.setup()
    from jobs.models import Job

    session = signed_in()
    city = session.get(f"{BASE}/cities/load-city-1/")
    assessment = re.search(r"/cities/load-city-1/assessments/(\d+)/", city.text)[1]
    # A change first, so the report is a new one (not a file kept from an earlier run).
    base = f"{BASE}/cities/load-city-1/assessments/{assessment}/"
    card = re.search(
        r'id="card-(\w+)".*?name="revision" value="(\d+)"', session.get(base).text, re.S
    )
    session.post(
        f"{base}actions/{card[1]}/tick/",
        {"status": "in_progress", "revision": card[2]},
        headers={"X-CSRFToken": session.cookies.get("csrftoken", ""), "Referer": base},
    )
    response = session.get(
        f"{BASE}/cities/load-city-1/assessments/{assessment}/report.pdf", allow_redirects=False
    )
    page = response.headers["Location"]
    job_id = page.rstrip("/").rsplit("/", 1)[1]
    deadline = time.monotonic() + 120
    while Job.objects.get(pk=job_id).state == "queued" and time.monotonic() < deadline:
        time.sleep(0.05)
    print(page)


def wait(page: str) -> int:
    session = signed_in()
    deadline = time.monotonic() + int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", 30)) + 150
    while time.monotonic() < deadline:
        html = session.get(BASE + page).text
        if "Your file is ready" in html:
            pdf = session.get(BASE + page + "file")
            print(f"report: ready, {len(pdf.content)} bytes", file=sys.stderr)
            return 0 if pdf.content.startswith(b"%PDF") else 1
        if "could not be made" in html:
            print("report: failed", file=sys.stderr)
            return 1
        time.sleep(1)
    print("report: not ready in time", file=sys.stderr)
    return 1


if __name__ == "__main__":
    if sys.argv[1] == "ask":
        ask()
    else:
        sys.exit(wait(sys.argv[2]))
