"""Faults answered honestly: a database that does not answer, a disk that will not store.

The editor is told the change was not saved, nothing is half-written, nothing is left
behind, and the same save succeeds once the fault is gone.
"""

import errno
import logging
import os
from unittest import mock

import pytest
from django.contrib.auth import get_user
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from audit.models import AuditEntry
from resilience_site.views import server_error

FORM = {
    "status": "in_progress",
    "note": "Flood plan signed by the council",
    "responsible": "Resilience Office",
    "revision": 0,
}


def _url(assessment) -> str:
    return reverse("assessments:action", args=["glasgow", assessment.pk, "L1S1"])


def _database_down():
    """Every new query fails as if PostgreSQL were stopped: the connection cannot be made."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection to server at 127.0.0.1 failed"),
    )


def _l1s1(assessment):
    return assessment.records.get(action__code="L1S1")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    client.raise_request_exception = False  # see the page a browser would get
    return client


# The database does not answer ------------------------------------------------------------


def _assert_database_page(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert b"If you were saving a change, it was not saved." in response.content
    # The site's own page, and still under the strict policy: no inline style or script.
    assert b"/static/css/app.css" in response.content
    assert b"<script" not in response.content and b"style=" not in response.content
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_save_while_database_is_down_is_a_503_and_the_same_save_works_later(
    editor_client, assessment
):
    with _database_down():
        response = editor_client.post(_url(assessment), FORM)
    _assert_database_page(response)
    record = _l1s1(assessment)
    assert record.note == "" and record.revision == 0
    assert not AuditEntry.objects.record_changes().filter(record=record).exists()
    # The database is back: the same post, from the same session, saves.
    response = editor_client.post(_url(assessment), FORM)
    assert response.status_code == 302
    assert _l1s1(assessment).note == FORM["note"]


def test_page_while_database_is_down_is_a_503(editor_client, assessment):
    with _database_down():
        response = editor_client.get(_url(assessment))
    _assert_database_page(response)


def test_unknown_page_while_database_is_down_is_a_503_not_a_crash(editor_client, db):
    # The 404 page asks the session who is signed in; when that fails, the 503 page answers.
    with _database_down():
        response = editor_client.get("/no-such-page/")
    _assert_database_page(response)


def test_database_lost_in_the_middle_of_a_save_leaves_nothing_half_written(
    editor_client, assessment
):
    # The session, the user and the record load; the UPDATE that saves is the query that fails.
    def fail_on_update(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("UPDATE"):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_on_update):
        response = editor_client.post(_url(assessment), {**FORM, "link_url": "https://x.org/p"})
    _assert_database_page(response)
    record = _l1s1(assessment)
    assert record.note == "" and record.revision == 0
    assert not record.links.exists()
    assert not AuditEntry.objects.record_changes().filter(record=record).exists()


def test_database_failure_is_logged(editor_client, assessment, caplog):
    with caplog.at_level(logging.WARNING), _database_down():
        editor_client.get(_url(assessment))
    assert "Database unreachable during GET" in caplog.text


def test_healthz_still_reports_the_database_unreachable(client, db):
    with _database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_server_error_page_renders_without_the_database(client, editor):
    # A bug (not the database) while the database is also gone: the 500 page itself must not
    # need the database (the signed-in user comes from the session table), or the visitor
    # gets the server's bare fallback text.
    client.force_login(editor)
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key=client.session.session_key)
    request.user = SimpleLazyObject(lambda: get_user(request))
    with _database_down():
        try:
            raise RuntimeError("a bug")
        except RuntimeError:
            response = server_error(request)
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert "Retry-After" not in response


# The evidence disk will not store --------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _failing_write(code: int):
    """A storage that writes part of the file, then fails as a full (or locked) disk does."""

    def _save(storage, name, content):
        path = storage.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as partial:
            partial.write(content.read(1024))
        raise OSError(code, os.strerror(code))

    return mock.patch.object(FileSystemStorage, "_save", _save)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("plan.pdf", b"%PDF-1.7 " + b"0" * 4096)


def _files_in(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES])
def test_disk_fault_keeps_the_form_says_nothing_was_saved_and_leaves_no_file(
    editor_client, assessment, media, caplog, code
):
    with caplog.at_level(logging.ERROR), _failing_write(code):
        response = editor_client.post(_url(assessment), {**FORM, "upload": _pdf()})
    assert response.status_code == 503
    assert os.strerror(code).encode() in response.content
    assert b"Nothing was saved: not the file, and not your other changes." in response.content
    assert FORM["note"].encode() in response.content  # what the user typed is still there
    assert FORM["responsible"].encode() in response.content
    record = _l1s1(assessment)
    assert record.note == "" and record.revision == 0 and not record.files.exists()
    assert not AuditEntry.objects.record_changes().filter(record=record).exists()
    assert _files_in(media) == []
    assert "Evidence upload for L1S1" in caplog.text
    assert os.strerror(code) in caplog.text  # the cause, in the traceback


def test_after_a_disk_fault_the_same_form_saves(editor_client, assessment, media):
    with _failing_write(errno.ENOSPC):
        editor_client.post(_url(assessment), {**FORM, "upload": _pdf()})
    # The page came back at the record's unchanged revision: the resubmit is not a conflict.
    response = editor_client.post(_url(assessment), {**FORM, "upload": _pdf()})
    assert response.status_code == 302
    record = _l1s1(assessment)
    assert record.note == FORM["note"]
    assert record.files.get().original_name == "plan.pdf"
    assert len(_files_in(media)) == 1
