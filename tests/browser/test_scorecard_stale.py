"""Two editors on the same Scorecard answer in a real browser (htmx and app.js loaded): the
later save is refused with both versions shown and what was typed kept; saving again works."""

from django.urls import reverse

from accounts.models import Membership
from scorecard import services

from ..conftest import make_user
from .conftest import PHONE, axe_violations, sign_in


def test_a_colleagues_save_in_between_is_shown_and_not_overwritten(page, editor, catalogue, city):
    colleague = make_user("colleague@glasgow.test", full_name="Carl Colleague")
    Membership.objects.create(user=colleague, city=city, role="editor")
    scorecard = services.start_scorecard(city, user=editor, title="Scorecard 2026")
    sign_in(page, editor.email)
    page.set_viewport_size(PHONE)
    page.goto(reverse("scorecard:detail", args=[city.slug, scorecard.pk]))
    card = page.locator('[id="q-P1.2"]')
    card.get_by_label("3 –").check()
    card.get_by_label("Responsible institution").fill("Resilience office")

    # Carl saves P1.2 while Ellen's page is open.
    answer = scorecard.answers.select_related("question").get(question__ref="P1.2")
    services.save_answer(answer, colleague, revision=0, score=1, institution="Fire service")

    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        page.get_by_role("button", name="Save P1.2").click()
    # Refused in place (htmx swaps only a 200): the question shows both versions.
    assert refused.value.status == 200
    card = page.locator('[id="q-P1.2"]')
    alert = card.get_by_role("alert")
    alert.wait_for()
    assert "Someone else saved this answer while you were editing" in alert.inner_text()
    assert "Fire service" in alert.inner_text()
    assert card.get_by_label("Responsible institution").input_value() == "Resilience office"
    assert card.get_by_label("3 –").is_checked()
    answer.refresh_from_db()
    assert (answer.score, answer.institution) == (1, "Fire service")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []

    card.get_by_label("Responsible institution").fill("Resilience office and fire service")
    card.get_by_role("button", name="Save P1.2").click()
    card.get_by_text("P1.2 saved.").wait_for()
    answer.refresh_from_db()
    assert (answer.score, answer.institution) == (3, "Resilience office and fire service")
    assert card.get_by_label("Responsible institution").input_value() == (
        "Resilience office and fire service"
    )
    assert page.errors == []
