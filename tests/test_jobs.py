"""Jobs (jobs/): the PDF report made once per version of what it shows, in the request without
a broker, by a Celery worker with one; a failure told to the user; the access rule on both."""

import threading

import pytest
from django.urls import reverse

from jobs.models import Job

from .conftest import update_action
from .fleet_helpers import redis_server


@pytest.fixture
def renders(monkeypatch, pdf_as_html):
    """How many times the report was laid out (WeasyPrint swapped for its HTML)."""
    from reports import tasks

    count = [0]
    render = tasks.render_pdf

    def counted(*args, **kwargs):
        count[0] += 1
        return render(*args, **kwargs)

    monkeypatch.setattr(tasks, "render_pdf", counted)
    return count


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _report(assessment):
    return reverse("reports:pdf", args=["glasgow", assessment.pk])


def test_without_a_broker_the_report_comes_at_once_and_again_without_a_render(
    client, editor, assessment, renders, pdf_as_html
):
    client.force_login(editor)
    first = client.get(_report(assessment))
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert "Glasgow" in pdf_as_html(first.content)
    again = client.get(_report(assessment))
    assert again.content == first.content
    assert renders[0] == 1  # the second download is the kept file


def test_a_change_to_the_assessment_makes_a_new_report(
    client, editor, assessment, renders, pdf_as_html
):
    client.force_login(editor)
    client.get(_report(assessment))
    update_action(assessment, "L1S1", editor, status="done", note="Harbour wall survey finished")
    response = client.get(_report(assessment))
    assert renders[0] == 2
    assert "Harbour wall survey finished" in pdf_as_html(response.content)


def test_a_failed_report_says_so_and_can_be_asked_for_again(
    client, editor, assessment, monkeypatch, pdf_as_html
):
    from reports import tasks

    render = tasks.render_pdf
    monkeypatch.setattr(tasks, "render_pdf", lambda *a, **k: 1 / 0)
    client.force_login(editor)
    response = client.get(_report(assessment), follow=True)
    assert b"The file could not be made" in response.content
    job = Job.objects.get()
    monkeypatch.setattr(tasks, "render_pdf", render)
    response = client.post(reverse("jobs:job", args=[job.pk]), follow=True)
    assert b"Your file is ready" in response.content
    download = client.get(reverse("jobs:file", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"


def test_nobody_else_reaches_a_report_job(client, editor, viewer, outsider, assessment, renders):
    client.force_login(editor)
    client.get(_report(assessment))
    job = Job.objects.get()
    for url in (reverse("jobs:job", args=[job.pk]), reverse("jobs:file", args=[job.pk])):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        client.force_login(viewer)  # a member, but not the reader it was made for
        assert client.get(url).status_code == 404
        client.logout()
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.fixture
def worker(settings):
    """A Celery worker on a redis-server this test starts; the app's queue points at it."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_prerun
    from django.db import connections

    from resilience_site.celery import app

    # The worker runs in a thread of this process; SQLite's in-memory test database exists
    # only on this thread's connection, so the worker is lent it (as Django's live server is).
    shared = connections["default"]
    in_memory = shared.vendor == "sqlite" and shared.is_in_memory_db()

    def lend_connection(**kwargs):
        if in_memory:
            connections["default"] = shared

    if in_memory:
        shared.inc_thread_sharing()
    task_prerun.connect(lend_connection, weak=False)
    with redis_server() as url:
        settings.JOBS_BROKER_URL = url
        app.conf.update(broker_url=url, task_always_eager=False)
        _forget_connections(app)
        try:
            with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
                yield url
        finally:
            app.conf.update(broker_url="memory://", task_always_eager=True)
            _forget_connections(app)
            task_prerun.disconnect(lend_connection)
            if in_memory:
                shared.dec_thread_sharing()


def _forget_connections(app):
    """Celery keeps its producers' connections: made anew for the broker now configured."""
    app._pool = None
    app.amqp._producer_pool = None


def _wait_until_finished(job_id, seconds=30):
    """The job once a worker finished it. Waits on the worker's signal, not by reading the
    database: the worker may be using the one connection SQLite's test database has."""
    from celery.signals import task_postrun

    done = threading.Event()

    def finished(**kwargs):
        job = Job.objects.filter(pk=job_id).first()
        if job is not None and job.finished:
            done.set()

    task_postrun.connect(finished, weak=False)
    try:
        if not Job.objects.get(pk=job_id).finished:
            assert done.wait(seconds), f"job not finished after {seconds} s"
    finally:
        task_postrun.disconnect(finished)
    return Job.objects.get(pk=job_id)


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_the_page_follows_the_job_and_offers_the_file(
    client, editor, assessment, renders, pdf_as_html, worker
):
    client.force_login(editor)
    response = client.get(_report(assessment))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:job", args=[job.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert _wait_until_finished(job.pk).state == "done"
    page = client.get(reverse("jobs:job", args=[job.pk]))
    assert b"Your file is ready" in page.content
    download = client.get(reverse("jobs:file", args=[job.pk]))
    assert "Glasgow" in pdf_as_html(download.content)
    # Asked for again at the same version: the file at once, not another job.
    assert client.get(_report(assessment)).content == download.content
    assert renders[0] == 1 and Job.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_a_failing_job_is_retried_then_told(
    client, editor, assessment, monkeypatch, pdf_as_html, worker
):
    from jobs import tasks as job_tasks
    from reports import tasks

    monkeypatch.setattr(job_tasks, "MAX_RETRIES", 1)
    tries = [0]

    def broken(*args, **kwargs):
        tries[0] += 1
        raise OSError("disk full")

    monkeypatch.setattr(tasks, "render_pdf", broken)
    client.force_login(editor)
    client.get(_report(assessment))
    job = _wait_until_finished(Job.objects.get().pk)
    assert job.state == "failed" and tries[0] == 2  # the first try and one retry
    page = client.get(reverse("jobs:job", args=[job.pk]))
    assert b"The file could not be made" in page.content


def test_a_job_whose_message_was_lost_is_queued_again_by_its_page(
    client, editor, assessment, settings, monkeypatch, renders
):
    """A broker restarted without its data loses the queued message: the page the reader
    waits on hands the job to the queue again, once its message is overdue."""
    from datetime import timedelta

    from django.utils import timezone

    from jobs import services

    client.force_login(editor)
    job = Job.objects.create(
        kind="report_pdf", key="lost", requested_by=editor,
        params={"slug": "glasgow", "pk": assessment.pk, "language": "en"},
        enqueued_at=timezone.now() - timedelta(seconds=settings.JOBS_REDELIVER_SECONDS + 1),
    )  # fmt: skip
    sent = []
    monkeypatch.setattr(services, "enqueue", lambda j: sent.append(j.pk))
    client.get(reverse("jobs:job", args=[job.pk]))
    assert sent == [job.pk]
    Job.objects.filter(pk=job.pk).update(enqueued_at=timezone.now())
    client.get(reverse("jobs:job", args=[job.pk]))
    assert sent == [job.pk]  # just handed over: not again
