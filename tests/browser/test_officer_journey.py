"""A city resilience officer's journey in a real browser."""

from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Assessment

from .conftest import sign_in


def test_officer_assesses_ticks_records_evidence_submits_and_downloads(page, editor, smr):
    sign_in(page, editor.email)
    page.get_by_role("link", name="Glasgow").first.click()
    page.get_by_role("link", name="Start a new assessment").click()
    page.get_by_label("Title").fill("Baseline 2026")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url("**/assessments/*/")
    assessment = Assessment.objects.get(title="Baseline 2026")

    badge = page.locator("#stage-L1")
    assert "Not started" in badge.inner_text()
    page.get_by_role("button", name="Mark done L1S1").click()
    page.locator("#card-L1S1").get_by_text("Done").wait_for()
    page.get_by_role("button", name="Mark done L1S2").click()
    page.locator("#card-L1S2").get_by_text("Done").wait_for()
    # The stage moved without a page load.
    expect(badge).to_contain_text("Starting")
    assert "For Moderate:" in page.locator("#missing-L1").inner_text()

    page.get_by_role("link", name="L1S1", exact=True).click()
    page.get_by_label("Evidence note").fill("Working team set up by mayoral decree 2026/14")
    page.get_by_label("Responsible department or person").fill("Resilience Office")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("L1S1 saved.").wait_for()
    assert "note" in page.locator(".history").inner_text()

    page.goto(reverse("assessments:matrix", args=["glasgow", assessment.pk]))
    page.get_by_role("button", name="Submit and sign off").click()
    page.get_by_text("Assessment submitted and signed off.").wait_for()
    assert page.get_by_role("button", name="Mark done L1M1").count() == 0

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF report").click()
    path = download.value.path()
    with open(path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert page.errors == []


def test_tick_and_evidence_work_with_the_keyboard_only(page, editor, assessment):
    sign_in(page, editor.email)
    page.goto(reverse("assessments:matrix", args=["glasgow", assessment.pk]))
    page.get_by_role("link", name="L1S1", exact=True).focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Mark done L1S1")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # a visible focus indicator
    page.keyboard.press("Enter")
    page.locator("#card-L1S1").get_by_text("Done").wait_for()

    page.goto(reverse("assessments:action", args=["glasgow", assessment.pk, "P1S1"]))
    page.get_by_label("Done").focus()
    page.keyboard.press("Space")
    page.get_by_label("Evidence note").focus()
    page.keyboard.type("Risk register adopted")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    page.get_by_text("P1S1 saved.").wait_for()
    record = assessment.records.get(action__code="P1S1")
    assert record.status == "done" and record.note == "Risk register adopted"
