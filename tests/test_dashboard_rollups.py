"""Dashboard rollups (dashboards/tasks.py): a partner's overview across its cities computed
by a job once a share changes (by a Celery worker when there is a broker, or by the beat's
catch-up; without a broker the page computes them on a cache miss, as before rollups), so
the page reads it instead of computing it; the page's figures are the same as when it
computes them itself."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from assessments import services

from . import test_dashboards, test_jobs

cities = test_dashboards.cities  # Glasgow and Riga share with the partner, Oslo does not
worker = test_jobs.worker  # a Celery worker on a redis-server of its own


@pytest.fixture
def computed(monkeypatch):
    """How many times the overview's figures were computed, by a page or a rollup."""
    from dashboards import views

    count = [0]
    figures = views._figures

    def counted(*args, **kwargs):
        count[0] += 1
        return figures(*args, **kwargs)

    monkeypatch.setattr(views, "_figures", counted)
    return count


def _page(client, partner):
    response = client.get(reverse("dashboards:dashboard", args=[partner.slug]))
    assert response.status_code == 200
    return response


def _shown(response) -> tuple:
    """What the page shows: the headline figures and each subdimension's cities per stage."""
    return response.context["headline"], response.context["distribution"]


def test_without_a_broker_the_save_rolls_up_nothing_and_the_page_computes_once(
    client, cities, partner, partner_user, computed, django_capture_on_commit_callbacks
):
    """No worker to hand it to: the withdrawal saves at once (no five-language rollup inside
    it), and the page computes its figures on its first visit after it, then reads them."""
    client.force_login(partner_user)
    assert _page(client, partner).context["headline"]["cities"] == 2
    before = computed[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.unshare(cities["riga"], partner, partner_user)
    assert computed[0] == before  # nothing computed inside the save
    assert _page(client, partner).context["headline"]["cities"] == 1
    assert computed[0] - before == 1
    again = _page(client, partner)
    assert computed[0] - before == 1 and again.context["headline"]["cities"] == 1


@pytest.fixture
def inline_broker(settings):
    """Rollups queued as with a broker, the job run at once in this process (Celery's eager
    mode, which the tests run in): what a worker would do, inside the test."""
    settings.JOBS_BROKER_URL = "redis://127.0.0.1:1/0"


def test_a_queued_rollup_is_read_by_the_page(
    client, cities, partner, partner_user, computed, inline_broker,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client.force_login(partner_user)
    assert _page(client, partner).context["headline"]["cities"] == 2
    before = computed[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.unshare(cities["riga"], partner, partner_user)
    assert computed[0] - before == 5  # one overview per language, by the job
    rolled = _page(client, partner)
    assert computed[0] - before == 5  # the page computed nothing
    assert rolled.context["headline"]["cities"] == 1
    cache.clear()  # the figures the page computes itself
    fresh = _page(client, partner)
    assert computed[0] - before == 6 and _shown(fresh) == _shown(rolled)


def test_a_failing_rollup_never_fails_the_save(
    client, cities, partner, partner_user, monkeypatch, inline_broker,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from dashboards import views

    figures = views._figures
    monkeypatch.setattr(views, "_figures", lambda *a, **k: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        services.unshare(cities["riga"], partner, partner_user)
    assert not cities["riga"].shares.exists()
    monkeypatch.setattr(views, "_figures", figures)
    client.force_login(partner_user)
    assert _page(client, partner).context["headline"]["cities"] == 1  # computed by the page


def test_the_beats_catch_up_rolls_up_only_the_partners_without_a_current_rollup(
    client, cities, partner, partner_user, computed
):
    from accounts.models import Partner
    from dashboards.tasks import refresh_stale_rollups

    Partner.objects.create(name="UNDRR", slug="undrr")
    assert refresh_stale_rollups() == 2  # neither was rolled up (no commit in this test)
    assert refresh_stale_rollups() == 0  # nothing changed since
    before = computed[0]
    client.force_login(partner_user)
    assert _page(client, partner).context["headline"]["cities"] == 2
    assert computed[0] == before


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_the_worker_rolls_up_and_the_page_reads_it(
    client, cities, partner, partner_user, computed, worker
):
    import threading

    from celery.signals import task_postrun

    done = threading.Event()

    def finished(sender=None, **kwargs):
        if sender.name == "dashboards.refresh_rollups":
            done.set()

    task_postrun.connect(finished, weak=False)
    try:
        services.unshare(cities["riga"], partner, partner_user)  # commits: the job is queued
        assert done.wait(30), "no rollup within 30 s"
    finally:
        task_postrun.disconnect(finished)
    before = computed[0]
    client.force_login(partner_user)
    rolled = _page(client, partner)
    assert computed[0] == before and rolled.context["headline"]["cities"] == 1
    cache.clear()
    assert _shown(_page(client, partner)) == _shown(rolled)
