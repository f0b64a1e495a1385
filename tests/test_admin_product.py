"""The admin belongs to the product: its name, its icon, a crosswalk list that reads whole, a
roomy box for a link's reason, and an index that says what each section is for."""

from datetime import UTC

import pytest
from django.urls import reverse

from maturity.models import Action
from policies.models import Essential, EssentialLink, ScorecardQuestion

from .conftest import make_user

NOTE = "Training and drills are the core of the response question of the Scorecard"


@pytest.fixture
def staff(client, smr):
    user = make_user("admin@resilience.test", full_name="Ada Admin", is_staff=True,
                     is_superuser=True)  # fmt: skip
    client.force_login(user)
    return user


@pytest.fixture
def crosswalk(smr):
    essential = Essential.objects.create(edition="2017", number=9,
                                         title="Ensure effective disaster response")  # fmt: skip
    question = ScorecardQuestion.objects.create(
        ref="P9.4", essential=essential, topic="Emergency operations drills", order=4
    )
    action = Action.objects.get(code="P2S1", subdimension__dimension__version=smr)
    return EssentialLink.objects.create(
        action=action, essential=essential, question=question, note=NOTE
    )


def test_admin_wears_the_product_name(client, staff):
    """Catches Django's default branding ("Django administration")."""
    html = client.get(reverse("admin:index")).content.decode()
    assert "Resilience Maturity administration" in html
    assert "Django administration" not in html
    assert 'rel="icon" href="/static/favicon.svg"' in html


def test_favicon_ico_leads_to_the_apps_icon(client):
    """Catches /favicon.ico answering 404 (a broken icon in every browser tab)."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url == "/static/favicon.svg"


def test_admin_index_says_what_each_section_is_for(client, staff):
    html = client.get(reverse("admin:index")).content.decode()
    assert "What each section is for" in html
    policies = html.split('id="purpose-policies">')[1].split("</dd>")[0]
    assert "crosswalk from actions to Essentials and questions" in policies
    maturity = html.split('id="purpose-maturity">')[1].split("</dd>")[0]
    assert "A published version is read-only" in maturity
    assert 'id="purpose-accounts"' in html


def test_crosswalk_list_shows_code_essential_question_and_note_whole(client, staff, crosswalk):
    """Catches the list showing cut object names ("P2S1 Conduct training and…") that made
    different rows look the same."""
    html = client.get(reverse("admin:policies_essentiallink_changelist")).content.decode()
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert ">P2S1</a>" in row
    assert "E9 Ensure effective disaster response" in row
    assert "P9.4 Emergency operations drills" in row
    assert NOTE in row


def test_a_links_reason_is_edited_in_a_roomy_box(client, staff, crosswalk):
    """Catches the one-line input that hid most of the reason while typing."""
    url = reverse("admin:policies_essentiallink_change", args=[crosswalk.pk])
    html = client.get(url).content.decode()
    # One box per language: the English reference and each translation.
    box = html.split('name="note_en"')[0].rsplit("<", 1)[1] + html.split('name="note_en"')[1][:80]
    assert box.startswith("textarea") and 'rows="4"' in box and NOTE in html
    assert '<textarea name="note_es"' in html
    policy = client.get(reverse("admin:policies_policy_add")).content.decode()
    assert '<textarea name="links-0-note_en"' in policy


# Issue 25, finding 16: names an admin understands, and a filter that keeps editions apart.


def test_the_crosswalk_is_named_for_what_it_is(client, staff):
    """Catches the section "Essential links", which said nothing of what the rows link."""
    html = client.get(reverse("admin:index")).content.decode()
    assert "Crosswalk: actions ↔ Essentials" in html
    assert "Essential links" not in html


def test_the_crosswalk_filters_each_edition_apart(client, staff, crosswalk):
    """Catches one "By essential" list holding the 2010 and the 2017 Essential 9 side by
    side, and a 2010 choice that lists the 2017 Essential's links."""
    old = Essential.objects.create(edition="2010", number=9,
                                   title="Install early warning systems")  # fmt: skip
    EssentialLink.objects.create(action=crosswalk.action, essential=old)
    url = reverse("admin:policies_essentiallink_changelist")
    html = client.get(url).content.decode()
    assert "By essential</h3>" not in html
    f2017 = html.split("By Essential, 2017 edition (Scorecard)")[1].split("</details>")[0]
    f2010 = html.split("By Essential, 2010 edition (LG-SAT)")[1].split("</details>")[0]
    assert "9. Ensure effective disaster response" in f2017
    assert "Install early warning systems" not in f2017
    assert "9. Install early warning systems" in f2010
    assert "Ensure effective disaster response" not in f2010
    rows = client.get(url, {"essential_2010": old.pk}).content.decode().split("<tbody>")[1]
    assert "E9 Install early warning systems" in rows
    assert "E9 Ensure effective disaster response" not in rows


def test_the_sign_in_lockouts_section_has_a_plain_name(client, staff):
    """Catches django-axes' app label "Axes" shown as a section name."""
    html = client.get(reverse("admin:index")).content.decode()
    assert "Sign-in lock-outs" in html
    assert ">Axes<" not in html


def test_the_admin_greets_a_person_by_their_whole_name(client, smr):
    """Catches "WELCOME, SITE." (Django's short name: the full name's first word)."""
    admin = make_user("admin@site.test", full_name="Site Admin", is_staff=True,
                      is_superuser=True)  # fmt: skip
    client.force_login(admin)
    html = client.get(reverse("admin:index")).content.decode()
    assert 'Welcome, <strong class="admin-user-name">Site Admin</strong>.' in html
    assert "css/admin.css" in html  # the name keeps its case under the capitalised bar
    nameless = make_user("nameless@site.test", is_staff=True, is_superuser=True)
    client.force_login(nameless)
    html = client.get(reverse("admin:index")).content.decode()
    assert '<strong class="admin-user-name">nameless@site.test</strong>' in html


def test_every_assessment_is_listed_in_the_admin_newest_started_first(client, staff, smr):
    from datetime import date, datetime

    from accounts.models import City
    from assessments.models import Assessment

    city = City.objects.create(name="Glasgow", slug="glasgow", country="GB")
    for year, started in ((2025, datetime(2025, 5, 2, tzinfo=UTC)),
                          (2026, datetime(2026, 11, 20, tzinfo=UTC))):  # fmt: skip
        a = Assessment.objects.create(
            city=city, model_version=smr, title=f"Self-assessment {year}",
            reference_date=date(year, 6, 30), status="submitted",
        )  # fmt: skip
        Assessment.objects.filter(pk=a.pk).update(created_at=started)
    html = client.get(reverse("admin:assessments_assessment_changelist")).content.decode()
    assert html.index("Self-assessment 2026") < html.index("Self-assessment 2025")
    assert "Add assessment" not in html  # read-only: changed through the city's pages


def test_the_crosswalk_is_filtered_and_labelled_by_model_version(
    client, staff, smr, crosswalk, smr2
):
    """Catches 2018's and 2.0's links of the same code (P2S1 is in both) listed as lookalike
    rows: each row names its version, and choosing one lists only its links."""
    newer = Action.objects.get(code="P2S1", subdimension__dimension__version=smr2)
    EssentialLink.objects.create(action=newer, essential=crosswalk.essential, note="2.0 link")
    url = reverse("admin:policies_essentiallink_changelist")
    html = client.get(url).content.decode()
    assert "By model version" in html
    assert html.count('<td class="field-model_version">') == 2
    only_2_0 = client.get(url, {"model_version": smr2.slug}).content.decode()
    assert "2.0 link" in only_2_0 and NOTE not in only_2_0
    only_2018 = client.get(url, {"model_version": smr.slug}).content.decode()
    assert NOTE in only_2018 and "2.0 link" not in only_2018
