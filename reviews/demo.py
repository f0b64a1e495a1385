"""The demo's peer reviews, as SMR ran them: Bristol reviewed Glasgow, Rome reviews
Kristiansand. Idempotent: a review that exists is left as it is."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import City, User
from assessments.models import ActionStatus
from assessments.results import stage_profile

from . import services
from .models import AnswerKind, CriticalFriend, Review, Verdict


def _standing(city):
    return city.assessments.select_related("model_version", "city").standing()


def _actions(assessment, status: str, count: int, skip: int = 0):
    records = assessment.records.filter(status=status).select_related(
        "action__subdimension", "action__stage"
    )
    return [r.action for r in records.order_by("action__code")[skip : skip + count]]


def load_review_demo() -> None:
    cities = {
        c.slug: c
        for c in City.objects.filter(
            slug__in=["glasgow", "bristol", "kristiansand", "rome", "riga", "vejle"]
        )
    }
    for slug in ("bristol", "rome", "riga", "vejle"):
        if slug in cities:
            CriticalFriend.objects.get_or_create(city=cities[slug])
    glasgow, bristol = cities.get("glasgow"), cities.get("bristol")
    glasgow_reviewed = _standing(glasgow) if glasgow else None
    if (
        glasgow_reviewed
        and bristol
        and not Review.objects.filter(reviewer=bristol, assessment=glasgow_reviewed).exists()
    ):
        _bristol_reviews_glasgow(glasgow_reviewed, bristol)
    kristiansand, rome = cities.get("kristiansand"), cities.get("rome")
    reviewed = _standing(kristiansand) if kristiansand else None
    if reviewed and rome and not Review.objects.filter(reviewer=rome, assessment=reviewed).exists():
        _rome_reviews_kristiansand(reviewed, rome)


def _bristol_reviews_glasgow(assessment, bristol) -> None:
    glasgow_editor = User.objects.get(email="editor@glasgow.demo")
    reviewer = User.objects.get(email="editor@bristol.demo")
    review = services.request_review(
        assessment,
        bristol,
        glasgow_editor,
        scope=[],
        due_date=timezone.localdate() + timedelta(days=30),
        message="As SMR's critical friend: please look at our evidence, as in 2017.",
    )
    done = _actions(assessment, ActionStatus.DONE, 3)
    # Questioned: a Starting action of a subdimension that reached a stage, so the
    # peer-reviewed stage differs; disputed: an action still open in Glasgow's draft, so
    # accepting the finding changes the draft.
    card = stage_profile(assessment)
    reached = [code for code, r in card.subdimensions.items() if r.level >= 1]
    starting = [
        a for a in _actions(assessment, ActionStatus.DONE, 200)
        if a.subdimension.code in reached and a.stage.letter == "S" and a not in done
    ]  # fmt: skip
    done = done[:2] + starting[:1]
    draft = assessment.city.assessments.open_draft()
    still_open = set(
        draft.records.exclude(status=ActionStatus.DONE).values_list("action__code", flat=True)
    ) if draft else set()  # fmt: skip
    candidates = _actions(assessment, ActionStatus.IN_PROGRESS, 200) + _actions(
        assessment, ActionStatus.NOT_STARTED, 200
    )
    open_ = [a for a in candidates if a.code in still_open][:1]
    for action in done[:2]:
        services.record_finding(
            review, action, reviewer, verdict=Verdict.AGREE,
            comment="Evidence is convincing.", evidence_seen="Council minutes; strategy chapter 3.",
        )  # fmt: skip
    questioned = done[2] if len(done) > 2 else None
    if questioned:
        services.record_finding(
            review, questioned, reviewer, verdict=Verdict.QUESTION,
            comment="The plan is approved but not yet applied across departments.",
            evidence_seen="Draft plan, interview with the resilience officer.",
            suggested_status=ActionStatus.IN_PROGRESS,
        )  # fmt: skip
    disputed = open_[0] if open_ else None
    if disputed:
        services.record_finding(
            review, disputed, reviewer, verdict=Verdict.DISAGREE,
            comment="The agreement was signed last spring: this is done.",
            evidence_seen="Signed agreement with the regional authority.",
            suggested_status=ActionStatus.DONE,
        )  # fmt: skip
    first = done[0].subdimension.code if done else None
    if first:
        services.save_note(
            review, first, reviewer,
            strengths="Strong political commitment and a clear owner.",
            recommendations="Publish the working group's terms of reference.",
        )  # fmt: skip
    services.return_review(review, reviewer)
    review.refresh_from_db()
    findings = {f.action_id: f for f in review.findings.all()}
    if disputed:
        services.answer_finding(findings[disputed.pk], glasgow_editor, kind=AnswerKind.ACCEPTED)
    if questioned:
        services.answer_finding(
            findings[questioned.pk], glasgow_editor, kind=AnswerKind.EXPLAINED,
            reply="Roll-out to all departments is planned for the autumn; we keep it done.",
        )  # fmt: skip


def _rome_reviews_kristiansand(assessment, rome) -> None:
    editor = User.objects.get(email="editor@kristiansand.demo")
    reviewer = User.objects.get(email="editor@rome.demo")
    review = services.request_review(
        assessment,
        rome,
        editor,
        scope=["L1", "P1"],
        due_date=timezone.localdate() + timedelta(days=45),
        message="Leadership and preparedness first, please.",
        include_private=True,
    )
    in_scope = [
        a
        for a in _actions(assessment, ActionStatus.DONE, 200)
        if review.in_scope(a.subdimension.code)
    ]
    for action in in_scope[:2]:
        services.record_finding(
            review, action, reviewer, verdict=Verdict.AGREE, comment="Draft: seen on our visit."
        )
