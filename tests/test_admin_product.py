"""The admin belongs to the product: its name, its icon, a crosswalk list that reads whole, a
roomy box for a link's reason, and an index that says what each section is for."""

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
