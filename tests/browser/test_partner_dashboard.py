"""The partner's journey: sign in, land on the dashboard, filter, open a city, come back by
the breadcrumb; and the city's choice of what the partner sees, seen from both sides."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Membership
from assessments import services

from ..conftest import make_city, make_user, mark_done
from .conftest import sign_in

FILE = "flood-plan-minutes.pdf"
OWNER = "Harbour Department"


def _shared_cities(smr, partner, editor, city, settings, tmp_path):
    """Glasgow (a file and an owner on L1S1) and Riga, both shared with ICLEI without the
    private parts."""
    settings.MEDIA_ROOT = tmp_path
    glasgow = services.start_assessment(
        city, smr, title="Glasgow 2025", reference_date=date(2025, 6, 1), user=editor
    )
    mark_done(glasgow, ["L1S1"], editor)
    record = glasgow.records.select_related("action").get(action__code="L1S1")
    record.assessment = glasgow
    record = services.update_record(
        record, {"responsible": OWNER}, revision=record.revision, user=editor
    )
    upload = SimpleUploadedFile(FILE, b"%PDF-1.4 minutes", content_type="application/pdf")
    services.add_file(record, upload, "application/pdf", editor)
    glasgow = services.submit(glasgow, editor)
    services.share(glasgow, partner, editor)
    riga = make_city("riga", name="Riga", country="LV")
    riga_editor = make_user("editor@riga.test")
    Membership.objects.create(user=riga_editor, city=riga, role="editor")
    a = services.start_assessment(
        riga, smr, title="Riga 2025", reference_date=date(2025, 6, 1), user=riga_editor
    )
    services.share(services.submit(a, riga_editor), partner, riga_editor)
    return glasgow


def test_partner_lands_filters_opens_a_city_and_comes_back(
    page, smr, partner, partner_user, editor, city, settings, tmp_path
):
    glasgow = _shared_cities(smr, partner, editor, city, settings, tmp_path)
    sign_in(page, partner_user.email)
    page.wait_for_url("**/partners/iclei/")  # lands on the dashboard, not "no city yet"
    page.locator("#fig-cities").get_by_text("2", exact=True).wait_for()
    page.get_by_label("Country").select_option(label="Latvia")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**country=LV**")
    assert page.locator("#fig-cities").inner_text().startswith("1\n")
    page.get_by_role("link", name="Cities", exact=True).click()
    page.get_by_role("link", name="Clear").click()
    page.get_by_role("link", name="Glasgow").click()
    page.wait_for_url(f"**/cities/glasgow/assessments/{glasgow.pk}/**")
    assert (
        "which the city shared with your organisation" in page.locator(".partner-view").inner_text()
    )
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="ICLEI Europe dashboard"
    ).click()
    page.wait_for_url("**/partners/iclei/")
    assert page.errors == []


def test_partner_sees_files_and_names_only_when_the_city_includes_them(
    page, smr, partner, partner_user, editor, city, settings, tmp_path
):
    glasgow = _shared_cities(smr, partner, editor, city, settings, tmp_path)
    action = f"/cities/glasgow/assessments/{glasgow.pk}/actions/L1S1/"
    sign_in(page, partner_user.email)
    page.goto(action)
    body = page.locator("main").inner_text()
    assert "Done" in body and FILE not in body and OWNER not in body
    assert "Evidence files are not shared with you." in body

    page.context.clear_cookies()
    sign_in(page, editor.email)
    page.goto(f"/cities/glasgow/assessments/{glasgow.pk}/sharing/")
    preview = page.locator("#private-parts").inner_text()
    assert "1 evidence file" in preview and "responsible for 1 action" in preview
    row = page.locator("tr.share-row[data-partner='iclei']")
    assert "without evidence files or names" in row.inner_text()
    row.get_by_label("Include evidence files and names").check()
    row.get_by_role("button", name="Save choice").click()
    page.get_by_text("Shared with ICLEI Europe, with evidence files and names.").wait_for()

    page.context.clear_cookies()
    sign_in(page, partner_user.email)
    page.goto(action)
    body = page.locator("main").inner_text()
    assert FILE in body and OWNER in body and "Ellen Editor" in body
    assert page.errors == []
