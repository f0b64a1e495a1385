"""Kept-file jobs (jobs.registry.kept_file): a file is made in the language it was asked in,
whatever language the worker runs in, since it is kept for everyone who asks in that language."""

import pytest
from django.utils import translation

from jobs import registry
from jobs.models import Job, JobState
from jobs.services import run


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _asked_in_french(kind: str, **params) -> Job:
    with translation.override("fr"):
        params = registry.asked_in_language(**params)
    return Job.objects.create(kind=kind, key=kind, params=params)


def test_a_worksheet_asked_in_french_is_made_in_french_by_an_english_worker(smr, pdf_as_html):
    job = _asked_in_french("worksheet_pdf", version=smr.slug)
    with translation.override("en"):
        run(str(job.pk))
    job.refresh_from_db()
    with job.file.open("rb") as stream:
        text = pdf_as_html(stream.read())
    assert "Fiche d’auto-évaluation" in text
    assert "Self-assessment worksheet" not in text


def test_a_refusal_is_told_in_the_language_the_file_was_asked_in(db, monkeypatch):
    from django.utils.translation import gettext as _

    monkeypatch.setattr(registry, "KINDS", {})

    @registry.kept_file("refused", title=lambda job: "", may_read=lambda user, job: True)
    def refuse(job):
        raise registry.Refused(_("The PDF report"))

    job = _asked_in_french("refused")
    with translation.override("en"):
        run(str(job.pk))
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.FAILED, "Le rapport PDF")


def test_a_kept_file_kind_keeps_its_pages(monkeypatch):
    monkeypatch.setattr(registry, "KINDS", {})

    @registry.kept_file(
        "import",
        title=lambda job: "Reading",
        may_read=lambda user, job: user == "me",
        next_url=lambda job: "/preview/",
        again_url=lambda job: "/upload/",
    )
    def make(job):
        return registry.Output(b"", "x.json", "application/json")

    kind = registry.get("import")
    assert (kind.title(None), kind.next_url(None), kind.again_url(None)) == (
        "Reading",
        "/preview/",
        "/upload/",
    )
    assert kind.may_read("me", None) and not kind.may_read("you", None)
