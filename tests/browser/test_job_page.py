"""A job's page (jobs/), waiting and ready, as an officer sees it on a desktop and a phone:
no WCAG 2.1 AA violation, no sideways scroll at 390 px, the file offered once ready."""

import os

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from jobs.models import Job, JobState

from .conftest import PHONE, axe_violations, sign_in

SHOTS = os.environ.get("JOB_PAGE_SHOTS")  # a folder: screenshots to look at


@pytest.fixture
def jobs(editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    common = {"kind": "worksheet_pdf", "params": {}, "requested_by": editor}
    waiting = Job.objects.create(key="waiting", enqueued_at=timezone.now(), **common)
    ready = Job.objects.create(key="ready", state=JobState.DONE, filename="smr-worksheet.pdf",
                               content_type="application/pdf", **common)  # fmt: skip
    ready.file.save("smr-worksheet.pdf", ContentFile(b"%PDF-1.7 worksheet"))
    return {"waiting": waiting, "ready": ready}


@pytest.mark.parametrize("state", ["waiting", "ready"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_job_page_is_accessible_and_fits_a_phone(page, jobs, editor, state, viewport):
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    else:
        page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, editor.email)
    page.goto(f"/jobs/{jobs[state].pk}/")
    if state == "ready":
        assert page.get_by_role("link", name="Download smr-worksheet.pdf").is_visible()
    else:
        assert "Waiting for a worker" in page.get_by_role("status").inner_text()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/job-{state}-{viewport}.png", full_page=True)


def test_the_waiting_page_turns_into_the_download_when_the_job_is_done(page, jobs, editor):
    sign_in(page, editor.email)
    waiting = jobs["waiting"]
    page.goto(f"/jobs/{waiting.pk}/")
    Job.objects.filter(pk=waiting.pk).update(
        state=JobState.DONE, file=jobs["ready"].file.name, filename="smr-worksheet.pdf",
        content_type="application/pdf",
    )  # fmt: skip
    link = page.get_by_role("link", name="Download smr-worksheet.pdf")
    link.wait_for(timeout=10_000)  # htmx asks again every 2 s
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "smr-worksheet.pdf"
