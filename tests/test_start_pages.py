"""The start page after sign-in, by role."""

import re
from datetime import date

from django.urls import reverse

from accounts.models import Membership, Role
from assessments import services

from .conftest import make_city, make_user, mark_done


def test_officer_sees_each_city_with_its_stage_and_where_they_left_off(
    client, editor, assessment, smr
):
    mark_done(assessment, ["L1S1", "L1S2"], editor)
    riga = make_city("riga", name="Riga", country="LV")
    Membership.objects.create(user=editor, city=riga, role=Role.VIEWER)
    client.force_login(editor)
    html = client.get(reverse("home")).content.decode()
    glasgow = html[html.index('id="city-glasgow"') : html.index('id="city-riga"')]
    assert "Self-assessment 2026" in glasgow
    assert "Working on Starting" in glasgow  # overall: other subdimensions still at level 0
    assert "2 of 90 actions done" in glasgow
    assert "Continue where you left off: L1S2" in glasgow
    assert reverse("assessments:action", args=["glasgow", assessment.pk, "L1S2"]) in glasgow
    assert "<svg" in glasgow  # the profile thumbnail
    assert "Your overdue actions" not in glasgow
    riga_card = html[html.index('id="city-riga"') :]
    assert "Your role: Viewer" in riga_card and "No assessment yet." in riga_card
    assert "Start one" not in riga_card  # viewers cannot start one


def test_continue_points_at_my_own_last_change_not_a_colleagues(client, editor, assessment, city):
    colleague = make_user("colleague@glasgow.test")
    Membership.objects.create(user=colleague, city=city, role=Role.EDITOR)
    mark_done(assessment, ["P1S1"], editor)
    mark_done(assessment, ["C1S1"], colleague)
    client.force_login(editor)
    html = client.get(reverse("home")).content.decode()
    assert "Continue where you left off: P1S1" in html and "C1S1" not in html


def test_a_partner_lands_on_their_dashboard(client, partner_user, partner):
    client.force_login(partner_user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("dashboards:dashboard", args=[partner.slug])
    page = client.get(response.url).content.decode()
    assert f'href="{response.url}"' in page  # the navigation has the dashboard


def test_staff_see_the_site_at_a_glance(client, smr, city, editor, other_city):
    a = services.start_assessment(
        city, smr, title="Glasgow draft", reference_date=date(2026, 1, 1), user=editor
    )
    b = services.start_assessment(
        other_city, smr, title="Riga done", reference_date=date(2026, 1, 1), user=editor
    )
    services.submit(b, editor)
    admin = make_user("admin@site.test", is_staff=True)
    client.force_login(admin)
    html = client.get(reverse("home")).content.decode()
    assert "The site at a glance" in html
    figures = html[html.index("The site at a glance") : html.index("Recently started")]
    assert [int(n) for n in re.findall(r'display-6 mb-0">(\d+)<', figures)] == [
        2,
        1,
        1,
    ]
    assert a.title in html


def test_someone_with_nothing_yet_is_told_what_to_do(client, db):
    client.force_login(make_user("new@nowhere.test"))
    html = client.get(reverse("home")).content.decode()
    assert "Ask a city editor for an invitation" in html


def test_officer_sees_their_own_overdue_actions_on_the_start_page(client, editor, assessment):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    records = assessment.records.filter(action__code__in=["P1S1", "P1S2", "C1S1", "C1S2"])
    records.update(responsible_member=editor, target_date=today - timedelta(days=3))
    assessment.records.filter(action__code="P1S2").update(status="done")  # met: not overdue
    assessment.records.filter(action__code="C1S1").update(responsible_member=None)  # not mine
    assessment.records.filter(action__code="C1S2").update(target_date=today)  # due today
    client.force_login(editor)
    html = client.get(reverse("home")).content.decode()
    overdue = html[html.index("Your overdue actions") :]
    overdue = overdue[: overdue.index("</ul>")]
    assert "P1S1" in overdue
    assert "P1S2" not in overdue and "C1S1" not in overdue and "C1S2" not in overdue
