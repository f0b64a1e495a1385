"""Issue 29 in a real browser: an editor records a year's value of an indicator through the
form, sees it charted; the page passes axe-core and fits a phone."""

from .conftest import axe_violations, sign_in

PAGE = "/cities/glasgow/indicators/smr-maturity-model-2-0/L4/"


def test_an_editor_records_a_value_and_sees_it_charted(page, smr2, editor):
    sign_in(page, editor.email)
    page.goto(PAGE)
    card = page.locator("#L4-result-1")
    card.get_by_text("Record a year's value").click()
    card.get_by_label("Year").fill("2025")
    card.get_by_label("Number").fill("2")
    card.get_by_label("Source").fill("Council minutes")
    card.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{PAGE}#L4-result-1")
    card = page.locator("#L4-result-1")
    assert card.locator("svg.chart circle").count() == 1
    assert "Council minutes" in card.locator("table").inner_text()
    assert axe_violations(page) == []
    assert page.errors == []


def test_the_indicator_pages_fit_a_phone(phone, smr2, editor):
    sign_in(phone, editor.email)
    for path in ("/cities/glasgow/indicators/", PAGE):
        phone.goto(path)
        wide = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, path
        assert axe_violations(phone) == [], path
