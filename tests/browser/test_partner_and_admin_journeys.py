"""The campaign partner's and the site admin's journeys in a real browser."""

from datetime import date

from django.urls import reverse

from accounts.models import Membership
from assessments import services
from policies.models import Policy

from ..conftest import make_city, make_user, mark_done
from .conftest import sign_in


def test_partner_sees_a_shared_city_filters_and_exports(page, partner, partner_user, smr):
    for slug, country in (("glasgow", "GB"), ("riga", "LV")):
        city = make_city(slug, name=slug.title(), country=country)
        user = make_user(f"editor@{slug}.test")
        Membership.objects.create(user=user, city=city, role="editor")
        a = services.start_assessment(
            city, smr, title="2025", reference_date=date(2025, 6, 1), user=user
        )
        mark_done(a, ["L1S1"], user)
        services.share(services.submit(a, user), partner, user)
    sign_in(page, partner_user.email)
    page.get_by_role("link", name=partner.name).click()
    page.locator("#fig-cities").get_by_text("cities share their latest").wait_for()
    assert page.locator("#fig-cities .figure-value").inner_text() == "2"
    page.get_by_role("link", name="Cities", exact=True).click()
    page.get_by_label("Country").select_option("LV")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**country=LV**")
    table = page.locator("table.heatmap").inner_text()
    assert "Riga" in table and "Glasgow" not in table
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    with open(download.value.path(), encoding="utf-8") as fh:
        content = fh.read()
    assert "Riga" in content and "Glasgow" not in content
    page.get_by_role("link", name="Riga").click()
    page.get_by_role("heading", name="2025").wait_for()
    assert page.get_by_role("button", name="Mark done L1S2").count() == 0
    assert page.errors == []


def test_admin_links_a_policy_and_the_officer_sees_it(page, admin_user, smr, editor, assessment):
    policy = Policy.objects.create(slug="local-handbook", title="Local flood handbook",
                                   kind="guideline")  # fmt: skip
    admin_user.email = "admin@site.test"
    admin_user.set_password("correct-horse-battery")
    admin_user.save()
    page.goto("/admin/login/")
    page.get_by_label("Email address").fill("admin@site.test")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.goto(reverse("admin:policies_policy_change", args=[policy.pk]))
    # The action field is an autocomplete (select2): type the code, pick the result.
    page.locator("#id_links-0-action + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill("P1S1")
    page.locator(".select2-results__option", has_text="P1S1").click()
    page.locator("#id_links-0-note_en").fill("Flood risk assessment method")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was changed successfully").wait_for()

    page.context.clear_cookies()
    sign_in(page, editor.email)
    page.goto(reverse("assessments:action", args=["glasgow", assessment.pk, "P1S1"]))
    assert "Local flood handbook" in page.locator("#policies + ul").inner_text()
    assert "Flood risk assessment method" in page.content()
