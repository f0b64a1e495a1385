"""Finding 2: a city works on one draft per instrument at a time. A second one is refused
(with a link to the open draft) by the service, the page and the database; signing off,
carrying forward, reopening (when nothing else is open) and importing stay possible."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from lifecycle.services import DraftOpen
from scorecard import services as scorecard_services
from scorecard.models import ScorecardAssessment


def _new(client, city, smr, title="Self-assessment 2027"):
    return client.post(
        reverse("assessments:new", args=[city.slug]),
        {"title": title, "reference_date": "2027-06-30", "model_version": smr.pk},
    )


def test_a_second_draft_cannot_be_started_from_the_page(client, assessment, editor, city, smr):
    client.force_login(editor)
    response = _new(client, city, smr)
    assert response.status_code == 409
    assert list(city.assessments.values_list("title", flat=True)) == ["Self-assessment 2026"]
    draft_url = reverse("assessments:matrix", args=[city.slug, assessment.pk])
    assert f'href="{draft_url}"' in response.content.decode()
    assert "“Self-assessment 2026” is still a draft" in response.content.decode()


def test_the_new_assessment_page_points_at_the_open_draft(client, assessment, editor, city):
    client.force_login(editor)
    page = client.get(reverse("assessments:new", args=[city.slug])).content.decode()
    assert 'name="title"' not in page  # no form to start another
    assert reverse("assessments:matrix", args=[city.slug, assessment.pk]) in page


def test_the_city_pages_main_button_continues_the_open_draft(client, assessment, editor, city):
    client.force_login(editor)
    page = client.get(reverse("assessments:city", args=[city.slug])).content.decode()
    draft_url = reverse("assessments:matrix", args=[city.slug, assessment.pk])
    assert f'<a class="btn btn-primary" href="{draft_url}">Continue the draft' in page
    assert "Start a new assessment" not in page


def test_after_sign_off_a_new_one_starts_and_carries_forward(client, assessment, editor, city, smr):
    services.submit(assessment, editor)
    client.force_login(editor)
    page = client.get(reverse("assessments:city", args=[city.slug])).content.decode()
    assert "Start a new assessment" in page
    response = client.post(
        reverse("assessments:new", args=[city.slug]),
        {
            "title": "Self-assessment 2027",
            "reference_date": "2027-06-30",
            "model_version": smr.pk,
            "carry_from": assessment.pk,
        },
    )
    assert response.status_code == 302
    assert city.assessments.drafts().get().carried_from == assessment


def test_the_service_refuses_and_names_the_open_draft(assessment, editor, city, smr):
    with pytest.raises(DraftOpen) as refused:
        services.start_assessment(
            city, smr, title="Again", reference_date=date(2026, 7, 1), user=editor
        )
    assert refused.value.draft == assessment
    assert refused.value.url == reverse("assessments:matrix", args=[city.slug, assessment.pk])


@pytest.mark.parametrize("model", [Assessment, ScorecardAssessment])
def test_the_database_holds_one_draft_per_city(model, assessment, city):
    existing = {"model_version": assessment.model_version} if model is Assessment else {}
    if model is ScorecardAssessment:  # `assessment` is the city's open SMR draft already
        model.objects.create(city=city, title="A", reference_date=date(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(city=city, title="B", reference_date=date(2026, 2, 1), **existing)
    # Signed-off ones are not limited.
    model.objects.create(
        city=city, title="C", reference_date=date(2025, 1, 1), status="submitted", **existing
    )


def test_reopening_an_older_one_while_a_draft_is_open_is_refused_with_a_link(
    client, assessment, editor, city, smr
):
    """Decided: reopening would make a second draft, so it waits until the open one is
    signed off; the refusal links to the open draft."""
    services.submit(assessment, editor)
    newer = services.start_assessment(
        city, smr, title="Self-assessment 2027", reference_date=date(2027, 6, 30), user=editor
    )
    client.force_login(editor)
    response = client.post(
        reverse("assessments:reopen", args=[city.slug, assessment.pk]),
        {"reason": "A figure was wrong"},
        follow=True,
    )
    assessment.refresh_from_db()
    assert not assessment.is_draft
    page = response.content.decode()
    assert "“Self-assessment 2027” is open" in page
    assert f'href="{reverse("assessments:matrix", args=[city.slug, newer.pk])}"' in page


def test_reopening_when_nothing_else_is_open_still_works(assessment, editor):
    services.submit(assessment, editor)
    assert services.reopen(assessment, editor, "A figure was wrong").is_draft


def test_a_second_scorecard_draft_cannot_be_started(editor, city, catalogue):
    draft = scorecard_services.start_scorecard(city, user=editor, title="Scorecard 2026")
    with pytest.raises(DraftOpen):
        scorecard_services.start_scorecard(city, user=editor, title="Again")
    assert scorecard_services.draft_for(city, editor) == draft


def test_the_scorecard_draft_opened_from_its_list_is_the_open_one(client, editor, city, catalogue):
    draft = scorecard_services.start_scorecard(city, user=editor, title="Scorecard 2026")
    client.force_login(editor)
    response = client.post(reverse("scorecard:new", args=[city.slug]))
    assert response.url == reverse("scorecard:detail", args=[city.slug, draft.pk])
    assert city.scorecards.count() == 1


def test_the_api_gives_a_citys_standing_and_its_open_draft_apart(client, assessment, editor, city):
    """Finding 10 in the API: the standing is the signed-off one; the draft is `draft`."""
    from .conftest import start_signed_off

    older = start_signed_off(
        city, assessment.model_version, title="2025", reference_date=date(2025, 6, 30),
        user=editor,
    )  # fmt: skip
    client.force_login(editor)
    data = client.get(f"/api/v1/cities/{city.slug}/").json()
    assert (data["standing"]["id"], data["standing"]["title"]) == (older.pk, "2025")
    assert data["standing"]["signed_off_at"] is not None
    assert data["open_draft"] == {
        "id": assessment.pk,
        "title": "Self-assessment 2026",
        "reference_date": "2026-06-30",
        "status": "draft",
    }
