"""Progress over time, and the demo world that `make run` loads."""

from datetime import date

from django.core.management import call_command
from django.urls import reverse

from accounts.models import City, User
from assessments import services
from assessments.models import Assessment

from .conftest import mark_done


def test_compare_shows_what_moved_and_what_was_completed(client, editor, assessment, smr, city):
    mark_done(assessment, ["L1S1", "L1S2", "P1S1"], editor)
    services.submit(assessment, editor)
    later = services.start_assessment(
        city, smr, title="2027", reference_date=date(2027, 6, 1), user=editor, carry_from=assessment
    )
    mark_done(later, ["L1M1", "L1M2", "L1M3", "L1M4"], editor)
    record = later.records.get(action__code="P1S1")
    record.assessment = later
    services.update_record(record, {"status": "in_progress"}, revision=record.revision, user=editor)
    client.force_login(editor)
    response = client.get(
        reverse("assessments:compare", args=["glasgow"]), {"a": later.pk, "b": assessment.pk}
    )
    html = response.content.decode()
    assert "From “Self-assessment 2026” to “2027”" in html
    table = html[html.index("<tbody") :]
    l1_row = table[table.index("L1 Municipality") :].split("</tr>")[0]
    assert "Starting" in l1_row and "Moderate" in l1_row and "moved up" in l1_row
    completed = html[html.index("Actions completed in between") :].split("</ul>")[0]
    assert "L1M1" in completed and "L1M4" in completed and "P1S1" not in completed
    # The chart draws both assessments: L1 from Starting (thin bar) to Moderate.
    assert (
        "L1 Municipality, cross-sectiorial and multi-governance collaboration: Starting → Moderate"
        in html
    )
    reverted = html[html.index("Actions no longer done") :].split("</p>")[0]
    assert "P1S1" in reverted


def test_compare_refuses_another_citys_assessment(client, editor, assessment, smr, other_city):
    foreign = services.start_assessment(
        other_city, smr, title="Riga", reference_date=date(2026, 1, 1), user=None
    )
    client.force_login(editor)
    response = client.get(
        reverse("assessments:compare", args=["glasgow"]), {"a": assessment.pk, "b": foreign.pk}
    )
    assert response.status_code == 400
    assert b"Choose two assessments of this city" in response.content
    assert b"Riga" not in response.content


def test_demo_data_is_populated_and_idempotent(smr, capsys):
    call_command("load_demo")
    counts = (City.objects.count(), User.objects.count(), Assessment.objects.count())
    call_command("load_demo")
    assert (City.objects.count(), User.objects.count(), Assessment.objects.count()) == counts
    assert counts[0] == 7 and counts[2] == 21  # two signed-off years and a draft per city
    glasgow = City.objects.get(slug="glasgow")
    older, last, this = glasgow.assessments.order_by("reference_date")
    assert older.status == last.status == "submitted" and this.status == "draft"
    # Created oldest first: the open draft is the newest assessment (finding 12).
    assert list(glasgow.assessments.order_by("created_at", "pk")) == [older, last, this]
    assert older.shares.exists() and last.shares.exists()
    assert last.records.filter(status="done").count() > older.records.filter(status="done").count()
    assert this.records.filter(status="done").count() > last.records.filter(status="done").count()
    assert this.records.exclude(note="").exists()
    assert "editor@glasgow.demo" in capsys.readouterr().out


def test_the_demo_shows_owners_dates_not_applicable_and_a_two_city_officer(smr):
    from django.utils import timezone

    from accounts.models import Membership

    call_command("load_demo")
    today = timezone.localdate()
    draft = City.objects.get(slug="glasgow").assessments.get(status="draft")
    na = draft.records.filter(status="not_applicable")
    assert na.count() >= 1 and all(len(r.na_reason) > 40 for r in na)
    owned = draft.records.exclude(responsible_member=None)
    assert owned.filter(target_date__lt=today).exists()  # some overdue
    assert owned.filter(target_date__gte=today).exists()
    assert draft.records.filter(responsible_member=None).exclude(responsible="").exists()
    officer = User.objects.get(email="editor@glasgow.demo")
    assert Membership.objects.filter(user=officer).count() == 2


def test_the_demo_dates_make_sense_for_their_years(smr, client):
    """Issue 25, finding 16: catches every assessment signed off (and started) on the day the
    demo was loaded, which made the site page say "7 submitted in 2026" of 2025's, and a
    "recently started" list that missed Glasgow and Kristiansand."""
    import re

    from django.urls import reverse

    from audit.models import AuditEntry

    call_command("load_demo")
    for a in Assessment.objects.filter(status="submitted"):
        assert a.created_at.date() < a.reference_date < a.submitted_at.date()
        assert a.submitted_at.year == a.reference_date.year
        signed = AuditEntry.objects.get(assessment=a, kind="submitted")
        assert signed.at == a.submitted_at  # the timeline says the same day
    starts = [a.created_at for a in Assessment.objects.all()]
    assert len(set(starts)) == len(starts)
    admin = User.objects.get(email="admin@demo.resilience.city")
    assert admin.full_name == "Alex Morgan"
    # The demo partner's targets are in its targets' history, set by its member.
    targets = AuditEntry.objects.targets()
    assert targets.count() == 3
    assert {e.user.email for e in targets} == {"partner@demo.resilience.city"}
    client.force_login(admin)
    html = client.get(reverse("home")).content.decode()
    recent = html.split('id="recent">')[1].split("</ul>")[0]
    drafts = re.findall(r">([^<>:]+): Self-assessment \d{4}</a> <span[^>]*>Draft", recent)
    assert sorted(drafts) == ["Bristol", "Donostia/San Sebastián", "Glasgow",
                              "Kristiansand", "Riga", "Rome", "Vejle"]  # fmt: skip
    assert "7 assessments of" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
