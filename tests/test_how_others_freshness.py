"""The action page's "How other cities did this" is cached per reader (issue 23): each
change to what a reader may see there shows on their next visit, never a stale list."""

import pytest
from django.urls import reverse

from accounts.models import City, Membership, Role
from assessments import services as assessment_services
from experiences import services
from experiences.models import Experience

from .exchange_world import build_exchange


@pytest.fixture
def ex(smr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_exchange(smr)


def _riga_l1s1(client, ex) -> str:
    url = reverse("assessments:action", args=["riga", ex["riga_draft"].pk, "L1S1"])
    return client.get(url).content.decode()


def test_an_experience_published_after_the_page_was_seen_shows_at_once(client, ex):
    client.force_login(ex["riga_editor"])
    assert "Flood wardens in Kristiansand" not in _riga_l1s1(client, ex)
    Experience.objects.create(
        city=ex["kristiansand"], action=ex["experiences"]["public"].action,
        title="Flood wardens in Kristiansand", what_was_done="Wardens.", visibility="public",
    )  # fmt: skip
    assert "Flood wardens in Kristiansand" in _riga_l1s1(client, ex)


def test_a_taken_down_experience_leaves_the_page_at_once(client, ex):
    client.force_login(ex["riga_editor"])
    assert "Department plans in Glasgow" in _riga_l1s1(client, ex)
    services.take_down(ex["experiences"]["public"], "Advertising", ex["riga_editor"])
    assert "Department plans in Glasgow" not in _riga_l1s1(client, ex)


def test_a_renamed_city_shows_its_new_name(client, ex):
    client.force_login(ex["riga_editor"])
    assert "Glasgow" in _riga_l1s1(client, ex)
    City.objects.filter(pk=ex["glasgow"].pk).update(name="Glaschu")  # no signal: not enough
    glasgow = City.objects.get(pk=ex["glasgow"].pk)
    glasgow.save()
    assert "Glaschu" in _riga_l1s1(client, ex)


def test_joining_and_leaving_a_city_changes_what_the_reader_sees(client, ex):
    riga_editor = ex["riga_editor"]
    client.force_login(riga_editor)
    assert "Kristiansand city-only notes" not in _riga_l1s1(client, ex)
    joined = Membership.objects.create(user=riga_editor, city=ex["kristiansand"], role=Role.VIEWER)
    assert "Kristiansand city-only notes" in _riga_l1s1(client, ex)
    joined.delete()
    assert "Kristiansand city-only notes" not in _riga_l1s1(client, ex)


def test_a_share_opens_the_partners_experiences_to_the_partners_members(client, ex):
    """Riga's editor, also in Glasgow's partner: Glasgow's partners-only experience shows on
    Riga's page once Glasgow shares with that partner, and goes when the share is withdrawn."""
    riga_editor = ex["riga_editor"]
    ex["partner"].members.add(riga_editor)
    client.force_login(riga_editor)
    assert "Glasgow partners-only notes" not in _riga_l1s1(client, ex)
    assessment_services.share(ex["signed"], ex["partner"], ex["editor"])
    assert "Glasgow partners-only notes" in _riga_l1s1(client, ex)
    assessment_services.unshare(ex["signed"], ex["partner"], ex["editor"])
    assert "Glasgow partners-only notes" not in _riga_l1s1(client, ex)


def test_each_reader_gets_their_own_list(client, ex):
    """The cached list of one reader is never served to another on the same page."""
    from .conftest import make_member

    other = make_member("viewer@riga.test", "Rita Viewer", ex["riga"], Role.VIEWER)
    Membership.objects.create(user=other, city=ex["kristiansand"], role=Role.VIEWER)
    client.force_login(other)
    assert "Kristiansand city-only notes" in _riga_l1s1(client, ex)
    client.force_login(ex["riga_editor"])
    assert "Kristiansand city-only notes" not in _riga_l1s1(client, ex)
