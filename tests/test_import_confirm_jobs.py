"""Issue 32: confirming an import's preview is a job (jobs/imports.py), for the exchange file
and the Scorecard workbook alike: run by a worker when there is a broker (the job's page
follows it, then leads to what it made) and in the request otherwise; a double submit makes
one; a failure is said; only the editor who confirmed follows the job, and the worker checks
the access rule again."""

import io

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from jobs import services as jobs
from jobs.models import Job
from scorecard.models import ScorecardAssessment

from . import test_import_jobs, test_jobs
from .conftest import make_member
from .scorecard_helpers import filled_copy
from .test_import_jobs import ANSWERS
from .test_jobs import _wait_until_finished

worker = test_jobs.worker  # a Celery worker on a redis-server of its own
exported = test_import_jobs.exported  # Glasgow's filled draft as an exchange .zip
DRAFT_CONFLICT = "Glasgow already has a draft, “Self-assessment 2026”"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _file(data: bytes, name: str):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def _exchange_ticket(client, slug: str, data: bytes) -> str:
    """The ticket of the preview of `data` uploaded to `slug`: read in the request, or by
    the worker (then the job's page leads to the preview)."""
    url = reverse("exchange:import", args=[slug])
    read = client.post(url, {"file": _file(data, "glasgow.zip")})
    if read.status_code == 302:
        _wait_until_finished(Job.objects.get().pk)
        read = client.get(read.url, follow=True)
    return read.context["ticket"]


def _scorecard_confirmation(client, slug: str) -> str:
    url = reverse("scorecard:import", args=[slug])
    return client.post(url, {"workbook": _file(filled_copy(ANSWERS), "f.xlsm")}).context["confirm"]


def test_without_a_broker_a_double_confirm_imports_one_assessment(
    client, exported, other_city, outsider
):
    client.force_login(outsider)
    ticket = _exchange_ticket(client, "riga", exported)
    url = reverse("exchange:import", args=["riga"])
    first, second = (client.post(url, {"ticket": ticket}) for _ in range(2))
    imported = other_city.assessments.get()  # one, not two
    matrix = reverse("assessments:matrix", args=["riga", imported.pk])
    assert first.url == second.url == matrix
    assert Job.objects.get(kind="exchange_create").state == "done"
    page = client.get(matrix).content.decode()
    assert "The assessment “Self-assessment 2026” was imported." in page


def test_without_a_broker_a_double_confirm_writes_the_scorecard_once(
    client, catalogue, city, editor
):
    client.force_login(editor)
    confirmation = _scorecard_confirmation(client, city.slug)
    url = reverse("scorecard:import", args=[city.slug])
    responses = [client.post(url, {"confirm": confirmation}) for _ in range(2)]
    scorecard = ScorecardAssessment.objects.get()
    detail = reverse("scorecard:detail", args=[city.slug, scorecard.pk])
    assert [r.url for r in responses] == [detail, detail]
    assert Job.objects.filter(kind="scorecard_create").count() == 1
    assert scorecard.answers.get(question__ref="P1.1").score == 3


def test_without_a_broker_a_conflict_is_said_and_as_history_then_imports(
    client, exported, city, editor
):
    client.force_login(editor)
    ticket = _exchange_ticket(client, "glasgow", exported)
    url = reverse("exchange:import", args=["glasgow"])
    refused = client.post(url, {"ticket": ticket}, follow=True)
    assert refused.redirect_chain[-1][0] == url
    assert DRAFT_CONFLICT in refused.content.decode()
    assert city.assessments.count() == 1
    # The failed job is tried again with this submission's choice, on the kept upload.
    again = client.post(url, {"ticket": ticket, "as_history": "on"})
    history = city.assessments.exclude(status="draft").get()
    assert again.url == reverse("assessments:matrix", args=["glasgow", history.pk])


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_a_double_confirm_is_one_job_and_one_assessment(
    client, exported, other_city, outsider, worker
):
    client.force_login(outsider)
    url = reverse("exchange:import", args=["riga"])
    ticket = _exchange_ticket(client, "riga", exported)
    first = client.post(url, {"ticket": ticket})
    second = client.post(url, {"ticket": ticket})
    job = Job.objects.get(kind="exchange_create")
    assert _wait_until_finished(job.pk).state == "done"
    imported = other_city.assessments.get()
    matrix = reverse("assessments:matrix", args=["riga", imported.pk])
    # Each confirmation leads to the one job's page, or, when the worker was quicker than
    # the request, straight to what the job made: never to a second import.
    job_page = reverse("jobs:job", args=[job.pk])
    assert {first.url, second.url} <= {job_page, matrix}
    assert client.get(job_page, headers={"HX-Request": "true"})["HX-Redirect"] == matrix
    # The matrix says what happened, as it does when the import ran in the request.
    page = client.get(matrix).content.decode()
    assert "The assessment “Self-assessment 2026” was imported." in page


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_a_failed_import_says_why_on_the_jobs_page(
    client, exported, city, editor, worker
):
    client.force_login(editor)
    ticket = _exchange_ticket(client, "glasgow", exported)
    confirmed = client.post(reverse("exchange:import", args=["glasgow"]), {"ticket": ticket})
    job = _wait_until_finished(Job.objects.get(kind="exchange_create").pk)
    assert job.state == "failed" and job.attempts == 1  # refused, never tried again
    page = client.get(confirmed.url).content.decode()
    assert DRAFT_CONFLICT in page and "Upload another file" in page
    assert city.assessments.count() == 1


def test_only_the_editor_who_confirmed_follows_the_job(
    client, catalogue, city, editor, viewer, outsider, partner_user
):
    client.force_login(editor)
    client.post(
        reverse("scorecard:import", args=[city.slug]),
        {"confirm": _scorecard_confirmation(client, city.slug)},
    )
    page = reverse("jobs:job", args=[Job.objects.get(kind="scorecard_create").pk])
    colleague = make_member("colleague@glasgow.test", "Colin Colleague", city, Role.EDITOR)
    # Another city's editor, this city's viewer and other editor, a partner: none of theirs.
    for someone in (outsider, viewer, colleague, partner_user):
        client.force_login(someone)
        assert client.get(page).status_code == 404, someone
    client.force_login(editor)
    assert client.get(page).status_code == 302  # on to the Scorecard


def test_the_worker_checks_the_access_rule_again(client, exported, other_city, outsider):
    """An editor made a viewer between the confirmation and the worker's run gets nothing."""
    client.force_login(outsider)
    ticket = _exchange_ticket(client, "riga", exported)
    from exchange import staging, tasks

    staged, name = staging.named(ticket, city_id=other_city.pk, user_id=outsider.pk)
    job = Job.objects.create(
        kind=tasks.FLOW.create_kind, key="queued", requested_by=outsider,
        params={**tasks.create_params(staged, name, False), "city": "riga"},
    )  # fmt: skip
    Membership.objects.filter(user=outsider).update(role=Role.VIEWER)
    jobs.run(str(job.pk))  # what the worker's task does
    job.refresh_from_db()
    assert job.state == "failed" and job.error == "You may no longer change this city's data."
    assert not other_city.assessments.exists()
