"""Finding 3 in the browser: an overdue action says so on its own page."""

from datetime import date

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import sign_in


def test_an_overdue_action_says_so_on_its_page(page, editor, assessment, city):
    assessment.records.filter(action__code="I1R1").update(target_date=date(2025, 11, 7))
    sign_in(page, editor.email)
    page.goto(reverse("assessments:action", args=[city.slug, assessment.pk, "I1R1"]))
    expect(page.locator("#overdue")).to_have_text("⚠ Overdue since 7 Nov 2025")
    expect(page.get_by_label("Target date")).to_have_value("07/11/2025")
    assert not page.errors
