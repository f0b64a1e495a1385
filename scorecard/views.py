"""A city's Scorecard preliminary assessments: list, fill, import, export, sign off, share.

Every view reaches the city through `accounts.access.get_city` or the Scorecard through
`scorecard.access.get_scorecard` first.
"""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import get_city
from jobs import imports
from jobs.models import JobState
from lifecycle.forms import ReopenForm, ShareForm
from lifecycle.views import apply_sharing, partner_rows, reopen_with_reason, take_step
from policies.models import ScorecardQuestion
from rendering.charts import scorecard_radar

from . import services, tasks
from .access import get_scorecard
from .evidence import latest_smr_records
from .forms import PRIVATE_LABEL, ImportForm, PageAnswerForm
from .scoring import totals_of
from .workbook import AnswerRow, resolve_import
from .workbook_files import BLANK_WORKBOOK
from .workbook_writer import write_workbook

SIGNING_SALT = "scorecard-import"


def radar_for(totals, chart_id: str = "scorecard-radar") -> str:
    return scorecard_radar(
        [(e.number, e.title, e.score, e.maximum, e.unanswered) for e in totals.essentials],
        chart_id=chart_id,
    )


@login_required
@require_safe
def scorecard_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_city(request.user, slug)
    scorecards = list(access.city.scorecards.all())
    return render(
        request,
        "scorecard/scorecard_list.html",
        {"access": access, "city": access.city, "scorecards": scorecards},
    )


@login_required
@require_POST
def scorecard_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_city(request.user, slug, write=True)
    scorecard = services.draft_for(access.city, request.user)
    return redirect("scorecard:detail", slug=slug, scorecard=scorecard.pk)


@login_required
@require_safe
def scorecard_detail(request: HttpRequest, slug: str, scorecard: int) -> HttpResponse:
    scorecard, access = get_scorecard(request.user, slug, scorecard)
    answers = list(scorecard.answers.select_related("question__essential"))
    totals = totals_of(scorecard)
    groups: dict[int, dict] = {}
    editable = access.can_edit and scorecard.is_draft
    for answer in answers:
        essential = answer.question.essential
        group = groups.setdefault(essential.number, {"essential": essential, "answers": []})
        answer.form = PageAnswerForm(instance_answer=answer) if editable else None
        group["answers"].append(answer)
    for t in totals.essentials:
        groups[t.number]["total"] = t
    events = list(scorecard.audit_entries.select_related("user")[:30])
    return render(
        request,
        "scorecard/scorecard_detail.html",
        {
            "access": access,
            "city": access.city,
            "scorecard": scorecard,
            "groups": list(groups.values()),
            "totals": totals,
            "radar": radar_for(totals),
            "editable": editable,
            "events": events,
            "reopen_form": ReopenForm(),
        },
    )


@login_required
@require_POST
def answer(request: HttpRequest, slug: str, scorecard: int, ref: str) -> HttpResponse:
    """Save one answer from the Scorecard page. A save based on an older revision than the
    stored one is refused (409) with the colleague's version beside what the user typed."""
    scorecard, access = get_scorecard(request.user, slug, scorecard, write=True)
    answer = get_object_or_404(
        scorecard.answers.select_related("question__essential"), question__ref=ref
    )  # reached through the Scorecard, never by id alone
    form = PageAnswerForm(request.POST, instance_answer=answer)
    url = reverse("scorecard:detail", args=[slug, scorecard.pk]) + f"#q-{answer.question.ref}"
    if not form.is_valid():
        if "revision" in form.errors:
            # A page from before revisions were sent: show the saved answer beside the typed
            # one, as for a conflict, so the user decides instead of overwriting blindly.
            return _answer_page(request, access, answer, _as_typed(request, answer), 400, answer)
        return _answer_page(request, access, answer, form, 400)
    try:
        services.save_answer(answer, request.user, **form.cleaned_data)
    except services.StaleAnswer as exc:
        saved = exc.current
        return _answer_page(request, access, saved, _as_typed(request, saved), 409, saved)
    except services.ScorecardLocked as exc:
        if request.htmx:
            return HttpResponse(str(exc), status=409)
        messages.error(request, str(exc))
        return redirect(url)
    if request.htmx:
        # Only this question's form is swapped (with the totals, out of band): whatever the
        # person typed in the other questions stays on the page.
        totals = totals_of(scorecard)
        number = answer.question.essential.number
        return render(
            request,
            "scorecard/_answer_saved.html",
            {
                "access": access,
                "city": access.city,
                "scorecard": scorecard,
                "answer": answer,
                "form": PageAnswerForm(instance_answer=answer),
                "saved": True,
                "totals": totals,
                "radar": radar_for(totals),
                "essential_total": next(e for e in totals.essentials if e.number == number),
            },
        )
    return redirect(url)


def _as_typed(request: HttpRequest, saved) -> PageAnswerForm:
    """The form as the user posted it, at the revision of `saved` so that a resubmit saves."""
    data = request.POST.copy()
    data["revision"] = str(saved.revision)
    form = PageAnswerForm(data, instance_answer=saved)
    form.is_valid()
    return form


def _answer_page(request, access, answer, form: PageAnswerForm, status: int, conflict=None):
    """One answer on its own page: the refused save's typed values, and with `conflict` the
    version saved meanwhile. Nothing is written. From the Scorecard page with htmx, the same
    form in place of the question's (status 200: htmx swaps only successful answers)."""
    if request.htmx:
        context = {"city": access.city, "scorecard": answer.scorecard, "answer": answer}
        context.update({"form": form, "conflict": conflict, "stale": status == 409})
        return render(request, "scorecard/_answer_form.html", context)
    return render(
        request,
        "scorecard/answer_not_saved.html",
        {
            "access": access,
            "city": access.city,
            "scorecard": answer.scorecard,
            "answer": answer,
            "form": form,
            "conflict": conflict,
            "stale": status == 409,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, slug: str, scorecard: int) -> HttpResponse:
    """Sign-off asks first, as the SMR assessment's does: the page shows the totals being
    signed and what becomes read-only; only its confirming POST submits."""
    scorecard, access = get_scorecard(request.user, slug, scorecard, write=True)
    if not scorecard.is_draft:
        messages.error(request, _("This Scorecard is already submitted."))
        return redirect("scorecard:detail", slug=slug, scorecard=scorecard.pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        done = _("The Scorecard is submitted and signed off.")
        take_step(request, lambda: services.submit(scorecard, request.user), done)
        return redirect("scorecard:detail", slug=slug, scorecard=scorecard.pk)
    totals = totals_of(scorecard)
    terms = [
        _("The Scorecard becomes read-only: no score, comment or source can change."),
        _("It can then be shared with campaign partners."),
    ]
    if totals.unanswered:
        terms.append(
            ngettext(
                "%(n)s question is not answered; it stays unanswered in this signed version.",
                "%(n)s questions are not answered; they stay unanswered in this signed version.",
                totals.unanswered,
            )
            % {"n": totals.unanswered}
        )
    context = {"access": access, "city": access.city, "scorecard": scorecard, "terms": terms}
    return render(
        request,
        "scorecard/submit_confirm.html",
        {**context, "totals": totals, "radar": radar_for(totals)},
    )


@login_required
@require_POST
def reopen(request: HttpRequest, slug: str, scorecard: int) -> HttpResponse:
    scorecard, access = get_scorecard(request.user, slug, scorecard, write=True)
    context = {"access": access, "city": access.city, "scorecard": scorecard}

    def form_page(form):
        return render(request, "scorecard/reopen.html", {**context, "form": form}, status=400)

    done = _("The Scorecard is a draft again.")
    refused = reopen_with_reason(request, services.LIFECYCLE, scorecard, form_page, done)
    return refused or redirect("scorecard:detail", slug=slug, scorecard=scorecard.pk)


@login_required
@require_safe
def export(request: HttpRequest, slug: str, scorecard: int) -> HttpResponse:
    """The official workbook with this Scorecard's answers in its cells."""
    scorecard, access = get_scorecard(request.user, slug, scorecard)
    info = services.info_sheet(scorecard) if access.sees_private else None
    data = write_workbook(BLANK_WORKBOOK.read_bytes(), services.answer_rows(scorecard), info)
    response = HttpResponse(data, content_type="application/vnd.ms-excel.sheet.macroEnabled.12")
    name = f"scorecard-{scorecard.city.slug}-{scorecard.reference_date:%Y-%m-%d}.xlsm"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _cleared(rows: list[AnswerRow], current: dict[str, AnswerRow]) -> list[dict]:
    """The answers a spreadsheet program cleared (FALSE in their cell), with the app's score
    that is kept unless the person chooses to clear it."""
    return [
        {"ref": r.ref, "kept": getattr(current.get(r.ref), "score", None)}
        for r in rows
        if r.cleared
    ]


def _preview(request, context: dict, job) -> HttpResponse:
    """What the workbook the job read would change, to confirm."""
    rows, info = tasks.found(job)
    replace = job.params["replace"]
    target = context["target"]
    current = tasks.current_answers(target)
    if target is not None:
        resolved = resolve_import(rows, current, replace=replace, clear=set())
        changes = services.import_changes(target, resolved, replace=True)
    else:
        changes = [
            services.Change(r.ref, f, "–" if f == "score" else "", str(getattr(r, f)))
            for r in rows
            for f in services.FIELDS
            if getattr(r, f) not in (None, "")
        ]
    payload = {
        "rows": [r.__dict__ for r in rows],
        "info": info.__dict__,
        "replace": replace,
        "name": job.params["name"],
    }
    context.update(
        {
            "changes": changes,
            "cleared": _cleared(rows, current),
            "info": info,
            "confirm": signing.dumps(payload, salt=SIGNING_SALT, compress=True),
        }
    )
    return render(request, "scorecard/import_preview.html", context)


@imports.preview_page(tasks.FLOW, "workbook_job", partial(get_city, write=True))
def import_preview(request: HttpRequest, access, job) -> HttpResponse:
    """The preview of a workbook a worker read (the job's page leads here once it is done)."""
    city = access.city
    context = {"access": access, "city": city, "target": city.scorecards.open_draft()}
    return _preview(request, context, job)


def _confirm(request: HttpRequest, city) -> HttpResponse:
    """Writes what the preview showed into the city's draft, as a job (jobs.imports.confirm)."""
    confirmation = request.POST["confirm"]
    try:
        found = signing.loads(confirmation, salt=SIGNING_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The upload expired; please upload the workbook again."))
        return redirect("scorecard:import", slug=city.slug)
    params = tasks.create_params(found, request.POST.getlist("clear"))
    return imports.confirm(
        tasks.FLOW,
        request,
        city,
        confirmation,
        params,
    )


@login_required
def import_workbook(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload a filled workbook: validated whole, its changes shown, applied on confirmation.
    An answer a spreadsheet program cleared keeps the app's answer unless the person ticks
    it in the preview."""
    access = get_city(request.user, slug, write=True)
    city = access.city
    target = city.scorecards.open_draft()
    context = {"access": access, "city": city, "target": target}
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, city)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            job = tasks.import_job(
                request, city, form.cleaned_data["workbook"], form.cleaned_data["replace"]
            )
            if job.state == JobState.DONE:  # read in this request: no job queue
                return _preview(request, context, job)
            if job.state != JobState.FAILED:  # a worker reads it; its page follows
                return redirect("jobs:job", job=job.pk)
            # Refused in this request: said beside the field, as any invalid form (400).
            form.add_error("workbook", job.error)
    else:
        form = ImportForm()
    context["form"] = form
    # A refused file (too large, not the workbook, a bad cell) is the client's error: 400.
    status = 400 if form.is_bound else 200
    return render(request, "scorecard/import.html", context, status=status)


@login_required
def sharing(request: HttpRequest, slug: str, scorecard: int) -> HttpResponse:
    """Editors share a submitted Scorecard with partners, or withdraw it.

    Reached through the city rule, as the assessment's sharing page: a partner who was shared
    this Scorecard is still no member of the city, so the page (and who else it is shared
    with) is a 404 for them; viewers get 403.
    """
    access = get_city(request.user, slug, write=True)
    scorecard = access.city.scorecards.filter(pk=scorecard).first()
    if scorecard is None:
        raise Http404(_("No such Scorecard assessment."))
    form = ShareForm(request.POST or None, private_label=PRIVATE_LABEL)
    status = 200
    if request.method == "POST":
        shared_messages = (
            _("Shared with %(p)s, with names."),
            _("Shared with %(p)s, without names."),
        )
        if apply_sharing(request, services.LIFECYCLE, scorecard, form, shared_messages):
            return redirect("scorecard:sharing", slug=slug, scorecard=scorecard.pk)
        status = 400
    return render(
        request,
        "scorecard/sharing.html",
        {
            "access": access,
            "city": access.city,
            "scorecard": scorecard,
            "form": form,
            "partners": partner_rows(scorecard),
        },
        status=status,
    )


class CityContextForm(forms.Form):
    city = forms.SlugField(required=False)


@require_safe
def question(request: HttpRequest, ref: str) -> HttpResponse:
    """One Scorecard question in full (public), with the SMR actions that count as evidence.

    Opened from a city (`?city=<slug>`, for its members), each action shows its status in the
    city's latest SMR assessment: a hint for the officer, never a score.
    """
    question = get_object_or_404(ScorecardQuestion.objects.select_related("essential"), ref=ref)
    links = list(
        question.links.select_related("action__stage", "action__subdimension").order_by(
            "action__code"
        )
    )
    essentials_2010 = [
        c.essential_2010
        for c in question.essential.corresponds_to_2010.select_related("essential_2010")
    ]
    city = None
    form = CityContextForm(request.GET)
    if form.is_valid() and form.cleaned_data["city"]:
        city = get_city(request.user, form.cleaned_data["city"]).city
        records = latest_smr_records(city, [x.action_id for x in links])
        for link in links:
            link.city_record = records.get(link.action_id)
    return render(
        request,
        "scorecard/question.html",
        {
            "question": question,
            "links": links,
            "city": city,
            "essentials_2010": essentials_2010,
        },
    )
