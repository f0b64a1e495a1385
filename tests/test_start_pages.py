"""The start page after sign-in, by role."""

import re
from datetime import UTC, date

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


def _started(city, smr, title, reference: date, started, *, signed_off=None):
    from assessments.models import Assessment

    # Signed off (a city has one draft at most), on the day given or the day it started.
    a = Assessment.objects.create(city=city, model_version=smr, title=title, status="submitted",
                                  reference_date=reference)  # fmt: skip
    Assessment.objects.filter(pk=a.pk).update(
        created_at=started, submitted_at=signed_off or started
    )
    return a


def test_the_site_start_page_lists_the_latest_started_and_says_how_many_in_all(client, smr, city):
    """Issue 25, finding 16: catches a list of 10 that never says it is 10 of 12, nor leads
    to the rest."""
    from datetime import datetime, timedelta

    first = datetime(2026, 1, 5, 9, tzinfo=UTC)
    for i in range(12):
        _started(city, smr, f"Assessment {i:02d}", date(2020 + i % 3, 6, 30),
                 first + timedelta(days=i))  # fmt: skip
    client.force_login(make_user("admin@site.test", is_staff=True, is_superuser=True))
    html = client.get(reverse("home")).content.decode()
    recent = html.split('id="recent">')[1].split("</ul>")[0]
    # Newest started first, whatever their reference dates: 11 down to 02.
    assert re.findall(r"Assessment (\d+)", recent) == [f"{i:02d}" for i in range(11, 1, -1)]
    assert "started 16 Jan 2026" in recent  # Assessment 11
    assert "The 10 started last, of 12 in all, newest first:" in html
    assert "See all 12 assessments in the administration" in html
    assert reverse("admin:assessments_assessment_changelist") in html


def test_the_site_start_page_counts_sign_offs_by_the_assessments_year(client, smr, city):
    """Catches "2 submitted in 2026" for two assessments of 2025 signed off in 2026."""
    from datetime import datetime

    jan = datetime(2026, 1, 20, tzinfo=UTC)
    _started(city, smr, "2025 a", date(2025, 6, 30), jan, signed_off=jan)
    _started(city, smr, "2025 b", date(2025, 6, 30), jan, signed_off=jan)
    _started(city, smr, "2024", date(2024, 6, 30), jan, signed_off=jan)
    client.force_login(make_user("admin@site.test", is_staff=True, is_superuser=True))
    text = " ".join(re.sub(r"<[^>]+>", " ", client.get(reverse("home")).content.decode()).split())
    assert "2 assessments of 2025 signed off" in text
    assert "counted by the year of each assessment’s reference date" in text
    assert "submitted in" not in text
