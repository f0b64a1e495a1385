"""A small peer-review world: Glasgow (editor, viewer) signed off an assessment with L1's
two Starting actions done (L1 at Starting) and keeps an open draft; Bristol (editor, viewer)
reviews it; Riga's editor is an outsider."""

from datetime import date, timedelta

import pytest

from accounts.models import Role
from assessments import services as assessment_services
from reviews import services

from .conftest import make_city, make_member, start_signed_off


class World:
    pass


@pytest.fixture(name="world")
def world_fixture(smr, city, editor, viewer, outsider):
    w = World()
    w.glasgow, w.editor, w.viewer, w.outsider = city, editor, viewer, outsider
    w.bristol = make_city("bristol", name="Bristol")
    w.reviewer = make_member("editor@bristol.test", "Rita Reviewer", w.bristol, Role.EDITOR)
    w.bristol_viewer = make_member("viewer@bristol.test", "Bob Bristol", w.bristol, Role.VIEWER)
    w.older = start_signed_off(
        city, smr, user=editor, title="Self-assessment 2024", reference_date=date(2024, 6, 30)
    )
    w.signed = start_signed_off(
        city,
        smr,
        user=editor,
        title="Self-assessment 2025",
        reference_date=date(2025, 6, 30),
        done={"action__code__in": ["L1S1", "L1S2"]},
    )
    w.draft = assessment_services.start_assessment(
        city, smr, title="Self-assessment 2026", reference_date=date(2026, 6, 30),
        user=editor, carry_from=w.signed,
    )  # fmt: skip
    w.smr = smr
    return w


def request(w, **extra):
    options = {"scope": ["L1", "L3"], "due_date": date.today() + timedelta(days=30)}
    options.update(extra)
    return services.request_review(w.signed, w.bristol, w.editor, **options)


def action(w, code):
    return w.signed.records.select_related("action__subdimension").get(action__code=code).action


def furnish_review(assessment) -> dict:
    """The URL walks' review: Bristol's editor reviewing `assessment` (all subdimensions), for
    the walks' `review_pk` and `sub`, and the reviewer as one more kind of user. Made directly,
    on the walks' draft, so that every walked route names one assessment."""
    from reviews.models import Review

    bristol = make_city("bristol", name="Bristol")
    reviewer = make_member("editor@bristol.test", "Rita Reviewer", bristol, Role.EDITOR)
    review = Review.objects.create(
        assessment=assessment, reviewer=bristol, due_date=date(2099, 1, 1)
    )
    return {"reviewer": reviewer, "review": review, "kwargs": {"review_pk": review.pk, "sub": "L1"}}
