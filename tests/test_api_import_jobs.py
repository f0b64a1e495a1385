"""Issue 32: the API's exchange import with RFC 7240 `Prefer: respond-async`: with a job
queue, 202 Accepted, `Preference-Applied` and a `Location` to the job, which a worker
imports and whose resource says when it is done and what it created; without the header or
without a queue, 201 as before. Only the sender and site admins read the job."""

import pytest
from django.urls import reverse

from accounts.models import User
from jobs.models import Job

from . import test_exchange_api, test_jobs
from .exchange_helpers import upload
from .test_exchange_api import _auth
from .test_jobs import _wait_until_finished

worker = test_jobs.worker  # a Celery worker on a redis-server of its own
exported = test_exchange_api.exported  # Glasgow's filled draft as an exchange .zip
ASYNC = {"HTTP_PREFER": "respond-async, wait=10"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _import(client, slug, data, user, **extra):
    url = reverse("api:import", kwargs={"slug": slug})
    return client.post(url, {"file": upload(data, "g.zip")}, **_auth(user), **extra)


@pytest.mark.django_db(transaction=True)
def test_respond_async_is_202_with_a_job_that_reaches_done(
    client, exported, other_city, outsider, worker
):
    response = _import(client, "riga", exported, outsider, **ASYNC)
    assert response.status_code == 202
    assert response["Preference-Applied"] == "respond-async"
    job = Job.objects.get(kind="exchange_create")
    assert response["Location"] == f"http://testserver/api/v1/jobs/{job.pk}/"
    assert response.json()["status"] in ("queued", "running", "done")
    _wait_until_finished(job.pk)
    followed = client.get(response["Location"], **_auth(outsider, write=False)).json()
    imported = other_city.assessments.get()  # the acknowledged import is there
    assert followed == {
        "id": str(job.pk),
        "status": "done",
        "error": "",
        "assessment_id": imported.pk,
        "assessment_url": f"http://testserver/api/v1/cities/riga/assessments/{imported.pk}/",
    }
    assert imported.records.get(action__code="L1S1").files.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_refused_async_import_fails_with_the_reason(client, exported, city, editor, worker):
    response = _import(client, "glasgow", exported, editor, **ASYNC)
    _wait_until_finished(Job.objects.get(kind="exchange_create").pk)
    followed = client.get(response["Location"], **_auth(editor)).json()
    assert followed["status"] == "failed" and followed["assessment_id"] is None
    assert followed["error"].startswith("Glasgow already has a draft")
    assert city.assessments.count() == 1


@pytest.mark.django_db(transaction=True)
def test_without_prefer_the_import_is_201_even_with_a_queue(
    client, exported, other_city, outsider, worker
):
    response = _import(client, "riga", exported, outsider)
    assert response.status_code == 201 and "Preference-Applied" not in response
    assert other_city.assessments.get().pk == response.json()["id"]
    assert not Job.objects.exists()


def test_without_a_queue_respond_async_is_201(client, exported, other_city, outsider):
    response = _import(client, "riga", exported, outsider, **ASYNC)
    assert response.status_code == 201 and "Preference-Applied" not in response
    assert other_city.assessments.get().pk == response.json()["id"]


@pytest.mark.django_db(transaction=True)
def test_only_the_sender_and_site_admins_read_the_job(
    client, exported, other_city, outsider, editor, viewer, partner_user, worker
):
    location = _import(client, "riga", exported, outsider, **ASYNC)["Location"]
    _wait_until_finished(Job.objects.get(kind="exchange_create").pk)
    for someone in (editor, viewer, partner_user):  # another city's editor too
        assert client.get(location, **_auth(someone)).status_code == 404, someone
    assert client.get(location).status_code == 401
    admin = User.objects.create_user("admin@site.test", "x", is_staff=True)
    assert client.get(location, **_auth(admin)).json()["status"] == "done"


@pytest.mark.django_db(transaction=True)
def test_reading_a_job_no_broker_took_queues_it_again(
    client, exported, other_city, outsider, worker
):
    """The broker was down at the 202: the job waits, and the client's next poll hands it on."""
    from exchange import staging, tasks

    params = {**tasks.create_params(staging.stage(exported), "g.zip", False), "city": "riga"}
    job = Job.objects.create(
        kind=tasks.FLOW.create_kind, key="not-taken", params=params, requested_by=outsider
    )
    location = reverse("api:job", args=[job.pk])
    assert client.get(location, **_auth(outsider)).json()["status"] in ("queued", "running")
    assert _wait_until_finished(job.pk).state == "done"
    assert other_city.assessments.get().pk == Job.objects.get().params["created"]["id"]
