"""A city's Scorecard preliminary assessment: answers, totals, lifecycle, access, sharing."""

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from audit.models import AuditEntry
from policies.models import ScorecardQuestion
from scorecard import services
from scorecard.models import ScorecardAnswer
from scorecard.scoring import totals, totals_of


@pytest.fixture
def scorecard(catalogue, city, editor):
    return services.start_scorecard(city, user=editor, title="Scorecard 2026")


def _answer(scorecard, ref):
    return scorecard.answers.select_related("question").get(question__ref=ref)


def test_totals_count_unanswered_apart_and_never_as_zero():
    result = totals([(1, "One", 3), (1, "One", None), (1, "One", 0), (2, "Two", None)])
    assert [(e.score, e.maximum, e.answered, e.unanswered) for e in result.essentials] == [
        (3, 9, 2, 1),
        (0, 3, 0, 1),
    ]
    assert (result.score, result.maximum, result.answered, result.unanswered) == (3, 12, 2, 2)


def test_a_new_scorecard_has_47_unanswered_questions_out_of_141(scorecard):
    result = totals_of(scorecard)
    assert (result.score, result.maximum, result.unanswered) == (0, 141, 47)
    assert [e.maximum for e in result.essentials] == [9, 15, 12, 12, 9, 18, 12, 27, 21, 6]


def test_saving_an_answer_changes_the_total_and_is_in_the_history(scorecard, editor):
    services.save_answer(_answer(scorecard, "P8.2"), editor, score=2, institution="Water board")
    result = totals_of(scorecard)
    assert result.score == 2 and result.unanswered == 46
    assert result.essentials[7].score == 2
    details = list(
        AuditEntry.objects.exclude(scorecard=None)
        .filter(scorecard=scorecard)
        .values_list("detail", flat=True)
    )
    assert "P8.2: – → 2" in details
    # A text field is stored by name and said in the reader's language (finding 17).
    assert scorecard.audit_entries.filter(detail="P8.2", field="institution").exists()


def test_a_submitted_scorecard_is_read_only_until_reopened(scorecard, editor):
    scorecard = services.submit(scorecard, editor)
    with pytest.raises(services.ScorecardLocked):
        services.save_answer(_answer(scorecard, "P1.1"), editor, score=1)
    services.reopen(scorecard, editor, "typo")
    services.save_answer(_answer(scorecard, "P1.1"), editor, score=1)
    assert _answer(scorecard, "P1.1").score == 1


def test_the_next_draft_carries_the_submitted_answers_forward(scorecard, editor, city):
    services.save_answer(_answer(scorecard, "P2.1"), editor, score=3, verification="Risk atlas")
    scorecard = services.submit(scorecard, editor)
    draft = services.draft_for(city, editor)
    assert draft.pk != scorecard.pk and draft.is_draft
    carried = _answer(draft, "P2.1")
    assert (carried.score, carried.verification) == (3, "Risk atlas")


def test_the_score_is_limited_to_0_to_3_by_the_database(scorecard):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ScorecardAnswer.objects.filter(scorecard=scorecard).update(score=4)


def test_editor_fills_a_question_through_the_page(client, scorecard, editor, city):
    client.force_login(editor)
    url = reverse("scorecard:answer", args=[city.slug, scorecard.pk, "P1.2"])
    response = client.post(
        url, {"revision": "0", "score": "3", "verification": "Org chart", "timescale": "2027"}
    )
    assert response.status_code == 302
    answer = _answer(scorecard, "P1.2")
    assert (answer.score, answer.verification, answer.timescale) == (3, "Org chart", "2027")
    page = client.get(reverse("scorecard:detail", args=[city.slug, scorecard.pk])).content.decode()
    assert "Total 3 of 141" in page and "<svg" in page


def test_choosing_not_answered_clears_the_score(client, scorecard, editor, city):
    services.save_answer(_answer(scorecard, "P1.2"), editor, score=0)
    client.force_login(editor)
    url = reverse("scorecard:answer", args=[city.slug, scorecard.pk, "P1.2"])
    client.post(url, {"revision": "1", "score": ""})
    assert _answer(scorecard, "P1.2").score is None


def test_a_score_outside_0_to_3_is_refused(client, scorecard, editor, city):
    client.force_login(editor)
    url = reverse("scorecard:answer", args=[city.slug, scorecard.pk, "P1.2"])
    response = client.post(url, {"revision": "0", "score": "4", "timescale": "By 2030"})
    assert response.status_code == 400
    assert _answer(scorecard, "P1.2").score is None
    assert 'value="By 2030"' in response.content.decode()  # what was typed is not lost


def test_viewer_reads_but_cannot_answer(client, scorecard, viewer, city):
    client.force_login(viewer)
    detail = reverse("scorecard:detail", args=[city.slug, scorecard.pk])
    assert client.get(detail).status_code == 200
    url = reverse("scorecard:answer", args=[city.slug, scorecard.pk, "P1.2"])
    assert client.post(url, {"score": "3"}).status_code == 403
    assert _answer(scorecard, "P1.2").score is None


def test_another_citys_scorecard_under_my_city_slug_is_404(
    client, catalogue, scorecard, outsider, other_city
):
    """Catches a view that fetches the Scorecard by id alone, ignoring the city in the URL."""
    client.force_login(outsider)
    url = reverse("scorecard:detail", args=[other_city.slug, scorecard.pk])
    assert client.get(url).status_code == 404
    url = reverse("scorecard:answer", args=[other_city.slug, scorecard.pk, "P1.1"])
    assert client.post(url, {"score": "3"}).status_code == 404


def test_my_scorecard_under_my_other_citys_slug_is_404(client, scorecard, editor, other_city):
    """Catches a lookup by id alone: an editor of both cities would still reach the Scorecard
    (access is checked against its real city), under a URL that names the wrong city."""
    Membership.objects.create(user=editor, city=other_city, role=Role.EDITOR)
    client.force_login(editor)
    assert (
        client.get(reverse("scorecard:detail", args=["glasgow", scorecard.pk])).status_code == 200
    )
    for name in ("detail", "export", "sharing"):
        url = reverse(f"scorecard:{name}", args=[other_city.slug, scorecard.pk])
        assert client.get(url).status_code == 404, name
    url = reverse("scorecard:answer", args=[other_city.slug, scorecard.pk, "P1.1"])
    assert client.post(url, {"score": "3", "revision": "0"}).status_code == 404
    assert _answer(scorecard, "P1.1").score is None


def test_a_partner_sees_only_a_shared_submitted_scorecard(
    client, scorecard, editor, city, partner, partner_user
):
    url = reverse("scorecard:detail", args=[city.slug, scorecard.pk])
    client.force_login(partner_user)
    assert client.get(url).status_code == 404
    with pytest.raises(services.ScorecardLocked):
        services.share(scorecard, partner, editor)
    scorecard = services.submit(scorecard, editor)
    services.share(scorecard, partner, editor)
    assert client.get(url).status_code == 200
    services.reopen(scorecard, editor, "fix")
    assert client.get(url).status_code == 404, "reopening withdraws the share"


def test_a_share_with_another_partner_does_not_open_it_to_mine(
    client, scorecard, editor, city, partner_user
):
    """Catches an access rule that accepts any share, not one with the user's partner."""
    from accounts.models import Partner

    other = Partner.objects.create(slug="other-partner", name="Other partner")
    scorecard = services.submit(scorecard, editor)
    services.share(scorecard, other, editor)
    client.force_login(partner_user)
    assert (
        client.get(reverse("scorecard:detail", args=[city.slug, scorecard.pk])).status_code == 404
    )


def test_the_city_page_shows_the_latest_scorecard(client, scorecard, editor, city):
    services.save_answer(_answer(scorecard, "P5.1"), editor, score=2)
    client.force_login(editor)
    page = client.get(reverse("assessments:city", args=[city.slug])).content.decode()
    assert "UN Disaster Resilience Scorecard" in page and "Total 2 of 141" in page


def test_the_radar_names_every_essential_with_its_score(scorecard, editor):
    from scorecard.views import radar_for

    services.save_answer(_answer(scorecard, "P10.2"), editor, score=3)
    svg = str(radar_for(totals_of(scorecard)))
    assert '<tspan font-weight="bold">E10</tspan> 3/6' in svg
    assert all(f">E{n}</tspan>" in svg for n in range(1, 11))
    assert "style=" not in svg and "<script" not in svg


def test_questions_stay_47(catalogue):
    assert ScorecardQuestion.objects.count() == 47


def test_the_demo_gives_glasgow_a_partly_answered_scorecard_draft(catalogue):
    from django.core.management import call_command

    from accounts.models import City

    call_command("load_demo")
    call_command("load_demo")  # idempotent: still one draft
    glasgow = City.objects.get(slug="glasgow")
    (draft,) = glasgow.scorecards.all()
    result = totals_of(draft)
    assert draft.is_draft and (result.answered, result.unanswered) == (13, 34)
    assert result.score == 23


def test_the_history_names_a_changed_text_in_the_readers_language(client, scorecard, editor):
    """Catches the field's label frozen in the saver's language: the Spanish history read
    "means of verification", "responsible institution", "timescale" (issue 25, finding 17)."""
    answer = _answer(scorecard, "P1.1")
    services.save_answer(answer, editor, verification="Strategy 2016", timescale="2027")
    client.force_login(editor)
    url = reverse("scorecard:detail", args=[scorecard.city.slug, scorecard.pk])
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "P1.1: medios de verificación" in spanish and "P1.1: plazo" in spanish
    assert "P1.1: means of verification" not in spanish and "P1.1: timescale" not in spanish
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "P1.1: means of verification" in english


def test_a_workbook_import_is_said_in_the_readers_language(client, scorecard, editor):
    """Catches the import's line frozen in the importer's language ("glasgow.xlsx: 3
    changes" on the Spanish history; issue 25, finding 17)."""
    from scorecard.workbook import AnswerRow

    rows = [AnswerRow("P1.1", 2, verification="Minutes"), AnswerRow("P1.2", 1)]
    services.apply_import(scorecard, rows, None, editor, filename="glasgow.xlsx")
    client.force_login(editor)
    url = reverse("scorecard:detail", args=[scorecard.city.slug, scorecard.pk])
    assert "glasgow.xlsx: 3 cambios" in client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "glasgow.xlsx: 3 changes" in english and "cambios" not in english
