"""The cache versions and what moves them, tested against the wrong versions mutmut found
passing (make mutation, issue 23): a version moved only before the commit, a rollup queued
for nobody, a version never stored (every visit drawn again)."""

import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse

from assessments import services
from dashboards.freshness import partner_version
from experiences.freshness import experiences_version

from .conftest import mark_done
from .exchange_world import build_exchange


@pytest.fixture(autouse=True)
def empty_cache(db):
    caches["fragments"].clear()
    caches["default"].clear()


@pytest.fixture
def signed_off(assessment, editor):
    mark_done(assessment, ["L1S1"], editor)
    return services.submit(assessment, editor)


def test_a_corrected_translation_reaches_the_city_pages_list_of_assessments(
    client, smr, assessment, editor
):
    """Each assessment's card on the city page names its subdimensions in the reader's
    language: a corrected translation shows there at once, not only in the headline."""
    from localisation.content import apply_translations
    from maturity.models import Subdimension

    client.force_login(editor)
    url = reverse("assessments:city", args=["glasgow"])
    client.get(url, {"lang": "es"})  # in the cache, in Spanish
    sub = Subdimension.objects.get(code="L1", dimension__version=smr)
    texts = {
        f"version:{smr.slug}:subdimension:L1:title": {"source": sub.title_en, "text": "Muni X"}
    }
    apply_translations(smr, "es", texts)
    page = client.get(url, {"lang": "es"}).content.decode()
    card = page[page.index('<section class="card mb-3">') :]
    card = re.sub(r"<[^>]+>", " ", card[: card.index("</section>")])
    assert "L1 Muni X" in " ".join(card.split())


def test_a_partners_version_moves_again_when_the_share_commits(
    signed_off, partner, editor, django_capture_on_commit_callbacks
):
    """Figures a reader drew while the share was not yet visible to them are keyed under the
    version seen inside the transaction: after the commit nobody reads them."""
    with django_capture_on_commit_callbacks(execute=True):
        services.share(signed_off, partner, editor)
        inside = partner_version(partner.pk)
    assert partner_version(partner.pk) != inside


def test_an_unchanged_dashboard_is_computed_once_after_its_version_is_evicted(
    client, signed_off, partner, partner_user, editor, monkeypatch
):
    """As above, for a partner's dashboard: its figures are computed once, then read."""
    from dashboards import views

    services.share(signed_off, partner, editor)
    caches["default"].delete(f"dashboard:partner-version:{partner.pk}")
    computed = []
    figures = views._figures
    monkeypatch.setattr(views, "_figures", lambda *a, **k: computed.append(1) or figures(*a, **k))
    client.force_login(partner_user)
    url = reverse("dashboards:dashboard", args=[partner.slug])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert len(computed) == 1


def test_with_a_broker_a_share_queues_its_partners_rollup_at_commit(
    signed_off, partner, editor, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The partner's overview is computed ahead by a job, so its next page reads it."""
    from dashboards import tasks

    settings.JOBS_BROKER_URL = "redis://127.0.0.1:1/0"
    queued = []
    monkeypatch.setattr(tasks.refresh_rollups, "apply_async", lambda args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        services.share(signed_off, partner, editor)
    assert queued == [[[partner.pk]]]


@pytest.fixture
def ex(smr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_exchange(smr)


def test_the_experiences_version_moves_again_when_the_change_commits(
    ex, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ex["kristiansand"].save()
        inside = experiences_version()
    assert experiences_version() != inside


def test_an_unchanged_how_others_list_is_drawn_once_after_its_version_is_evicted(
    client, ex, monkeypatch
):
    """A cache that dropped the version (memory pressure, a restart) draws a new one and keeps
    it: the list is then read from the cache, not drawn on every visit of the action page."""
    from experiences.templatetags import how_others

    caches["default"].delete("experiences:version")

    drawn = []
    visible_to = how_others.visible_to
    monkeypatch.setattr(how_others, "visible_to", lambda user: drawn.append(1) or visible_to(user))
    client.force_login(ex["riga_editor"])
    url = reverse("assessments:action", args=["riga", ex["riga_draft"].pk, "L1S1"])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert len(drawn) == 1


def test_an_evicted_experiences_version_never_brings_back_an_old_list(client, ex):
    """A cache that drops the version must not serve a list drawn before a change."""
    from experiences.models import Experience

    client.force_login(ex["riga_editor"])
    url = reverse("assessments:action", args=["riga", ex["riga_draft"].pk, "L1S1"])
    caches["default"].delete("experiences:version")
    assert "Flood wardens in Kristiansand" not in client.get(url).content.decode()
    Experience.objects.create(
        city=ex["kristiansand"], action=ex["experiences"]["public"].action,
        title="Flood wardens in Kristiansand", what_was_done="Wardens.", visibility="public",
    )  # fmt: skip
    caches["default"].delete("experiences:version")
    assert "Flood wardens in Kristiansand" in client.get(url).content.decode()


@pytest.mark.parametrize("version", ["partner", "experiences"])
def test_a_version_outlives_the_caches_default_timeout(partner, monkeypatch, version):
    """A version stays until something moves it: one that expired with the cache's default
    five minutes would redraw every cached dashboard or list each time, with nothing changed."""
    from django.core.cache.backends import db
    from django.utils import timezone

    from dashboards.freshness import partners_changed
    from experiences.freshness import experiences_changed

    if version == "partner":
        read, move = (lambda: partner_version(partner.pk)), lambda: partners_changed([partner.pk])
    else:
        read, move = experiences_version, experiences_changed

    def a_year_on() -> None:  # the database cache's clock
        later = timezone.now() + timedelta(days=365)
        monkeypatch.setattr(db, "tz_now", lambda: later)

    first = read()
    a_year_on()
    assert read() == first
    monkeypatch.setattr(db, "tz_now", timezone.now)
    move()  # a change: the version it moves to is kept as long
    moved = read()
    a_year_on()
    assert read() == moved != first


def test_the_first_action_page_draws_every_actions_links_for_the_next_ones(
    client, catalogue, assessment, editor, monkeypatch
):
    """The catalogue's links of every action are drawn with the first action page that misses
    its own, from one read: the next action page, whichever action, reads no catalogue again
    (the catalogue is the same for every city and changes seldom)."""
    from assessments.views import matrix

    reads = []
    read = matrix.policies_by_action
    monkeypatch.setattr(matrix, "policies_by_action", lambda ids: reads.append(ids) or read(ids))
    client.force_login(editor)
    first = client.get(reverse("assessments:action", args=["glasgow", assessment.pk, "L1S1"]))
    assert first.status_code == 200
    assert len(reads) == 1 and len(reads[0]) == 90  # one read, for the model's every action
    for code in ("P1S1", "I1S1", "L4M1"):
        page = client.get(reverse("assessments:action", args=["glasgow", assessment.pk, code]))
        assert page.status_code == 200
    assert len(reads) == 1
