"""The matrix's cached rows (assessments/fragments.py) follow every change to what they show,
carry the reader's own CSRF token, and pages go out gzipped to browsers that accept it."""

import gzip
import re
from datetime import date

from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Role
from assessments import services

from .conftest import make_user


def _page(client, assessment, **params) -> str:
    url = reverse("assessments:matrix", args=[assessment.city.slug, assessment.pk])
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _card(page: str, code: str) -> str:
    return re.search(rf'<article class="[^"]*" id="card-{code}">.*?</article>', page, re.S)[0]


def _sub_header(page: str, code: str) -> str:
    return re.search(rf'<th scope="row" class="sub-col" id="sub-{code}".*?</th>', page, re.S)[0]


def _record(assessment, code):
    record = assessment.records.select_related("action").get(action__code=code)
    record.assessment = assessment
    return record


def _get(client, name, assessment, *extra, **params) -> str:
    url = reverse(f"assessments:{name}", args=[assessment.city.slug, assessment.pk, *extra])
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _between(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start))]


def test_every_cached_fragment_follows_a_change_to_what_it_shows(client, editor, assessment):
    """Rows and cards, headline, header, filters, the next steps' table and the action
    page's form: each loaded once into the cache, then changed."""
    client.force_login(editor)
    for _ in range(2):  # the second time from the cache
        before = _page(client, assessment)
        steps = _get(client, "next_steps", assessment)
        action = _get(client, "action", assessment, "P1S1")
    assert "status-not_started" in _card(before, "L1S1")
    assert 'name="revision" value="0"' in _card(before, "L1S1")
    assert ">L1S1</a>" in _sub_header(before, "L1")  # missing for the first stage
    assert "evidence" not in _card(before, "P1S1")
    assert "overdue" not in _card(before, "C1S1")
    assert "0 of 90 actions done" in before
    assert ">L1S1</a>" in _between(steps, '<table class="table table-sm">', "</table>")
    assert "Self-assessment 2026</h1>" in before
    assert "Plan adopted" not in action

    tick = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S1"])
    client.post(tick, {"status": "done", "revision": 0}, HTTP_HX_REQUEST="true")
    services.add_link(_record(assessment, "P1S1"), "https://example.org/plan", "Plan", editor)
    services.update_record(
        _record(assessment, "P1S1"), {"note": "Plan adopted."}, revision=1, user=editor
    )
    services.update_record(
        _record(assessment, "C1S1"), {"target_date": date(2020, 1, 1)}, revision=0, user=editor
    )
    assessment.title = "Self-assessment 2026 (revised)"
    assessment.save(update_fields=["title"])
    after = _page(client, assessment)
    steps = _get(client, "next_steps", assessment)

    assert "status-done" in _card(after, "L1S1")
    assert 'name="revision" value="1"' in _card(after, "L1S1")
    assert 'id="tick-L1S1-done" class="btn btn-outline-success" aria-pressed="true"' in after
    assert ">L1S1</a>" not in _sub_header(after, "L1")
    assert "2 evidence" in _card(after, "P1S1")  # the link and the note
    assert "Overdue since 1 Jan 2020" in _card(after, "C1S1")
    assert "1 of 90 actions done" in after
    assert ">L1S1</a>" not in _between(steps, '<table class="table table-sm">', "</table>")
    assert "Self-assessment 2026 (revised)</h1>" in after
    assert "Self-assessment 2026 (revised)</h1>" in steps
    assert "Plan adopted." in _get(client, "action", assessment, "P1S1")
    filtered = _page(client, assessment, stage="S")
    assert '<option value="S" selected>' in filtered

    spanish = _page(client, assessment, lang="es")
    assert "Hecha" in _card(spanish, "L1S1")
    assert "Sin empezar" in _card(spanish, "L1S2")
    assert "Subdimensión</th>" in spanish  # the column heads
    assert "Filtrar</button>" in spanish
    assert "Borrador</span>" in spanish  # the header
    assert "Hecha" not in _card(_page(client, assessment), "L1S1")

    services.submit(assessment, editor)
    submitted = _page(client, assessment)
    assert "tick-form" not in submitted  # read-only: no status buttons
    assert "Submitted</span>" in submitted


def test_cached_rows_carry_the_readers_own_csrf_token(client, editor, assessment, city):
    client.force_login(editor)
    _page(client, assessment)  # the rows are now in the cache, rendered for the editor
    colleague = make_user("colleague@glasgow.test", full_name="Colin Colleague")
    Membership.objects.create(user=colleague, city=city, role=Role.EDITOR)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(colleague)
    page = _page(browser, assessment)
    assert "csrf-slot" not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', _card(page, "L1S2"))[1]

    # The plain form, without JavaScript, with the token the cached card carried.
    tick = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S2"])
    response = browser.post(tick, {"status": "done", "revision": 0, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert _record(assessment, "L1S2").status == "done"


def test_pages_go_out_gzipped_to_browsers_that_accept_it(client, editor, assessment):
    client.force_login(editor)
    url = reverse("assessments:matrix", args=["glasgow", assessment.pk])

    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(url)

    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    page = gzip.decompress(zipped.content).decode()
    assert 'id="card-L1S1"' in page
    assert len(zipped.content) < len(page.encode()) / 4
    assert not plain.has_header("Content-Encoding")
    assert 'id="card-L1S1"' in plain.content.decode()


def test_a_saved_note_leaves_the_evidence_cached_and_a_new_link_shows_at_once(
    client, editor, assessment
):
    """The action page's links and files are read again only when they change: a note saved
    after the page was drawn costs no evidence query, and a link added shows on the next view."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    services.add_link(_record(assessment, "P1S1"), "https://example.org/plan", "Plan", editor)
    assert "https://example.org/plan" in _get(client, "action", assessment, "P1S1")
    services.update_record(
        _record(assessment, "P1S1"), {"note": "Adopted in May."}, revision=1, user=editor
    )
    with CaptureQueriesContext(connection) as queries:
        page = _get(client, "action", assessment, "P1S1")
    assert "Adopted in May." in page
    assert "https://example.org/plan" in page
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "assessments_evidencelink" not in read
    assert "assessments_evidencefile" not in read

    services.add_link(_record(assessment, "P1S1"), "https://example.org/budget", "Budget", editor)
    assert "https://example.org/budget" in _get(client, "action", assessment, "P1S1")


def test_the_cached_note_field_shows_each_saved_note_escaped(client, editor, assessment):
    """The form's text areas come from the cache with a slot for their text
    (page_cache.TEXT_SLOT): each view fills in the note as saved, escaped, and an emptied
    note leaves the area empty."""
    client.force_login(editor)

    def note_area() -> str:
        page = _get(client, "action", assessment, "P1S1")
        assert "text-slot" not in page
        return re.search(r'<textarea name="note"[^>]*>(.*?)</textarea>', page, re.S)[1]

    note_area()  # the form's fields are now in the cache
    record = _record(assessment, "P1S1")
    services.update_record(record, {"note": 'Plan <b>"A"</b> & co'}, revision=0, user=editor)
    assert note_area() == "\nPlan &lt;b&gt;&quot;A&quot;&lt;/b&gt; &amp; co"
    services.update_record(record, {"note": "Adopted."}, revision=1, user=editor)
    assert note_area() == "\nAdopted."
    services.update_record(record, {"note": ""}, revision=2, user=editor)
    assert note_area() == "\n"


def test_a_matrix_whose_cards_are_cached_reads_no_evidence_counts(client, editor, assessment):
    """After a tick the cards all come from the cache (the tick stored its own): the reload
    scores the statuses and reads no links or files; a card drawn anew reads them again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    _page(client, assessment)
    tick = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S1"])
    client.post(tick, {"status": "done", "revision": 0}, HTTP_HX_REQUEST="true")
    with CaptureQueriesContext(connection) as queries:
        page = _page(client, assessment)
    assert "status-done" in _card(page, "L1S1")
    assert "1 of 90 actions done" in page
    assert "assessments_evidencelink" not in " ".join(q["sql"] for q in queries.captured_queries)

    services.add_link(_record(assessment, "P1S1"), "https://example.org/plan", "Plan", editor)
    assert "1 evidence" in _card(_page(client, assessment), "P1S1")


def test_the_city_page_follows_a_tick_and_its_undoing(client, editor, assessment):
    """The city page's draft parts are cached by version and, when the version moved, by
    results: a tick undone is shown from the part drawn before it, at the new version."""
    client.force_login(editor)
    url = reverse("assessments:city", args=["glasgow"])

    def progress() -> str:
        page = client.get(url).content.decode()
        return re.search(r'<p class="mb-2 draft-progress".*?</p>', page, re.S)[0]

    assert "0 of 90 actions done" in progress()
    tick = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S1"])
    client.post(tick, {"status": "done", "revision": 0}, HTTP_HX_REQUEST="true")
    assert "1 of 90 actions done" in progress()
    client.post(tick, {"status": "not_started", "revision": 1}, HTTP_HX_REQUEST="true")
    assert "0 of 90 actions done" in progress()
    assessment.title = "Renamed draft"
    assessment.save(update_fields=["title"])
    assert "Renamed draft" in progress()
