"""The partner dashboard's PDF and its cities' table (CSV, XLSX) as jobs (jobs/): in the
request without a broker, by a Celery worker with one; kept while the partner's figures stay
the same; a failure told to the user; only the partner's members reach the job and its file,
which the app serves itself, from the bucket too."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Partner
from assessments.models import Share
from jobs.models import Job

from . import test_dashboards, test_files_on_s3, test_jobs
from .conftest import make_user
from .test_files_on_s3 import _objects
from .test_jobs import _wait_until_finished

# The fixtures of those tests: Glasgow and Riga share with the partner, Oslo does not; a
# bucket on a local S3-compatible server; a Celery worker on a redis-server of its own.
cities = test_dashboards.cities
bucket = test_files_on_s3.bucket
worker = test_jobs.worker


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def renders(monkeypatch, pdf_as_html):
    """How many times the dashboard PDF was laid out (WeasyPrint swapped for its HTML)."""
    from dashboards import views

    count = [0]
    render = views.render_pdf

    def counted(*args, **kwargs):
        count[0] += 1
        return render(*args, **kwargs)

    monkeypatch.setattr(views, "render_pdf", counted)
    return count


def _pdf(partner):
    return reverse("dashboards:dashboard_pdf", args=[partner.slug])


def _export(partner, fmt):
    return reverse("dashboards:heatmap_export", args=[partner.slug, fmt])


def _rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_without_a_broker_the_pdf_comes_at_once_and_again_without_a_render(
    client, cities, partner, partner_user, renders, pdf_as_html
):
    client.force_login(partner_user)
    first = client.get(_pdf(partner))
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    text = pdf_as_html(first.content)
    assert partner.name in text and "Riga" in text
    again = client.get(_pdf(partner))
    assert again.content == first.content and renders[0] == 1


def test_a_withdrawn_share_makes_a_new_pdf_and_table(
    client, cities, partner, partner_user, renders, pdf_as_html
):
    client.force_login(partner_user)
    client.get(_pdf(partner))
    assert [r[0] for r in _rows(client.get(_export(partner, "csv")))[1:]] == ["Glasgow", "Riga"]
    Share.objects.filter(assessment__city__slug="riga").delete()
    text = pdf_as_html(client.get(_pdf(partner)).content)
    assert renders[0] == 2 and "Riga" not in text
    assert [r[0] for r in _rows(client.get(_export(partner, "csv")))[1:]] == ["Glasgow"]


def test_the_table_follows_the_filters_and_each_is_kept(client, cities, partner, partner_user):
    client.force_login(partner_user)
    gb = _rows(client.get(_export(partner, "csv"), {"country": "GB"}))
    assert [r[0] for r in gb[1:]] == ["Glasgow"]
    every = _rows(client.get(_export(partner, "csv")))
    assert [r[0] for r in every[1:]] == ["Glasgow", "Riga"]
    xlsx = client.get(_export(partner, "xlsx"), {"country": "LV"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)][1:] == ["Riga"]
    client.get(_export(partner, "csv"), {"country": "GB"})
    assert Job.objects.count() == 3  # the GB table asked twice is one job


def test_a_refused_filter_is_told_at_once_and_makes_no_job(client, cities, partner, partner_user):
    client.force_login(partner_user)
    assert client.get(_export(partner, "csv"), {"population": "huge"}).status_code == 400
    assert not Job.objects.exists()


def test_a_failed_pdf_says_so_and_can_be_asked_for_again(
    client, cities, partner, partner_user, monkeypatch, pdf_as_html
):
    from dashboards import views

    render = views.render_pdf
    monkeypatch.setattr(views, "render_pdf", lambda *a, **k: 1 / 0)
    client.force_login(partner_user)
    response = client.get(_pdf(partner), follow=True)
    assert b"The file could not be made" in response.content
    assert b"Ask again" in response.content
    job = Job.objects.get()
    monkeypatch.setattr(views, "render_pdf", render)
    response = client.post(reverse("jobs:job", args=[job.pk]), follow=True)
    assert b"Your file is ready" in response.content
    assert "Riga" in pdf_as_html(client.get(reverse("jobs:file", args=[job.pk])).content)


def test_only_the_partners_members_reach_its_files(
    client, cities, partner, partner_user, editor, renders
):
    """A member of the partner (not the one who asked) shares the kept file; another
    partner's member, a city's editor and a signed-out visitor do not reach it."""
    client.force_login(partner_user)
    client.get(_pdf(partner))
    client.get(_export(partner, "csv"))
    colleague = make_user("colleague@partner.test")
    partner.members.add(colleague)
    other = make_user("someone@other-partner.test")
    Partner.objects.create(name="UNDRR", slug="undrr").members.add(other)
    for job in Job.objects.all():
        urls = (reverse("jobs:job", args=[job.pk]), reverse("jobs:file", args=[job.pk]))
        for url in urls:
            client.force_login(colleague)
            assert client.get(url).status_code == 200
            for stranger in (other, editor):
                client.force_login(stranger)
                assert client.get(url).status_code == 404
            client.logout()
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(colleague)
    client.get(_pdf(partner))
    assert renders[0] == 1  # the colleague had the kept file


def test_the_table_is_kept_in_the_bucket_and_served_by_the_app(
    client, cities, partner, partner_user, bucket
):
    client.force_login(partner_user)
    response = client.get(_export(partner, "csv"))
    assert response.status_code == 200  # the file itself, not a redirect to the bucket
    rows = _rows(response)
    stored = [body for key, body in _objects(bucket).items() if key.startswith("jobs/")]
    assert len(stored) == 1 and [r[0] for r in rows[1:]] == ["Glasgow", "Riga"]
    assert list(csv.reader(io.StringIO(stored[0].decode("utf-8-sig")))) == rows
    job = Job.objects.get()
    client.logout()
    signed_out = client.get(reverse("jobs:file", args=[job.pk]))
    assert signed_out.status_code == 302 and signed_out.url.startswith("/accounts/login/")


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_the_page_follows_the_pdf_and_offers_it(
    client, cities, partner, partner_user, renders, pdf_as_html, worker
):
    client.force_login(partner_user)
    response = client.get(_pdf(partner))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:job", args=[job.pk])
    assert b"The dashboard as PDF" in client.get(response.url).content
    assert _wait_until_finished(job.pk).state == "done"
    assert b"Your file is ready" in client.get(response.url).content
    download = client.get(reverse("jobs:file", args=[job.pk]))
    assert "Riga" in pdf_as_html(download.content)
    assert client.get(_pdf(partner)).content == download.content  # kept: no second job
    assert renders[0] == 1 and Job.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_the_table_is_made_by_the_worker(
    client, cities, partner, partner_user, worker
):
    client.force_login(partner_user)
    response = client.get(_export(partner, "xlsx"), {"country": "GB"})
    job = Job.objects.get()
    # The job's page, or the file itself when the worker finished it before the request
    # looked again (a small table on an idle worker): both are what a partner should get.
    if response.status_code != 200:
        assert response.status_code == 302 and response.url == reverse("jobs:job", args=[job.pk])
    assert _wait_until_finished(job.pk).state == "done"
    sheet = load_workbook(io.BytesIO(client.get(reverse("jobs:file", args=[job.pk])).content))
    assert [row[0] for row in sheet.active.iter_rows(values_only=True)][1:] == ["Glasgow"]


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_a_failing_table_is_retried_then_told(
    client, cities, partner, partner_user, monkeypatch, worker
):
    from dashboards import views
    from jobs import tasks as job_tasks

    monkeypatch.setattr(job_tasks, "MAX_RETRIES", 1)
    tries = [0]

    def broken(*args, **kwargs):
        tries[0] += 1
        raise OSError("disk full")

    monkeypatch.setattr(views, "to_csv", broken)
    client.force_login(partner_user)
    client.get(_export(partner, "csv"))
    job = _wait_until_finished(Job.objects.get().pk)
    assert job.state == "failed" and tries[0] == 2
    assert b"The file could not be made" in client.get(reverse("jobs:job", args=[job.pk])).content
