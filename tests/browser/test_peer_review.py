"""The critical-friend journey in a real browser: Glasgow asks Bristol, Bristol's editor
records findings and returns the review, Glasgow accepts one and answers another, and the city
page shows both stages side by side. Every review page: axe-core finds nothing and nothing
scrolls sideways at 390 px."""

from django.urls import reverse

from ..review_helpers import world_fixture  # noqa: F401 - the fixture
from .conftest import AXE, PHONE, axe_violations, sign_in

DESKTOP = {"width": 1366, "height": 900}


def _section_violations(page, selector: str) -> list:
    """axe-core (as axe_violations) on one part of the page only."""
    page.evaluate(AXE.read_text(encoding="utf-8") + ";0")
    found = page.evaluate(
        "async (s) => (await axe.run(s, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations",
        selector,
    )
    return [v["id"] for v in found]


def _check(page, checked: list, section: str = "") -> None:
    """The page as it is now, at phone width: no sideways scroll, no axe-core violation (in
    `section` only, on a shared page whose other parts are not this feature's)."""
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (page.url, width)
    if section:
        assert _section_violations(page, section) == [], page.url
    else:
        assert axe_violations(page) == [], page.url
    page.set_viewport_size(DESKTOP)
    checked.append(page.url)


def _finding(page, world, review, code, verdict, status="", checked=None):
    page.goto(reverse("reviews:action", args=["glasgow", review.pk, code]))
    _check(page, checked)
    page.get_by_label(verdict, exact=True).check()
    if status:
        page.get_by_label("Status you would give").select_option(label=status)
    page.get_by_label("Comment").fill(f"{verdict} on {code}")
    page.get_by_role("button", name="Save the finding").click()
    page.get_by_text("Finding saved as a draft.").wait_for()


def test_glasgow_asks_bristol_and_follows_up(page, world):
    checked: list[str] = []
    page.set_viewport_size(DESKTOP)
    sign_in(page, world.editor.email)
    page.goto(reverse("assessments:city", args=["glasgow"]))
    page.get_by_role("link", name="Ask a city to review your assessment").click()
    _check(page, checked)
    page.get_by_label("Reviewing city").select_option(label="Bristol")
    page.get_by_label("Due date").fill("2099-01-31")
    page.get_by_label("Message to the reviewers").fill("Please look at L1 and L3.")
    page.get_by_label("L1 ").check()
    page.get_by_label("L3 ").check()
    page.get_by_role("button", name="Request the review").click()
    page.get_by_text("Bristol is asked to review this assessment.").wait_for()
    review = world.signed.reviews.get()
    assert review.scope == ["L1", "L3"]

    page.context.clear_cookies()
    sign_in(page, world.reviewer.email)
    page.goto(reverse("reviews:mine"))
    _check(page, checked)
    page.get_by_role("link", name="Glasgow · Self-assessment 2025").click()
    _check(page, checked)
    _finding(page, world, review, "L1S1", "Agree", checked=checked)
    _finding(page, world, review, "L1S2", "Question", "In progress", checked=checked)
    _finding(page, world, review, "L3S1", "Disagree", "Done", checked=checked)
    page.goto(reverse("reviews:note", args=["glasgow", review.pk, "L1"]))
    _check(page, checked)
    page.get_by_label("Recommendations").fill("Adopt the plan in council.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Return the review to the city").click()
    page.get_by_text("Review returned").wait_for()

    page.context.clear_cookies()
    sign_in(page, world.editor.email)
    page.goto(reverse("reviews:detail", args=["glasgow", review.pk]))
    _check(page, checked)
    page.get_by_role("link", name="L3S1").click()
    _check(page, checked)
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_role("button", name="Save the answer").click()
    page.get_by_text("Answer saved.").wait_for()
    page.get_by_role("link", name="L1S2").click()
    page.get_by_label("Explained", exact=True).check()
    page.get_by_label("Reply").fill("Adopted by council on 3 March.")
    page.get_by_role("button", name="Save the answer").click()
    page.get_by_text("Answer saved.").wait_for()

    # The draft changed, and its history says where from.
    page.goto(reverse("assessments:action", args=["glasgow", world.draft.pk, "L3S1"]))
    assert "Accepted from the peer review by Bristol" in page.locator(".history").inner_text()
    # The city page: self-assessed and peer-reviewed side by side (L1's questioned Starting
    # action takes it back to working on Starting; L3S1 accepted as done does not reach a
    # stage on its own).
    page.goto(reverse("assessments:city", args=["glasgow"]))
    _check(page, checked, "#peer-review")
    row = page.locator("#peer-review table tr", has_text="L1 ")
    self_assessed, peer_reviewed = row.locator("td").all_inner_texts()[:2]
    assert self_assessed == "Starting"
    assert peer_reviewed.split()[:3] == ["Working", "on", "Starting"]
    assert "differs" in peer_reviewed
    assert len(checked) >= 10
    assert page.errors == []
