"""A campaign partner's network targets (issue 25, finding 12): set on their own page, shown
with their progress on the dashboard and in its PDF, counted over the same cities as the
charts; refused with a message when they make no sense; nobody else's to see or withdraw."""

import pytest
from django.urls import reverse

from accounts.models import Partner
from dashboards.models import NetworkTarget
from maturity.models import Stage, Subdimension

from . import pdf_text
from .conftest import make_user
from .test_partner_dashboard import network, starting  # noqa: F401 - fixtures

# Glasgow, Oslo and San Sebastián share with ICLEI (tests/test_partner_dashboard.py).
pytestmark = pytest.mark.usefixtures("network")

L1 = "L1 Municipality, cross-sectiorial and multi-governance collaboration"


def _words(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _ids(smr, code: str, stage: str) -> dict:
    return {
        "subdimension": Subdimension.objects.get(dimension__version=smr, code=code).pk,
        "stage": Stage.objects.get(version=smr, name=stage).pk,
    }


def _set(client, smr, code, stage, share, year):
    return client.post(
        reverse("dashboards:targets", args=["iclei"]),
        {**_ids(smr, code, stage), "share": share, "year": year},
    )


def test_a_target_set_shows_its_progress_on_the_dashboard(client, smr, partner_user):
    """Catches a target counted over other cities than the charts, a share not rounded up
    (half of 3 cities is 2), or a target met that is said not to be."""
    client.force_login(partner_user)
    response = _set(client, smr, "L1", "Starting", 50, 2027)
    assert response.status_code == 302
    _set(client, smr, "P1", "Starting", 100, 2026)
    text = _words(client.get(reverse("dashboards:dashboard", args=["iclei"])).content.decode())
    targets = text.split("Network targets")[1].split("Set or withdraw targets")[0]
    # Glasgow and San Sebastián (L1S2 not applicable) reached Starting in L1; Oslo did not.
    assert (
        f"50% of cities at Starting or above in {L1} by 2027 "
        "Now 2 of 3 cities (67%); 2 needed. Target met."
    ) in targets
    assert (
        "100% of cities at Starting or above in P1 Diagnosis and Assessment by 2026 "
        "Now 1 of 3 cities (33%); 3 needed. Not met yet."
    ) in targets
    # Earliest year first.
    assert targets.index("by 2026") < targets.index("by 2027")
    target = NetworkTarget.objects.get(share=50)
    assert target.created_by == partner_user


@pytest.mark.parametrize(
    ("share", "year", "message"),
    [
        (0, 2027, "Ensure this value is greater than or equal to 1."),
        (150, 2027, "Ensure this value is less than or equal to 100."),
        ("half", 2027, "Enter a whole number."),
        (50, 1999, "Ensure this value is greater than or equal to 2015."),
    ],
)
def test_a_target_that_makes_no_sense_is_refused_with_a_message(
    client, smr, partner_user, share, year, message
):
    client.force_login(partner_user)
    response = _set(client, smr, "L1", "Starting", share, year)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not NetworkTarget.objects.exists()


def test_the_same_target_twice_and_a_stage_of_another_version_are_refused(
    client, smr, smr2, partner_user
):
    client.force_login(partner_user)
    assert _set(client, smr, "L1", "Starting", 50, 2027).status_code == 302
    again = _set(client, smr, "L1", "Starting", 50, 2027)
    assert again.status_code == 400
    assert "Your organisation already has this target." in again.content.decode()
    other = client.post(
        reverse("dashboards:targets", args=["iclei"]),
        {
            "subdimension": _ids(smr, "L1", "Starting")["subdimension"],
            "stage": Stage.objects.get(version=smr2, name="Moderate").pk,
            "share": 50,
            "year": 2027,
        },
    )
    assert other.status_code == 400
    assert NetworkTarget.objects.count() == 1


def test_another_partners_member_neither_sees_nor_withdraws_a_target(client, smr, partner_user):
    client.force_login(partner_user)
    _set(client, smr, "L1", "Starting", 50, 2027)
    target = NetworkTarget.objects.get()
    undrr = Partner.objects.create(name="UNDRR", slug="undrr")
    stranger = make_user("someone@undrr.test")
    undrr.members.add(stranger)
    client.force_login(stranger)
    assert client.get(reverse("dashboards:targets", args=["iclei"])).status_code == 404
    assert _set(client, smr, "L1", "Starting", 60, 2028).status_code == 404
    withdraw = reverse("dashboards:target_delete", args=["undrr", target.pk])
    assert client.post(withdraw).status_code == 404  # reached through their own partner
    assert NetworkTarget.objects.filter(pk=target.pk).exists()


def test_a_member_withdraws_a_target(client, smr, partner_user):
    client.force_login(partner_user)
    _set(client, smr, "L1", "Starting", 50, 2027)
    target = NetworkTarget.objects.get()
    response = client.post(reverse("dashboards:target_delete", args=["iclei", target.pk]))
    assert response.status_code == 302
    assert not NetworkTarget.objects.exists()
    assert client.get(reverse("dashboards:target_delete", args=["iclei", 1])).status_code == 405


@pytest.mark.pdf
def test_the_dashboard_pdf_gives_each_targets_progress(client, smr, partner_user):
    client.force_login(partner_user)
    _set(client, smr, "L1", "Starting", 50, 2027)
    response = client.get(reverse("dashboards:dashboard_pdf", args=["iclei"]))
    first = " ".join(pdf_text.pages(response.content)[0].split())
    squashed = "".join(first.split())  # a line may break after "multi-"
    assert "".join(f"50% of cities at Starting or above in {L1} by 2027".split()) in squashed
    assert "Now 2 of 3 cities (67%); 2 needed. Target met." in first
    # The running header names the partner's dashboard (finding 13), not a stray "·".
    assert "ICLEI Europe · Partner dashboard" in first
    assert " · Resilience Maturity" not in first


def test_setting_changing_and_withdrawing_a_target_each_leave_an_audit_entry(
    client, smr, partner_user
):
    """Catches targets set, changed and withdrawn with no trace in the audit log, and a
    history that does not say who did what."""
    from audit.models import AuditEntry

    partner_user.full_name = "Pat Partner"
    partner_user.save()
    client.force_login(partner_user)
    _set(client, smr, "L1", "Starting", 50, 2027)
    target = NetworkTarget.objects.get()
    change = reverse("dashboards:target_change", args=["iclei", target.pk])
    assert client.post(change, {"share": 60}).status_code == 302
    target.refresh_from_db()
    assert target.share == 60
    client.post(reverse("dashboards:target_delete", args=["iclei", target.pk]))
    entries = AuditEntry.objects.targets().order_by("at", "pk")
    assert [(e.kind, e.old, e.new, e.user, e.partner.slug, e.city) for e in entries] == [
        ("target_set", "", "50", partner_user, "iclei", None),
        ("target_edit", "50", "60", partner_user, "iclei", None),
        ("target_gone", "60", "", partner_user, "iclei", None),
    ]
    text = _words(client.get(reverse("dashboards:targets", args=["iclei"])).content.decode())
    history = text.split("History of the targets")[1]
    line = f"Starting or above in {L1} by 2027"
    withdrawn, changed, set_ = history.split(" · Pat Partner")[:3]
    assert withdrawn.endswith(f"Target withdrawn: 60% of cities at {line}")
    assert changed.endswith(f"Target changed: 60% of cities at {line} (was 50%)")
    assert set_.endswith(f"Target set: 50% of cities at {line}")


def test_a_share_that_makes_no_sense_leaves_the_target_and_the_log_as_they_were(
    client, smr, partner_user
):
    from audit.models import AuditEntry

    client.force_login(partner_user)
    _set(client, smr, "L1", "Starting", 50, 2027)
    target = NetworkTarget.objects.get()
    change = reverse("dashboards:target_change", args=["iclei", target.pk])
    page = client.post(change, {"share": 150}, follow=True).content.decode()
    assert "The target was not changed: Ensure this value is less than or equal to 100." in page
    target.refresh_from_db()
    assert target.share == 50
    assert AuditEntry.objects.filter(kind="target_edit").count() == 0
    client.post(change, {"share": 50})  # the same share: nothing changed, nothing logged
    assert AuditEntry.objects.filter(kind="target_edit").count() == 0


def test_another_partners_member_cannot_change_a_target(client, smr, partner_user):
    client.force_login(partner_user)
    _set(client, smr, "L1", "Starting", 50, 2027)
    target = NetworkTarget.objects.get()
    undrr = Partner.objects.create(name="UNDRR", slug="undrr")
    stranger = make_user("someone@undrr.test")
    undrr.members.add(stranger)
    client.force_login(stranger)
    for slug in ("iclei", "undrr"):
        url = reverse("dashboards:target_change", args=[slug, target.pk])
        assert client.post(url, {"share": 90}).status_code == 404
    target.refresh_from_db()
    assert target.share == 50
