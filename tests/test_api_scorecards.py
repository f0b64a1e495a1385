"""A city's Scorecards through the API: totals as the page shows them (unanswered apart),
answers read by role, changed only by editors with a write token and the revision read
(409 when stale, nothing overwritten), never in a submitted Scorecard."""

import pytest
from django.urls import reverse

from accounts.models import User
from api.models import ApiToken
from audit.models import AuditEntry
from scorecard import services


def auth(user, *, write=False) -> dict:
    _token, key = ApiToken.issue(user, "test", can_write=write)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def patch(client, url, data, headers):
    return client.patch(url, data, content_type="application/json", **headers)


@pytest.fixture
def scorecard(catalogue, city, editor):
    return services.start_scorecard(city, user=editor, title="Scorecard 2026")


def _answer(scorecard, ref):
    return scorecard.answers.select_related("question").get(question__ref=ref)


def answer_url(scorecard, ref="P1.1"):
    return reverse("api:scorecard_answer", args=["glasgow", scorecard.pk, ref])


def detail_url(scorecard):
    return reverse("api:scorecard", args=["glasgow", scorecard.pk])


def answers_url(scorecard):
    return reverse("api:scorecard_answers", args=["glasgow", scorecard.pk])


def test_editor_lists_the_citys_scorecards(client, editor, scorecard):
    body = client.get(reverse("api:scorecards", args=["glasgow"]), **auth(editor)).json()
    assert [(s["id"], s["title"], s["status"]) for s in body["results"]] == [
        (scorecard.pk, "Scorecard 2026", "draft")
    ]


def test_totals_are_out_of_141_with_unanswered_counted_apart(client, editor, scorecard):
    services.save_answer(_answer(scorecard, "P1.1"), editor, score=3)
    services.save_answer(_answer(scorecard, "P1.2"), editor, score=0)
    services.save_answer(_answer(scorecard, "P8.2"), editor, score=2)
    body = client.get(detail_url(scorecard), **auth(editor)).json()
    totals = body["totals"]
    assert (totals["score"], totals["maximum"], totals["answered"], totals["unanswered"]) == (
        5, 141, 3, 44
    )  # fmt: skip
    first = totals["essentials"][0]
    # A score of 0 is answered; the third question of Essential 1 is not, and is not a 0.
    assert (first["number"], first["score"], first["maximum"]) == (1, 3, 9)
    assert (first["answered"], first["unanswered"]) == (2, 1)
    assert [e["maximum"] for e in totals["essentials"]] == [9, 15, 12, 12, 9, 18, 12, 27, 21, 6]


def test_answers_list_all_47_in_question_order(client, editor, scorecard):
    body = client.get(answers_url(scorecard), **auth(editor)).json()
    assert body["count"] == 47 and len(body["results"]) == 47
    refs = [a["ref"] for a in body["results"]]
    assert refs[:4] == ["P1.1", "P1.2", "P1.3", "P2.1"] and refs[-1] == "P10.2"
    assert body["results"][0]["score"] is None
    assert body["results"][0]["essential"] == 1


def test_answers_filter_by_essential_and_answered(client, editor, scorecard):
    services.save_answer(_answer(scorecard, "P2.3"), editor, score=0)
    headers = auth(editor)
    answered = client.get(answers_url(scorecard), {"answered": "true"}, **headers).json()
    assert [a["ref"] for a in answered["results"]] == ["P2.3"]
    e10 = client.get(answers_url(scorecard), {"essential": "10"}, **headers).json()
    assert [a["ref"] for a in e10["results"]] == ["P10.1", "P10.2"]
    bad = client.get(answers_url(scorecard), {"essential": "11"}, **headers)
    assert bad.status_code == 400 and list(bad.json()["fields"]) == ["essential"]


def test_editor_changes_an_answer_and_the_history_says_so(client, editor, scorecard):
    change = {"revision": 0, "score": 2, "institution": "Water board", "timescale": "2027"}
    response = patch(client, answer_url(scorecard, "P8.2"), change, auth(editor, write=True))
    assert response.status_code == 200, response.json()
    assert (response.json()["score"], response.json()["revision"]) == (2, 1)
    answer = _answer(scorecard, "P8.2")
    assert (answer.score, answer.institution, answer.timescale) == (2, "Water board", "2027")
    entries = AuditEntry.objects.filter(scorecard=scorecard, user=editor)
    assert "P8.2: – → 2" in set(entries.values_list("detail", flat=True))
    # A text field's change is stored by the field's name (the history labels it when read,
    # in the reader's language).
    texts = set(entries.exclude(field="").values_list("detail", "field"))
    assert {("P8.2", "institution"), ("P8.2", "timescale")} <= texts
    total = client.get(detail_url(scorecard), **auth(editor)).json()["totals"]
    assert (total["score"], total["unanswered"]) == (2, 46)


def test_null_score_marks_the_question_unanswered_again(client, editor, scorecard):
    services.save_answer(_answer(scorecard, "P1.1"), editor, score=0)
    response = patch(client, answer_url(scorecard), {"revision": 1, "score": None},
                     auth(editor, write=True))  # fmt: skip
    assert response.status_code == 200
    assert _answer(scorecard, "P1.1").score is None
    totals = client.get(detail_url(scorecard), **auth(editor)).json()["totals"]
    assert (totals["answered"], totals["unanswered"]) == (0, 47)


def test_only_the_fields_sent_change(client, editor, scorecard):
    services.save_answer(_answer(scorecard, "P1.1"), editor, score=1, verification="Minutes")
    response = patch(client, answer_url(scorecard), {"revision": 1, "actions": "Adopt a plan"},
                     auth(editor, write=True))  # fmt: skip
    assert response.status_code == 200
    answer = _answer(scorecard, "P1.1")
    assert (answer.score, answer.verification, answer.actions) == (1, "Minutes", "Adopt a plan")


def test_stale_update_is_409_with_the_current_answer_and_overwrites_nothing(
    client, editor, scorecard
):
    services.save_answer(_answer(scorecard, "P1.1"), editor, score=3, verification="Colleague")
    response = patch(client, answer_url(scorecard), {"revision": 0, "score": 1,
                     "verification": "Mine"}, auth(editor, write=True))  # fmt: skip
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale"
    assert (body["current"]["score"], body["current"]["verification"]) == (3, "Colleague")
    assert body["current"]["revision"] == 1
    answer = _answer(scorecard, "P1.1")
    assert (answer.score, answer.verification, answer.revision) == (3, "Colleague", 1)


@pytest.mark.parametrize(
    "payload,field",
    [({"score": 2}, "revision"), ({"revision": 0, "score": 4}, "score"),
     ({"revision": 0, "score": -1}, "score"), ({"revision": 0, "score": "three"}, "score"),
     ({"revision": 0, "verification": "x" * 5001}, "verification"),
     ({"revision": 0, "timescale": ["2027"]}, "timescale"),
     ({"revision": -1}, "revision"), ({"revision": 2**31}, "revision")],
)  # fmt: skip
def test_malformed_changes_are_400_naming_the_field(client, editor, scorecard, payload, field):
    response = patch(client, answer_url(scorecard), payload, auth(editor, write=True))
    assert response.status_code == 400
    assert field in response.json()["fields"]
    answer = _answer(scorecard, "P1.1")
    assert (answer.score, answer.verification, answer.revision) == (None, "", 0)


def test_text_at_the_models_limit_is_accepted(client, editor, scorecard):
    response = patch(client, answer_url(scorecard), {"revision": 0, "actions": "a" * 5000},
                     auth(editor, write=True))  # fmt: skip
    assert response.status_code == 200
    assert len(_answer(scorecard, "P1.1").actions) == 5000


def test_a_submitted_scorecard_is_409_locked_and_unchanged(client, editor, scorecard):
    scorecard = services.submit(scorecard, editor)
    response = patch(client, answer_url(scorecard), {"revision": 0, "score": 2},
                     auth(editor, write=True))  # fmt: skip
    assert response.status_code == 409
    assert response.json()["code"] == "locked"
    assert "submitted" in response.json()["detail"]
    assert _answer(scorecard, "P1.1").score is None


def test_read_only_token_cannot_write_even_for_an_editor(client, editor, scorecard):
    response = patch(client, answer_url(scorecard), {"revision": 0, "score": 2}, auth(editor))
    assert response.status_code == 403
    assert _answer(scorecard, "P1.1").revision == 0


@pytest.mark.parametrize("who", ["viewer", "staff", "partner_user"])
def test_viewers_staff_and_partners_read_but_cannot_write(
    client, request, editor, partner, scorecard, who
):
    if who == "staff":
        user = User.objects.create_user("admin@site.test", "x", is_staff=True)
    else:
        user = request.getfixturevalue(who)
    if who == "partner_user":
        scorecard = services.submit(scorecard, editor)
        services.share(scorecard, partner, editor)
    headers = auth(user, write=True)
    assert client.get(answer_url(scorecard), **headers).status_code == 200
    response = patch(client, answer_url(scorecard), {"revision": 0, "score": 2}, headers)
    assert response.status_code == 403
    assert _answer(scorecard, "P1.1").score is None


def test_partner_sees_only_scorecards_shared_with_their_partner(
    client, editor, partner, partner_user, scorecard, city
):
    headers = auth(partner_user)
    assert client.get(detail_url(scorecard), **headers).status_code == 404  # a draft
    scorecard = services.submit(scorecard, editor)
    assert client.get(detail_url(scorecard), **headers).status_code == 404  # not shared
    services.share(scorecard, partner, editor)
    assert client.get(detail_url(scorecard), **headers).status_code == 200
    assert client.get(answers_url(scorecard), **headers).json()["count"] == 47
    listed = client.get(reverse("api:shared_scorecards", args=["iclei"]), **headers).json()
    assert [(s["id"], s["city_name"]) for s in listed["results"]] == [(scorecard.pk, "Glasgow")]
    # The city's list is for members: a partner reaches shared Scorecards one by one.
    assert client.get(reverse("api:scorecards", args=["glasgow"]), **headers).status_code == 404


def test_a_share_with_another_partner_shows_nothing(client, editor, partner_user, scorecard):
    """The wrong code this catches: a share checked without its partner's members."""
    from accounts.models import Partner

    scorecard = services.submit(scorecard, editor)
    services.share(scorecard, Partner.objects.create(name="Other", slug="other"), editor)
    assert client.get(detail_url(scorecard), **auth(partner_user)).status_code == 404


def test_outsider_gets_404_and_writes_nothing(client, outsider, scorecard):
    headers = auth(outsider, write=True)
    assert client.get(detail_url(scorecard), **headers).status_code == 404
    assert client.get(answers_url(scorecard), **headers).status_code == 404
    response = patch(client, answer_url(scorecard), {"revision": 0, "score": 2}, headers)
    assert response.status_code == 404
    assert _answer(scorecard, "P1.1").score is None


def test_another_citys_scorecard_id_under_my_city_slug_is_404(
    client, outsider, other_city, scorecard
):
    """The wrong code this catches: looking a Scorecard up by id alone."""
    url = reverse("api:scorecard", args=[other_city.slug, scorecard.pk])
    assert client.get(url, **auth(outsider)).status_code == 404


def test_anonymous_gets_401(client, scorecard):
    assert client.get(detail_url(scorecard)).status_code == 401
    assert client.patch(answer_url(scorecard), {"revision": 0, "score": 1},
                        content_type="application/json").status_code == 401  # fmt: skip
    assert _answer(scorecard, "P1.1").score is None


def test_an_unknown_question_is_404(client, editor, scorecard):
    url = reverse("api:scorecard_answer", args=["glasgow", scorecard.pk, "P11.1"])
    assert client.get(url, **auth(editor)).status_code == 404


def test_listing_answers_takes_a_fixed_number_of_queries(
    client, editor, scorecard, django_assert_max_num_queries
):
    headers = auth(editor)
    client.get(answers_url(scorecard), **headers)
    # 6 of them are the request count in the database cache (read, cull check, write).
    with django_assert_max_num_queries(12) as empty:
        client.get(answers_url(scorecard), **headers)
    for answer in scorecard.answers.select_related("question")[:30]:
        services.save_answer(answer, editor, score=2, verification="Minutes")
    with django_assert_max_num_queries(12) as full:
        assert client.get(answers_url(scorecard), **headers).status_code == 200
    assert len(full.captured_queries) == len(empty.captured_queries)


def test_reading_a_scorecard_takes_a_fixed_number_of_queries(
    client, editor, scorecard, django_assert_max_num_queries
):
    headers = auth(editor)
    client.get(detail_url(scorecard), **headers)
    with django_assert_max_num_queries(11) as empty:
        client.get(detail_url(scorecard), **headers)
    for answer in scorecard.answers.select_related("question")[:30]:
        services.save_answer(answer, editor, score=1)
    with django_assert_max_num_queries(11) as full:
        client.get(detail_url(scorecard), **headers)
    assert len(full.captured_queries) == len(empty.captured_queries)
