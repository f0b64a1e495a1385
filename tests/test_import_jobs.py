"""Imports read as jobs (jobs/): the upload kept in the storage evidence uses, read by a
Celery worker when there is a broker (the page follows it, then shows the preview as before)
and in the request otherwise (the preview, or the refusal beside the field with a 400, at
once); a refused file says why on the job's page; only the editor who uploaded it reaches the
job and its preview."""

import io
from pathlib import Path

import pytest
from django.urls import reverse

from jobs.models import Job
from scorecard.models import ScorecardAssessment

from . import test_jobs
from .scorecard_helpers import filled_copy
from .test_jobs import _wait_until_finished

worker = test_jobs.worker  # a Celery worker on a redis-server of its own

ANSWERS = {"P1.1": (1, "Risk register 2025", "", "Resilience office", "")}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _workbook(data: bytes, name="filled.xlsm"):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def _led_to_the_job(response, job_page: str) -> bool:
    """The upload's answer with a broker: the job's page, which follows the reading; or, when
    the worker read the file before the request looked again, the preview itself."""
    if response.status_code == 200:
        return "preview" in response.templates[0].name
    return response.status_code == 302 and response.url == job_page


def _uploads(media: Path) -> list[Path]:
    return [p for p in (media / "uploads").rglob("*") if p.is_file()]


def test_without_a_broker_the_preview_comes_at_once_and_the_upload_is_not_kept(
    client, catalogue, city, editor, media
):
    client.force_login(editor)
    url = reverse("scorecard:import", args=[city.slug])
    preview = client.post(url, {"workbook": _workbook(filled_copy(ANSWERS))})
    assert preview.status_code == 200 and "P1.1" in preview.content.decode()
    assert Job.objects.get().state == "done" and _uploads(media) == []
    client.post(url, {"confirm": preview.context["confirm"]})
    answer = ScorecardAssessment.objects.get().answers.get(question__ref="P1.1")
    assert answer.score == 3 and answer.verification == "Risk register 2025"


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_the_page_follows_the_reading_then_shows_the_preview(
    client, catalogue, city, editor, media, worker
):
    client.force_login(editor)
    url = reverse("scorecard:import", args=[city.slug])
    response = client.post(url, {"workbook": _workbook(filled_copy(ANSWERS))})
    job = Job.objects.get()
    job_page = reverse("jobs:job", args=[job.pk])
    assert _led_to_the_job(response, job_page)
    assert _wait_until_finished(job.pk).state == "done"
    followed = client.get(job_page, follow=True)
    preview_url = reverse("scorecard:import_preview", args=[city.slug, job.pk])
    assert followed.redirect_chain[-1][0] == preview_url
    assert "Apply these changes" in followed.content.decode()
    # htmx polling the page is told where to go, as the browser's reload would be.
    polled = client.get(job_page, headers={"HX-Request": "true"})
    assert polled["HX-Redirect"] == preview_url
    confirmed = client.post(url, {"confirm": followed.context["confirm"]})
    applying = Job.objects.get(kind="scorecard_create")
    assert _wait_until_finished(applying.pk).state == "done"
    scorecard = ScorecardAssessment.objects.get()
    detail = reverse("scorecard:detail", args=[city.slug, scorecard.pk])
    applying_page = reverse("jobs:job", args=[applying.pk])
    assert confirmed.url in (applying_page, detail)
    assert client.get(applying_page).url == detail
    assert scorecard.answers.get(question__ref="P1.1").score == 3
    assert _uploads(media) == []


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_a_refused_workbook_says_why_on_the_jobs_page(
    client, catalogue, city, editor, worker
):
    client.force_login(editor)
    url = reverse("scorecard:import", args=[city.slug])
    bad = filled_copy({"P2.3": (5, None, None, None, None)})
    client.post(url, {"workbook": _workbook(bad)})
    job = _wait_until_finished(Job.objects.get().pk)
    assert job.state == "failed" and job.attempts == 1  # refused, never tried again
    page = client.get(reverse("jobs:job", args=[job.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "E02!E29: the answer of P2.3 must be 1, 2" in body
    assert "Upload another file" in body and "Ask again" not in body
    preview = reverse("scorecard:import_preview", args=[city.slug, job.pk])
    assert client.get(preview).status_code == 302  # nothing to preview: back to the job
    assert not ScorecardAssessment.objects.exists()


def test_not_a_workbook_never_fails_the_server(client, catalogue, city, editor):
    client.force_login(editor)
    url = reverse("scorecard:import", args=[city.slug])
    for data in (b"", b"PK\x03\x04 broken zip", b"%PDF-1.4"):
        response = client.post(url, {"workbook": _workbook(data or b" ")})
        assert response.status_code == 400
        assert "not an Excel workbook" in response.content.decode()


def test_only_the_editor_who_uploaded_reaches_the_import(
    client, catalogue, city, editor, viewer, outsider
):
    from accounts.models import Role

    from .conftest import make_member

    client.force_login(editor)
    client.post(
        reverse("scorecard:import", args=[city.slug]),
        {"workbook": _workbook(filled_copy(ANSWERS))},
    )
    job = Job.objects.get()
    urls = [
        reverse("jobs:job", args=[job.pk]),
        reverse("jobs:file", args=[job.pk]),
        reverse("scorecard:import_preview", args=[city.slug, job.pk]),
    ]
    colleague = make_member("colleague@glasgow.test", "Colin Colleague", city, Role.EDITOR)
    for url in urls:
        for someone in (viewer, outsider, colleague):
            client.force_login(someone)
            assert client.get(url).status_code in (403, 404), (url, someone)
        client.logout()
        assert "/accounts/login/" in client.get(url).url
    client.force_login(editor)
    # The parse is read on the preview, never downloaded.
    assert client.get(urls[1]).url == urls[2]
    assert "P1.1" in client.get(urls[2]).content.decode()


@pytest.fixture
def exported(assessment, editor, tmp_path):
    """Glasgow's filled draft as an exchange .zip, for Riga (the outsider's city) to import."""
    from django.core.management import call_command

    from .exchange_helpers import fill

    fill(assessment, editor)
    call_command("export_assessment", str(assessment.pk), "-o", str(tmp_path / "glasgow.zip"))
    return (tmp_path / "glasgow.zip").read_bytes()


def _exchange(data: bytes, name="glasgow.zip"):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def _staged(media: Path) -> list[Path]:
    return [p for p in (media / "exchange-staging").glob("*.upload")]


def test_without_a_broker_a_refused_exchange_file_is_a_400_and_nothing_is_kept(
    client, other_city, outsider, media
):
    client.force_login(outsider)
    url = reverse("exchange:import", args=["riga"])
    response = client.post(url, {"file": _exchange(b"PK\x03\x04 not a zip")})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is neither a JSON document nor a readable zip."
    ]
    assert _staged(media) == [] and not other_city.assessments.exists()


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_the_exchange_file_is_read_by_the_worker_then_previewed_and_imported(
    client, exported, other_city, outsider, media, worker
):
    client.force_login(outsider)
    url = reverse("exchange:import", args=["riga"])
    response = client.post(url, {"file": _exchange(exported)})
    job = Job.objects.get()
    job_page = reverse("jobs:job", args=[job.pk])
    assert _led_to_the_job(response, job_page)
    assert len(_staged(media)) == 1  # the upload waits in the storage for the worker
    assert _wait_until_finished(job.pk).state == "done"
    preview = client.get(job_page, follow=True)
    assert preview.redirect_chain[-1][0] == reverse(
        "exchange:import_preview", args=["riga", job.pk]
    )
    text = preview.content.decode()
    assert "It arrives as the city's draft." in text and "1 evidence file" in text
    assert "Self-assessment 2026" in text and not other_city.assessments.exists()
    confirmed = client.post(url, {"ticket": preview.context["ticket"]})
    importing = Job.objects.get(kind="exchange_create")
    assert _wait_until_finished(importing.pk).state == "done"
    imported = other_city.assessments.get()
    matrix = reverse("assessments:matrix", args=["riga", imported.pk])
    importing_page = reverse("jobs:job", args=[importing.pk])
    assert confirmed.url in (importing_page, matrix)
    assert client.get(importing_page).url == matrix
    assert imported.records.get(action__code="L1S1").note == "Plan adopted in 2025"
    assert _staged(media) == []


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_a_refused_exchange_file_says_why_on_the_jobs_page(
    client, other_city, outsider, media, worker
):
    client.force_login(outsider)
    response = client.post(
        reverse("exchange:import", args=["riga"]), {"file": _exchange(b"%PDF-1.7", "plan.zip")}
    )
    job = _wait_until_finished(Job.objects.get().pk)
    assert job.state == "failed" and job.attempts == 1  # refused, never tried again
    assert response.status_code in (302, 400)  # the job's page, or refused in the request
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "The file is neither a JSON document nor a readable zip." in page
    assert "Upload another file" in page and "Ask again" not in page
    assert _staged(media) == [] and not other_city.assessments.exists()


def test_only_the_editor_who_uploaded_reaches_the_exchange_import(
    client, exported, other_city, outsider, editor
):
    from accounts.models import Role

    from .conftest import make_member

    client.force_login(outsider)
    client.post(reverse("exchange:import", args=["riga"]), {"file": _exchange(exported)})
    job = Job.objects.get()
    preview = reverse("exchange:import_preview", args=["riga", job.pk])
    viewer = make_member("viewer@riga.test", "Rita Viewer", other_city, Role.VIEWER)
    for url in (reverse("jobs:job", args=[job.pk]), preview):
        for someone in (editor, viewer):
            client.force_login(someone)
            assert client.get(url).status_code in (403, 404), (url, someone)
    client.force_login(outsider)
    assert "It arrives as the city's draft." in client.get(preview).content.decode()
