"""Two people editing the same Scorecard answer on the page: the later save, based on an older
revision, is refused (409) with both versions shown, and the colleague's answer is kept."""

import pytest
from django.urls import reverse

from accounts.models import Membership
from audit.models import AuditEntry
from scorecard import services

from .conftest import make_user


@pytest.fixture
def scorecard(catalogue, city, editor):
    return services.start_scorecard(city, user=editor, title="Scorecard 2026")


@pytest.fixture
def colleague(city):
    user = make_user("colleague@glasgow.test", full_name="Carl Colleague")
    Membership.objects.create(user=user, city=city, role="editor")
    return user


def _answer(scorecard, ref="P1.2"):
    return scorecard.answers.select_related("question").get(question__ref=ref)


def _url(city, scorecard, ref="P1.2"):
    return reverse("scorecard:answer", args=[city.slug, scorecard.pk, ref])


MINE = {
    "revision": "0",
    "score": "3",
    "verification": "Ellen's org chart",
    "actions": "",
    "institution": "Resilience office",
    "timescale": "2027",
}


def test_the_page_sends_the_revision_the_answer_was_read_at(client, scorecard, editor, city):
    services.save_answer(_answer(scorecard), editor, score=1)
    client.force_login(editor)
    page = client.get(reverse("scorecard:detail", args=[city.slug, scorecard.pk])).content
    assert b'<input type="hidden" name="revision" value="1" id="id_P1-2_revision">' in page


def test_a_stale_save_is_409_shows_both_versions_and_overwrites_nothing(
    client, scorecard, editor, colleague, city
):
    client.force_login(colleague)
    theirs = {**MINE, "score": "1", "verification": "Carl's audit report", "institution": ""}
    assert client.post(_url(city, scorecard), theirs).status_code == 302
    events_before = AuditEntry.objects.exclude(scorecard=None).count()

    client.force_login(editor)
    response = client.post(_url(city, scorecard), MINE)  # the form was read at revision 0

    assert response.status_code == 409
    stored = _answer(scorecard)
    assert (stored.score, stored.verification, stored.institution, stored.revision) == (
        1,
        "Carl's audit report",
        "",
        1,
    )
    assert (
        AuditEntry.objects.exclude(scorecard=None).count() == events_before
    )  # no history for a refused save
    html = response.content.decode()
    assert "Someone else saved this answer while you were editing" in html
    assert "Nothing was saved." in html
    theirs_box, mine_box = html.split("Your version (not saved yet)")
    # Theirs, as saved: the question's descriptor for score 1, and their text ...
    theirs_box = theirs_box.split("Their version (saved)")[1]
    assert stored.question.descriptor_1 in theirs_box
    assert "Carl&#x27;s audit report" in theirs_box and "Ellen" not in theirs_box
    # ... and mine, still in the form, at their revision so that saving again goes through.
    assert "Ellen&#x27;s org chart</textarea>" in mine_box and "Carl" not in mine_box
    assert 'value="Resilience office"' in mine_box and 'value="2027"' in mine_box
    assert 'name="score" value="3" class="form-check-input" id="id_P1-2_score_1" checked' in (
        mine_box
    )
    assert '<input type="hidden" name="revision" value="1"' in mine_box


def test_saving_again_from_the_conflict_page_saves(client, scorecard, editor, colleague, city):
    services.save_answer(_answer(scorecard), colleague, score=1, revision=0)
    client.force_login(editor)
    assert client.post(_url(city, scorecard), MINE).status_code == 409
    response = client.post(_url(city, scorecard), {**MINE, "revision": "1", "actions": "Merged"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/scorecard/{scorecard.pk}/#q-P1.2")
    stored = _answer(scorecard)
    assert (stored.score, stored.actions, stored.revision) == (3, "Merged", 2)


def test_a_fresh_save_still_works_and_moves_the_revision_on(client, scorecard, editor, city):
    client.force_login(editor)
    assert client.post(_url(city, scorecard), MINE).status_code == 302
    assert (
        client.post(_url(city, scorecard), {**MINE, "revision": "1", "score": "2"}).status_code
        == 302
    )
    stored = _answer(scorecard)
    assert (stored.score, stored.verification, stored.revision) == (2, "Ellen's org chart", 2)


def test_an_import_between_reading_and_saving_is_a_conflict_too(client, scorecard, editor, city):
    from scorecard.workbook import AnswerRow

    row = AnswerRow("P1.2", score=2, verification="From the workbook", actions="",
                    institution="", timescale="")  # fmt: skip
    services.apply_import(scorecard, [row], None, editor)
    client.force_login(editor)
    response = client.post(_url(city, scorecard), MINE)
    assert response.status_code == 409
    assert _answer(scorecard).verification == "From the workbook"


def test_a_form_without_revision_is_refused_showing_the_saved_answer(
    client, scorecard, editor, city
):
    """A page opened before the revision was sent: no blind overwrite, nothing typed lost."""
    services.save_answer(_answer(scorecard), editor, verification="Saved before")
    client.force_login(editor)
    response = client.post(
        _url(city, scorecard), {k: v for k, v in MINE.items() if k != "revision"}
    )
    assert response.status_code == 400
    assert _answer(scorecard).verification == "Saved before"
    html = response.content.decode()
    assert "Your form came from an older page" in html
    assert "Saved before" in html and "Ellen&#x27;s org chart</textarea>" in html


def test_a_stale_save_to_another_answer_is_not_a_conflict(client, scorecard, editor, city):
    services.save_answer(_answer(scorecard, "P1.1"), editor, score=2)
    client.force_login(editor)
    assert client.post(_url(city, scorecard), MINE).status_code == 302
    assert _answer(scorecard).score == 3


def test_a_viewer_cannot_reach_the_conflict_page(client, scorecard, viewer, editor, city):
    services.save_answer(_answer(scorecard), editor, score=1)
    client.force_login(viewer)
    assert client.post(_url(city, scorecard), MINE).status_code == 403
    assert _answer(scorecard).score == 1
