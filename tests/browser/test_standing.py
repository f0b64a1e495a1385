"""Finding 10: where a city stands is its latest signed-off assessment, said in words, with
the open draft's progress beside it as a draft."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from ..conftest import mark_done, start_signed_off
from .conftest import sign_in


def test_the_viewers_city_page_says_signed_off(page, viewer, editor, assessment, city, smr):
    start_signed_off(
        city, smr, title="Self-assessment 2025", reference_date=date(2025, 6, 30), user=editor,
        done={"action__code__in": ["L1S1"]},
    )  # fmt: skip
    mark_done(assessment, ["L1S1", "L1S2", "L3S1", "L4S1", "P1S1"], editor)
    signed = timezone.localdate()
    sign_in(page, viewer.email)
    page.goto(reverse("assessments:city", args=[city.slug]))
    expect(page.locator("#standing-note")).to_contain_text(
        f"Where the city stands: “Self-assessment 2025”, signed off on {signed.day} {signed:%b %Y}."
    )
    draft = page.locator("#draft-progress")
    expect(draft).to_contain_text("Draft “Self-assessment 2026”, not signed off yet:")
    expect(draft).to_contain_text("5 of 90 actions done")
    # The headline's count is the signed-off one's, not the draft's.
    expect(page.locator("#summary-count")).to_contain_text("1 of 90 actions done")
    assert not page.errors


def test_a_city_with_nothing_signed_off_says_so(page, viewer, assessment, city):
    sign_in(page, viewer.email)
    page.goto(reverse("assessments:city", args=[city.slug]))
    expect(page.locator("#standing-note")).to_have_text(
        "Nothing is signed off yet: the stages below are the draft's, not signed off."
    )
