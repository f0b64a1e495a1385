"""The partner's Scorecard section and column in a real browser: at 390 px nothing scrolls the
page sideways (the city table scrolls in its own box) and axe finds no WCAG 2.1 AA violation;
on a wide screen the section shows the figures and the chart of the Essentials."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from assessments import services
from scorecard import services as scorecards
from scorecard.models import ScorecardAnswer

from ..conftest import make_city, make_user
from .conftest import PHONE, axe_violations, sign_in


@pytest.fixture
def sharing(catalogue, smr, partner, city, editor):
    """Glasgow (all 47 scored 2) and San Sebastián (Essential 1 only, scored 3) share an SMR
    assessment and a Scorecard with the partner."""
    donostia = make_city("donostia", name="Donostia/San Sebastián", country="ES")
    d_editor = make_user("e@donostia.test")
    Membership.objects.create(user=d_editor, city=donostia, role=Role.EDITOR)
    for place, user, score, only in [(city, editor, 2, None), (donostia, d_editor, 3, 1)]:
        a = services.start_assessment(
            place, smr, title="2025", reference_date=date(2025, 6, 1), user=user
        )
        services.share(services.submit(a, user), partner, user)
        sc = scorecards.start_scorecard(place, user=user)
        answers = ScorecardAnswer.objects.filter(scorecard=sc)
        if only:
            answers = answers.filter(question__essential__number=only)
        answers.update(score=score)
        scorecards.share(scorecards.submit(sc, user), partner, user)


def test_scorecard_section_fits_a_phone_and_passes_axe(page, sharing, partner, partner_user):
    page.set_viewport_size(PHONE)
    sign_in(page, partner_user.email)
    found = {}
    for url in [
        reverse("dashboards:dashboard", args=[partner.slug]),
        reverse("dashboards:heatmap", args=[partner.slug]),
    ]:
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
        if violations := axe_violations(page):
            found[url] = violations
    assert not found, found
    page.goto(reverse("dashboards:heatmap", args=[partner.slug]))
    cell = page.locator("tr", has_text="Glasgow").locator(".scorecard-total")
    assert " ".join(cell.inner_text().split()) == "94 47 of 47 answered"


def test_scorecard_section_on_a_wide_screen(page, sharing, partner, partner_user):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, partner_user.email)
    page.goto(reverse("dashboards:dashboard", args=[partner.slug]))
    section = page.locator("#scorecard")
    figure = " ".join(section.locator("#fig-scorecards").inner_text().split())
    assert figure == "2 cities share a Scorecard: all submitted"
    assert section.locator("#fig-scorecard-median").inner_text().startswith("94")
    chart = section.locator("svg#scorecard-essentials")
    assert chart.is_visible() and chart.bounding_box()["width"] <= 460
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
