"""Peer-review pages. Every view reaches the review through `access.get_review` (or the city
rule for the city's own list), first thing."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.access import get_city
from accounts.models import Role
from assessments.access import members_assessment
from assessments.models import EvidenceFile
from maturity.structure import load_structure
from rendering.downloads import attachment

from . import services
from .access import ensure_sees_assessment, get_review, reviews_of
from .forms import AnswerForm, FindingForm, NoteForm, RequestForm
from .models import ReviewState
from .results import review_results


@login_required
def assessment_reviews(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The assessment's reviews, and the request form for its editors (POST: request one)."""
    access, assessment = members_assessment(request.user, slug, pk, write=request.method == "POST")
    structure = load_structure(assessment.model_version)
    form = None
    status = 200
    if access.can_edit and not assessment.is_draft:
        form = RequestForm(request.POST or None, assessment=assessment, structure=structure)
        if request.method == "POST":
            if form.is_valid():
                terms = dict(form.cleaned_data)  # the service's arguments, by name
                reviewer = terms.pop("reviewer")
                try:
                    review = services.request_review(assessment, reviewer, request.user, **terms)
                except services.ReviewRefused as exc:
                    messages.error(request, str(exc))
                    status = 400
                else:
                    messages.success(
                        request,
                        _("%(city)s is asked to review this assessment.")
                        % {"city": review.reviewer},
                    )
                    return redirect("reviews:list", slug=slug, pk=pk)
            else:
                status = 400
    elif request.method == "POST":
        messages.error(request, _("Only a signed-off assessment can be reviewed."))
        status = 400
    reviews = assessment.reviews.select_related("reviewer")
    context = {
        "access": access,
        "city": access.city,
        "assessment": assessment,
        "reviews": reviews,
        "form": form,
    }
    return render(request, "reviews/assessment_reviews.html", context, status=status)


def _sections(review, structure, own_records, findings):
    """The subdimensions in scope, each with its actions, the city's record and the finding."""
    notes = {n.code: n for n in review.notes.all()}
    sections = []
    for sub in structure.subdimensions:
        if not review.in_scope(sub.code):
            continue
        rows = [
            {"action": a, "record": own_records.get(a.pk), "finding": findings.get(a.pk)}
            for a in structure.actions_by_sub[sub.pk]
        ]
        sections.append({"sub": sub, "rows": rows, "note": notes.get(sub.code)})
    return sections


def _attempt(request, done: str, step, *args, **kwargs) -> bool:
    """Take a step of the review; tell the user it was refused or `done`. True when done."""
    try:
        step(*args, **kwargs)
    except services.ReviewRefused as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, done)
    return True


def _review_page(request, access, template: str, **context) -> HttpResponse:
    """Render a page of one review: the review, its assessment and city, and the page's own.
    A POST that comes back to its page was refused (an invalid form, a step out of turn): 400."""
    review = access.review
    return render(
        request,
        template,
        {
            "access": access,
            "review": review,
            "assessment": review.assessment,
            "city": review.assessment.city,
            **context,
        },
        status=400 if request.method == "POST" else 200,
    )


def _saved(request, access, form, done: str, step) -> HttpResponse | None:
    """A POST of a review page's form (a finding, an answer, notes): when valid, `step` takes
    the user and the form's values, and the user goes back to the review. None when there is
    nothing to save or it was refused: the page shows again (400 after a POST). A POST where
    the user has no form is refused."""
    if request.method != "POST":
        return None
    if form is None:
        raise PermissionDenied(_("You cannot change this review."))
    if form.is_valid() and _attempt(request, done, step, request.user, **form.cleaned_data):
        review = access.review
        return redirect("reviews:detail", slug=review.assessment.city.slug, review_pk=review.pk)
    return None


@login_required
@require_safe
def review_detail(request: HttpRequest, slug: str, review_pk: int) -> HttpResponse:
    access = get_review(request.user, slug, review_pk)
    review = access.review
    assessment = review.assessment
    structure = load_structure(assessment.model_version)
    findings = {f.action_id: f for f in review.findings.select_related("answer", "action")}
    sections = []
    if access.sees_assessment:
        records = {r.action_id: r for r in assessment.records.order_by()}
        sections = _sections(review, structure, records, findings)
    return _review_page(
        request,
        access,
        "reviews/review_detail.html",
        results=review_results(review),
        sections=sections,
        findings=sorted(findings.values(), key=lambda f: f.action.code),
        unanswered=services.unanswered(review).count(),
        show_findings=access.is_reviewer or review.state != ReviewState.REQUESTED,
    )


def _action_in_review(access, code):
    review = access.review
    structure = load_structure(review.assessment.model_version)
    action = structure.by_code.get(code)
    if action is None:
        raise Http404(_("No such action in this review."))
    ensure_sees_assessment(access, action.subdimension.code)
    if not review.in_scope(action.subdimension.code):
        raise Http404(_("No such action in this review."))
    return action


@login_required
def review_action(request: HttpRequest, slug: str, review_pk: int, code: str) -> HttpResponse:
    """One action under review: the city's record; the reviewers' finding form while the
    review is open; the city's answer form once it is returned."""
    access = get_review(request.user, slug, review_pk)
    review = access.review
    action = _action_in_review(access, code)
    record = (
        review.assessment.records.select_related("responsible_member")
        .prefetch_related("links", "files")
        .filter(action=action)
        .first()
    )
    finding = review.findings.select_related("answer").filter(action=action).first()
    finding_form = answer_form = None
    if access.is_reviewer and review.is_open:
        initial = (
            {
                "verdict": finding.verdict,
                "suggested_status": finding.suggested_status,
                "comment": finding.comment,
                "evidence_seen": finding.evidence_seen,
            }
            if finding
            else None
        )
        finding_form = FindingForm(request.POST or None, initial=initial)
    can_answer = (
        access.is_city
        and access.can_edit
        and review.state == ReviewState.RETURNED
        and finding is not None
        and not hasattr(finding, "answer")
    )
    if can_answer:
        answer_form = AnswerForm(request.POST or None, finding=finding)
    if finding_form is not None:
        form, step = finding_form, partial(services.record_finding, review, action)
        done = _("Finding saved as a draft.")
    else:
        form, step = answer_form, partial(services.answer_finding, finding)
        done = _("Answer saved.")
    return _saved(request, access, form, done, step) or _review_page(
        request,
        access,
        "reviews/review_action.html",
        action=action,
        record=record,
        finding=finding,
        show_finding=finding and (access.is_reviewer or review.state != ReviewState.REQUESTED),
        finding_form=finding_form,
        answer_form=answer_form,
    )


@login_required
def review_note(request: HttpRequest, slug: str, review_pk: int, sub: str) -> HttpResponse:
    """The reviewers' strengths and recommendations for one subdimension in scope: their
    form while the review is open, read-only for everyone else who may see the review."""
    access = get_review(request.user, slug, review_pk)
    review = access.review
    code = sub
    structure = load_structure(review.assessment.model_version)
    subdimension = structure.sub_by_code.get(code)
    if subdimension is None or not review.in_scope(code):
        raise Http404(_("No such subdimension in this review."))
    ensure_sees_assessment(access, code)
    writes = access.is_reviewer and review.is_open
    note = review.notes.filter(code=code).first()
    initial = (
        {"strengths": note.strengths, "recommendations": note.recommendations} if note else None
    )
    form = NoteForm(request.POST or None, initial=initial) if writes else None
    step = partial(services.save_note, review, code)
    return _saved(request, access, form, _("Notes saved as a draft."), step) or _review_page(
        request,
        access,
        "reviews/review_note.html",
        sub=subdimension,
        form=form,
        note=note,
        show_note=access.is_reviewer or review.state != ReviewState.REQUESTED,
    )


def _step(request, slug, review_pk, side: str, step, done: str) -> HttpResponse:
    access = get_review(request.user, slug, review_pk)
    if access.side != side or not access.can_edit:
        raise PermissionDenied(_("You cannot change this review."))
    _attempt(request, done, step, access.review, request.user)
    return redirect("reviews:detail", slug=slug, review_pk=review_pk)


@login_required
@require_POST
def return_review(request: HttpRequest, slug: str, review_pk: int) -> HttpResponse:
    done = _("Review returned: the city's editors have been told.")
    return _step(request, slug, review_pk, "reviewer", services.return_review, done)


@login_required
@require_POST
def close_review(request: HttpRequest, slug: str, review_pk: int) -> HttpResponse:
    done = _("Review closed.")
    return _step(request, slug, review_pk, "city", services.close_review, done)


@login_required
@require_safe
def my_reviews(request: HttpRequest) -> HttpResponse:
    """The reviews the user gives and receives."""
    reviews = list(reviews_of(request.user).with_header())
    roles = dict(request.user.memberships.values_list("city_id", "role"))
    # Reviews are given by a city's editors (its viewers are no reviewers), received by all
    # of its members.
    given = [r for r in reviews if roles.get(r.reviewer_id) == Role.EDITOR]
    received = [r for r in reviews if r.assessment.city_id in roles]
    return render(request, "reviews/my_reviews.html", {"given": given, "received": received})


@login_required
@require_POST
def critical_friend(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's editors offer it as a critical friend (or stop)."""
    access = get_city(request.user, slug, write=True)
    offered = request.POST.get("offer") == "yes"
    services.opt_in(access.city, request.user, offered)
    messages.success(
        request,
        _("Your city is offered as a critical friend.")
        if offered
        else _("Your city is no longer offered as a critical friend."),
    )
    return redirect("assessments:city", slug=slug)


@login_required
@require_safe
def review_file(
    request: HttpRequest, slug: str, review_pk: int, code: str, file_pk: int
) -> HttpResponse:
    """An evidence file of an action under review: for the reviewers only when the city
    included files and names in the request, and only within scope while they may see the
    assessment (the same rule as the action's page)."""
    access = get_review(request.user, slug, review_pk)
    action = _action_in_review(access, code)
    if not access.sees_private:
        raise Http404(_("No such file."))
    evidence = EvidenceFile.objects.filter(
        pk=file_pk, record__assessment=access.review.assessment, record__action=action
    ).first()
    if evidence is None:
        raise Http404(_("No such file."))
    return attachment(evidence.file, evidence.original_name, evidence.content_type)
