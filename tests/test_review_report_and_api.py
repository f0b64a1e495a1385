"""The peer review where it is read outside the pages: the PDF report's chapter and the API
(with the pages' access rule), and the routes in the OpenAPI schema."""

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import AnswerKind, Verdict

from .review_helpers import action, request, world_fixture  # noqa: F401 - the fixture


@pytest.fixture
def returned(world):
    review = request(world)
    services.record_finding(
        review, action(world, "L1S2"), world.reviewer, verdict=Verdict.QUESTION,
        comment="Council adoption pending.", suggested_status="in_progress",
        evidence_seen="Draft plan v3",
    )  # fmt: skip
    services.save_note(
        review, "L1", world.reviewer, strengths="Clear owner.", recommendations="Adopt the plan."
    )
    services.return_review(review, world.reviewer)
    services.answer_finding(
        review.findings.get(), world.editor, kind=AnswerKind.EXPLAINED, reply="Adopted in May."
    )
    return review


def test_the_report_has_a_peer_review_chapter_naming_bristol(client, world, returned, pdf_as_html):
    client.force_login(world.editor)
    url = reverse("reports:pdf", args=["glasgow", world.signed.pk])
    text = pdf_as_html(client.get(url).content)
    chapter = text[text.index("Peer review Reviewers") :]
    assert chapter.startswith("Peer review Reviewers Bristol")
    assert "L1 " in chapter and "Starting Working on Starting ≠" in chapter
    assert "Draft plan v3" in chapter  # the evidence seen
    assert "Adopt the plan." in chapter and "Adopted in May." in chapter


def test_the_review_routes_are_in_the_schema(client, world):
    client.force_login(world.editor)
    schema = client.get("/api/schema/?format=json").json()
    reviews = schema["paths"]["/api/v1/cities/{slug}/assessments/{pk}/reviews/"]
    assert {"get", "post"} <= set(reviews)
    assert "get" in schema["paths"]["/api/v1/reviews/"]
    assert "get" in schema["paths"]["/api/v1/cities/{slug}/assessments/{pk}/reviews/{review}/"]


def test_api_request_and_read_with_the_pages_rule(client, world):
    client.force_login(world.editor)
    url = f"/api/v1/cities/glasgow/assessments/{world.signed.pk}/reviews/"
    created = client.post(
        url,
        {"reviewer": "bristol", "scope": ["L1"], "due_date": "2099-01-31"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["reviewer"] == "bristol" and created.json()["scope"] == ["L1"]
    bad = client.post(
        url, {"reviewer": "atlantis", "due_date": "2099-01-31"}, content_type="application/json"
    )
    assert bad.status_code == 400
    client.force_login(world.reviewer)
    mine = client.get("/api/v1/reviews/").json()
    assert [r["city"] for r in mine["results"]] == ["glasgow"]
    assert client.get(url).status_code == 404  # the city's list is its members'
    client.force_login(world.outsider)
    assert client.get("/api/v1/reviews/").json()["results"] == []
    detail = f"{url}{created.json()['id']}/"
    assert client.get(detail).status_code == 404


def test_api_review_detail_has_findings_and_answers(client, world, returned):
    client.force_login(world.viewer)
    url = f"/api/v1/cities/glasgow/assessments/{world.signed.pk}/reviews/{returned.pk}/"
    data = client.get(url).json()
    assert data["state"] == "returned"
    assert data["findings"] == [
        {
            "action": "L1S2",
            "verdict": "question",
            "comment": "Council adoption pending.",
            "evidence_seen": "Draft plan v3",
            "suggested_status": "in_progress",
            "answer": {
                "kind": "explained",
                "reply": "Adopted in May.",
                "answered_at": data["findings"][0]["answer"]["answered_at"],
            },
        }
    ]
    l1 = next(r for r in data["stages"] if r["code"] == "L1")
    assert (l1["self_assessed"], l1["peer_reviewed"]) == ("Starting", "Working on Starting")


def test_the_exchange_file_carries_the_returned_review(client, world, returned):
    from jsonschema import Draft202012Validator

    from exchange.document import schema

    client.force_login(world.editor)
    url = reverse("exchange:export_json", args=["glasgow", world.signed.pk])
    document = client.get(url).json()
    Draft202012Validator(schema()).validate(document)
    [review] = document["reviews"]
    assert review["reviewer"] == {"name": "Bristol", "slug": "bristol"}
    assert (review["state"], review["scope"]) == ("returned", ["L1", "L3"])
    assert review["findings"][0]["code"] == "L1S2"
    assert review["findings"][0]["answer"]["reply"] == "Adopted in May."
    assert review["notes"] == [
        {"code": "L1", "strengths": "Clear owner.", "recommendations": "Adopt the plan."}
    ]
