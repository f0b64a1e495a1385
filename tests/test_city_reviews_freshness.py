"""The city page's peer-review part is cached under the city's reviews_revision (issue 23):
every review step, the critical-friend offer and a reviewer's new name show on the next
visit, and a review step in one city leaves another city's cached part alone."""

import pytest
from django.urls import reverse

from accounts.models import City
from reviews import services
from reviews.models import CriticalFriend, Verdict

from .review_helpers import action, request, world_fixture  # noqa: F401 - the fixture


def _section(client, slug="glasgow") -> str:
    page = client.get(reverse("assessments:city", args=[slug])).content.decode()
    start = page.index('id="peer-review"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def seen(client, world):
    """Glasgow's editor has seen the city page once: its part is in the cache."""
    client.force_login(world.editor)
    assert "reviewed by Bristol" not in _section(client)
    return client


def test_a_requested_review_is_listed_at_once(seen, world):
    request(world)
    assert "Self-assessment 2025, reviewed by Bristol" in _section(seen)


def test_a_returned_review_shows_its_stages_at_once(seen, world):
    review = request(world)
    assert "Reviewed by Bristol" not in _section(seen)
    services.record_finding(
        review, action(world, "L1S2"), world.reviewer, verdict=Verdict.QUESTION,
        suggested_status="in_progress",
    )  # fmt: skip
    services.return_review(review, world.reviewer)
    assert "Reviewed by Bristol" in _section(seen)


def test_the_critical_friend_offer_button_follows_the_offer(seen, world):
    assert "Offer to review other cities" in _section(seen)
    CriticalFriend.objects.create(city=world.glasgow)
    assert "Stop offering to review other cities" in _section(seen)


def test_a_reviewing_city_renamed_shows_its_new_name(seen, world):
    request(world)
    assert "reviewed by Bristol" in _section(seen)
    bristol = City.objects.get(pk=world.bristol.pk)
    bristol.name = "Bryste"
    bristol.save()
    assert "reviewed by Bryste" in _section(seen)


def test_a_city_saved_from_an_old_copy_keeps_its_revision_moving(seen, world):
    """A city loaded before a review step and saved after never writes its older revision
    back (the part drawn after the step would then be read under a key already used)."""
    old_copy = City.objects.get(pk=world.glasgow.pk)
    request(world)
    assert "reviewed by Bristol" in _section(seen)
    after_step = City.objects.get(pk=world.glasgow.pk).reviews_revision
    old_copy.region = "Scotland"
    old_copy.save()
    assert City.objects.get(pk=world.glasgow.pk).reviews_revision > after_step


def test_a_viewer_gets_no_editor_buttons_from_the_cache(seen, client, world):
    assert "Offer to review other cities" in _section(seen)
    client.force_login(world.viewer)
    assert "Offer to review other cities" not in _section(client)


def test_a_review_step_elsewhere_leaves_this_citys_revision_alone(seen, world):
    before = City.objects.get(pk=world.glasgow.pk).reviews_revision
    CriticalFriend.objects.create(city=world.bristol)
    assert City.objects.get(pk=world.glasgow.pk).reviews_revision == before


def test_the_matrix_marks_a_finding_returned_after_it_was_seen(seen, world):
    matrix = reverse("assessments:matrix", args=["glasgow", world.draft.pk])
    review = request(world)
    services.record_finding(
        review, action(world, "L1S2"), world.reviewer, verdict=Verdict.QUESTION,
        suggested_status="in_progress",
    )  # fmt: skip
    assert "open-findings" not in seen.get(matrix).content.decode()  # a draft finding
    services.return_review(review, world.reviewer)
    assert "open-findings" in seen.get(matrix).content.decode()
