"""A city resilience officer's journey in a real browser."""

import re

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
    assert badge.inner_text().strip().endswith("Working on Starting")
    page.get_by_role("button", name="Done L1S1").click()
    expect(page.locator("#card-L1S1 .status-label")).to_have_text("✓ Done")
    page.get_by_role("button", name="Done L1S2").click()
    expect(page.locator("#card-L1S2 .status-label")).to_have_text("✓ Done")
    # The stage moved without a page load.
    expect(page.locator("#stage-L1")).to_contain_text("Starting")
    expect(page.locator("#sub-L1 .missing")).to_contain_text("For Moderate:")

    page.get_by_role("link", name="L1S1", exact=True).click()
    page.get_by_label("Evidence note").fill("Working team set up by mayoral decree 2026/14")
    page.get_by_label("Responsible department or person").fill("Resilience Office")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("L1S1 saved.").wait_for()
    assert "Evidence note" in page.locator(".history").inner_text()

    page.goto(reverse("assessments:matrix", args=["glasgow", assessment.pk]))
    page.get_by_role("link", name="Submit and sign off…").click()
    page.get_by_role("button", name="Yes, submit and sign off").click()
    page.get_by_text("Assessment submitted and signed off.").wait_for()
    assert page.get_by_role("button", name="Done L1M1").count() == 0

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF report").click()
    path = download.value.path()
    with open(path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert page.errors == []


def test_tick_and_evidence_work_with_the_keyboard_only(page, editor, assessment):
    sign_in(page, editor.email)
    page.goto(reverse("assessments:matrix", args=["glasgow", assessment.pk]))
    page.get_by_role("button", name="In progress L1S1").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Done L1S1")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # a visible focus indicator
    page.keyboard.press("Enter")
    expect(page.locator("#card-L1S1 .status-label")).to_have_text("✓ Done")
    # The card was replaced, and focus is still on the control that was used.
    expect(page.get_by_role("button", name="Done L1S1")).to_be_focused()

    page.goto(reverse("assessments:action", args=["glasgow", assessment.pk, "P1S1"]))
    page.get_by_label("Done").focus()
    page.keyboard.press("Space")
    page.get_by_label("Evidence note").focus()
    page.keyboard.type("Risk register adopted")
    page.get_by_role("button", name="Save", exact=True).focus()
    page.keyboard.press("Enter")
    page.get_by_text("P1S1 saved.").wait_for()
    record = assessment.records.get(action__code="P1S1")
    assert record.status == "done" and record.note == "Risk register adopted"


def _mark(assessment, codes):
    assessment.records.filter(action__code__in=codes).update(status="done")


def test_one_tick_updates_everything_it_changes_without_a_reload(page, editor, assessment):
    # Leadership waits only for L1S2: ticking it moves L1 and the Leadership dimension.
    _mark(assessment, ["L1S1", "L3S1", "L4S1"])
    sign_in(page, editor.email)
    page.goto(reverse("assessments:matrix", args=["glasgow", assessment.pk]))
    page.evaluate("window.notReloaded = true")
    before = {
        "count": page.locator("#summary-count").inner_text(),
        "bar": page.locator("#sub-L1 .progress").get_attribute("aria-valuenow"),
        "chart": page.locator('#profile-chart g[data-code="L1"]').get_attribute("data-level"),
    }
    assert "collaboration: L1S2 missing" in page.locator("#dim-L").inner_text()
    assert page.locator("#stage-L").inner_text().strip().endswith("Working on Starting")

    button = page.get_by_role("button", name="Done L1S2")
    button.click()
    expect(page.locator("#card-L1S2 .status-label")).to_have_text("✓ Done")  # the card
    expect(page.locator("#stage-L1")).to_have_text("1 Starting")  # subdimension badge
    expect(page.locator("#stage-L")).to_have_text("1 Starting")  # dimension badge
    expect(page.locator("#stage-L1")).to_have_class(re.compile("stage-changed"))
    expect(page.locator("#sub-L1 .missing")).to_contain_text("For Moderate:")  # missing list
    expect(page.locator("#dim-L")).not_to_contain_text("L1S2 missing")  # held back by
    assert page.locator("#summary-count").inner_text() != before["count"]
    assert page.locator("#summary-count").inner_text().startswith("4 of 90 actions done")
    assert page.locator("#sub-L1 .progress").get_attribute("aria-valuenow") != before["bar"]
    assert page.locator('#profile-chart g[data-code="L1"]').get_attribute("data-level") == "1"
    assert before["chart"] == "0"
    expect(page.locator("#live-region")).to_contain_text("L1 reached Starting.")
    expect(page.get_by_role("button", name="Done L1S2")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    assert page.errors == []


def test_ticking_works_without_javascript(chromium, live_server, editor, assessment):
    _mark(assessment, ["L1S1"])
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, editor.email)
    page.goto(reverse("assessments:matrix", args=["glasgow", assessment.pk]))
    page.get_by_role("button", name="Done L1S2").click()
    page.wait_for_url(re.compile(r".*#card-L1S2$"))
    assert page.locator("#card-L1S2 .status-label").inner_text() == "✓ Done"
    assert " ".join(page.locator("#stage-L1").inner_text().split()) == "1 Starting"
    assert "For Moderate:" in page.locator("#sub-L1 .missing").inner_text()
    assert page.locator("#summary-count").inner_text().startswith("2 of 90 actions done")
    context.close()
