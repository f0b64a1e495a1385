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
        page.wait_for_load_state()
        assert page.locator("#scorecard-total").inner_text() == total
    assert "44 not answered" in page.locator("#scorecard-answered").inner_text()
    radar_after = page.locator("#scorecard-radar polygon").last.get_attribute("points")
    assert radar_after != radar_before
    assert "E1</tspan> 3/9" in page.locator("#scorecard-radar").inner_html()
    assert page.locator("#q-P8\\.3").get_by_label("Responsible institution").input_value() == (
        "Office for P8.3"
    )
    assert not page.errors
