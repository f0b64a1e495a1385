"""axe-core finds no WCAG 2.1 AA violation on the main pages."""

import json

import pytest
from django.urls import reverse

from assessments import services

from .conftest import axe_violations, sign_in


@pytest.fixture
def shared(assessment, editor, partner, catalogue):
    from ..conftest import mark_done

    mark_done(assessment, ["L1S1", "L1S2"], editor)
    submitted = services.submit(assessment, editor)
    services.share(submitted, partner, editor)
    return submitted


def test_city_pages_have_no_violations(page, editor, shared, viewer):
    sign_in(page, editor.email)
    pk = shared.pk
    urls = [
        "/",
        reverse("assessments:city", args=["glasgow"]),
        reverse("assessments:matrix", args=["glasgow", pk]),
        reverse("assessments:action", args=["glasgow", pk, "L1S1"]),
        reverse("assessments:next_steps", args=["glasgow", pk]),
        reverse("assessments:essentials", args=["glasgow", pk]),
        reverse("assessments:timeline", args=["glasgow", pk]),
        reverse("assessments:sharing", args=["glasgow", pk]),
        reverse("assessments:compare", args=["glasgow"]),
        reverse("assessments:new", args=["glasgow"]),
        reverse("accounts:members", args=["glasgow"]),
        reverse("dashboards:peers", args=["glasgow"]),
        reverse("policies:list"),
        reverse("policies:detail", args=["lg-sat"]),
    ]
    found = {}
    for url in urls:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert not found, json.dumps(found, indent=1)


def test_partner_and_public_pages_have_no_violations(page, partner_user, partner, shared):
    found = {}
    for url in ["/accounts/login/", "/accounts/password_reset/"]:
        page.goto(url)
        if violations := axe_violations(page):
            found[url] = violations
    from dashboards.models import NetworkTarget

    # A target, so the overview draws its progress meter and the targets page lists it.
    version = shared.model_version
    NetworkTarget.objects.create(
        partner=partner, share=50, year=2027,
        subdimension=version.dimensions.first().subdimensions.first(),
        stage=version.stages.get(order=1),
    )  # fmt: skip
    sign_in(page, partner_user.email)
    for url in [
        reverse("dashboards:dashboard", args=[partner.slug]),
        reverse("dashboards:heatmap", args=[partner.slug]),
        reverse("dashboards:targets", args=[partner.slug]),
    ]:
        page.goto(url)
        if violations := axe_violations(page):
            found[url] = violations
    assert not found, json.dumps(found, indent=1)


def test_draft_pages_and_new_pages_have_no_violations(page, editor, shared, smr, city):
    from datetime import date

    draft = services.start_assessment(
        city, smr, title="Draft 2027", reference_date=date(2027, 1, 1), user=editor,
        carry_from=shared,
    )  # fmt: skip
    draft.records.filter(action__code="L1M1").update(
        status="not_applicable", na_reason="Not for us", responsible_member=editor,
        target_date=date(2020, 1, 1),
    )  # fmt: skip
    draft.records.filter(action__code="L1M2").update(
        responsible_member=editor, target_date=date(2020, 1, 1)
    )
    sign_in(page, editor.email)
    found = {}
    for url in [
        "/",
        reverse("assessments:matrix", args=["glasgow", draft.pk]),
        reverse("assessments:action", args=["glasgow", draft.pk, "L1M1"]),
        reverse("assessments:submit", args=["glasgow", draft.pk]),
        reverse("assessments:my_actions"),
        reverse("assessments:city", args=["glasgow"]),
        reverse("maturity:how_stages_work"),
    ]:
        page.goto(url)
        if violations := axe_violations(page):
            found[url] = violations
    assert not found, json.dumps(found, indent=1)


def test_scorecard_pages_have_no_accessibility_violations(page, editor, catalogue, city):
    from scorecard import services as scorecard_services

    scorecard = scorecard_services.start_scorecard(city, user=editor, title="Scorecard 2026")
    sign_in(page, editor.email)
    found = {}
    for url in [
        reverse("scorecard:list", args=[city.slug]),
        reverse("scorecard:detail", args=[city.slug, scorecard.pk]),
        reverse("scorecard:import", args=[city.slug]),
        reverse("policies:scorecard_questions"),
        reverse("scorecard:question", args=["P8.3"]) + f"?city={city.slug}",
    ]:
        page.goto(url)
        if violations := axe_violations(page):
            found[url] = violations
    assert not found, found
