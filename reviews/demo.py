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
    for reviewed_slug, reviewer_slug, run in (
        ("glasgow", "bristol", _bristol_reviews_glasgow),
        ("kristiansand", "rome", _rome_reviews_kristiansand),
    ):
        reviewed_city, reviewer = cities.get(reviewed_slug), cities.get(reviewer_slug)
        reviewed = _standing(reviewed_city) if reviewed_city else None
        if (
            reviewed
            and reviewer
            and not Review.objects.filter(reviewer=reviewer, assessment=reviewed).exists()
        ):
            run(reviewed, reviewer)


def _request(assessment, reviewer_city, *, days: int, **terms):
    """The reviewed city's demo editor asks `reviewer_city`, due in `days`. Returns the
    review, that editor and the reviewing city's demo editor."""
    editor = User.objects.get(email=f"editor@{assessment.city.slug}.demo")
    reviewer = User.objects.get(email=f"editor@{reviewer_city.slug}.demo")
    due_date = timezone.localdate() + timedelta(days=days)
    review = services.request_review(assessment, reviewer_city, editor, due_date=due_date, **terms)
    return review, editor, reviewer


def _bristol_reviews_glasgow(assessment, bristol) -> None:
    review, glasgow_editor, reviewer = _request(
        assessment,
        bristol,
        days=30,
        scope=[],
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
    questioned = done[2] if len(done) > 2 else None
    disputed = open_[0] if open_ else None
    seen = "Council minutes; strategy chapter 3."
    findings = [(a, Verdict.AGREE, "Evidence is convincing.", seen, "") for a in done[:2]]
    if questioned:
        findings.append((
            questioned, Verdict.QUESTION,
            "The plan is approved but not yet applied across departments.",
            "Draft plan, interview with the resilience officer.", ActionStatus.IN_PROGRESS,
        ))  # fmt: skip
    if disputed:
        findings.append((
            disputed, Verdict.DISAGREE, "The agreement was signed last spring: this is done.",
            "Signed agreement with the regional authority.", ActionStatus.DONE,
        ))  # fmt: skip
    for action, verdict, comment, evidence_seen, suggested_status in findings:
        services.record_finding(
            review, action, reviewer, verdict=verdict, comment=comment,
            evidence_seen=evidence_seen, suggested_status=suggested_status,
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
    review, editor, reviewer = _request(
        assessment,
        rome,
        days=45,
        scope=["L1", "P1"],
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
