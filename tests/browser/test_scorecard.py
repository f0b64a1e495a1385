"""An officer fills three Scorecard questions and sees the total and the radar change."""

from django.urls import reverse

from scorecard import services

from .conftest import sign_in


def test_officer_fills_three_questions_and_sees_radar_and_total_change(
    page, editor, catalogue, city
):
    scorecard = services.start_scorecard(city, user=editor, title="Scorecard 2026")
    sign_in(page, editor.email)
    page.goto(reverse("scorecard:detail", args=[city.slug, scorecard.pk]))
    assert page.locator("#scorecard-total").inner_text() == "Total 0 of 141"
    radar_before = page.locator("#scorecard-radar polygon").last.get_attribute("points")
    for ref, label, total in [
        ("P1.1", "3 – Fully integrated DRR plan", "Total 3 of 141"),
        ("P2.1", "2 –", "Total 5 of 141"),
        ("P8.3", "1 –", "Total 6 of 141"),
    ]:
        card = page.locator(f'[id="q-{ref}"]')
        card.get_by_label(label).first.check()
        card.get_by_label("Responsible institution").fill(f"Office for {ref}")
        card.get_by_role("button", name=f"Save {ref}").click()
        card.get_by_text(f"{ref} saved.").wait_for()  # in place, without a reload
        assert page.locator("#scorecard-total").inner_text() == total
    assert "44 not answered" in page.locator("#scorecard-answered").inner_text()
    radar_after = page.locator("#scorecard-radar polygon").last.get_attribute("points")
    assert radar_after != radar_before
    assert "E1</tspan> 3/9" in page.locator("#scorecard-radar").inner_html()
    assert page.locator("#q-P8\\.3").get_by_label("Responsible institution").input_value() == (
        "Office for P8.3"
    )
    assert not page.errors


def test_editing_two_answers_and_saving_each_keeps_both(page, editor, catalogue, city):
    """Finding 1: saving one question no longer reloads the page over another's edit."""
    scorecard = services.start_scorecard(city, user=editor, title="Scorecard 2026")
    sign_in(page, editor.email)
    page.goto(reverse("scorecard:detail", args=[city.slug, scorecard.pk]))
    first, second = page.locator('[id="q-P1.1"]'), page.locator('[id="q-P1.2"]')
    first.get_by_label("Responsible institution").fill("Civil contingencies")
    second.get_by_label("Responsible institution").fill("Planning department")
    second.get_by_label("Timescale").fill("2027")
    assert second.get_by_text("Changed, not saved yet").is_visible()
    first.get_by_role("button", name="Save P1.1").click()
    first.get_by_text("P1.1 saved.").wait_for()
    # The other question keeps what was typed, still marked as not saved.
    assert second.get_by_label("Timescale").input_value() == "2027"
    assert second.get_by_text("Changed, not saved yet").is_visible()
    second.get_by_role("button", name="Save P1.2").click()
    second.get_by_text("P1.2 saved.").wait_for()
    page.reload()
    assert first.get_by_label("Responsible institution").input_value() == "Civil contingencies"
    assert second.get_by_label("Responsible institution").input_value() == "Planning department"
    assert second.get_by_label("Timescale").input_value() == "2027"
    assert not page.errors


def test_score_saved_in_place_updates_the_totals(page, editor, catalogue, city):
    scorecard = services.start_scorecard(city, user=editor, title="Scorecard 2026")
    sign_in(page, editor.email)
    page.goto(reverse("scorecard:detail", args=[city.slug, scorecard.pk]))
    card = page.locator('[id="q-P2.1"]')
    card.get_by_label("2 –").first.check()
    card.get_by_role("button", name="Save P2.1").click()
    card.get_by_text("P2.1 saved.").wait_for()
    assert page.locator("#scorecard-total").inner_text() == "Total 2 of 141"
    assert page.locator("#essential-total-2").inner_text() == "2/15"
    assert not page.errors


def test_leaving_with_an_unsaved_answer_asks_first(page, editor, catalogue, city):
    scorecard = services.start_scorecard(city, user=editor, title="Scorecard 2026")
    sign_in(page, editor.email)
    page.goto(reverse("scorecard:detail", args=[city.slug, scorecard.pk]))
    page.locator('[id="q-P1.1"]').get_by_label("Timescale").fill("2028")
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("link", name="Scorecard", exact=True).first.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(f"/scorecard/{scorecard.pk}/")
