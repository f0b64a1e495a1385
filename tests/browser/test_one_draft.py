"""Finding 2 in the browser: with a draft open, the city page continues it and a second
draft cannot be started."""

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import sign_in


def test_a_second_draft_cannot_be_started(page, editor, assessment, city):
    sign_in(page, editor.email)
    page.goto(reverse("assessments:city", args=[city.slug]))
    expect(page.get_by_role("link", name="Start a new assessment")).to_have_count(0)
    page.get_by_role("link", name="Continue the draft “Self-assessment 2026”").click()
    page.wait_for_url(f"**{reverse('assessments:matrix', args=[city.slug, assessment.pk])}")

    # Typed or bookmarked, the start page refuses and points at the open draft.
    page.goto(reverse("assessments:new", args=[city.slug]))
    expect(page.get_by_role("alert")).to_contain_text("“Self-assessment 2026” is still a draft")
    expect(page.get_by_role("button", name="Start")).to_have_count(0)
    page.get_by_role("link", name="Continue “Self-assessment 2026”").click()
    page.wait_for_url(f"**{reverse('assessments:matrix', args=[city.slug, assessment.pk])}")
    assert city.assessments.count() == 1
    assert not page.errors
