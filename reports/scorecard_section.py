"""The UN Scorecard part of a city's SMR report and assessment spreadsheet.

Which Scorecard: the city's latest submitted one, else its latest draft (printed as a draft).
Who sees it: the reader reaches that very Scorecard through the one access rule,
`accounts.access.shared_object_access`, as the Scorecard's own pages do (`scorecard.access`):
city members and site admins see it; a partner only if the city shared it with their
organisation. A partner who may not see it is told that no Scorecard was shared, which does not
reveal whether the city has one.

Four queries whatever the answers: the Scorecard, the reader's membership (and share, for a
partner), the answers with their questions. Totals come from the one scoring rule
(`scorecard.scoring.totals`) over the answers already fetched.
"""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import shared_object_access
from scorecard.models import MAX_SCORE, ScorecardStatus
from scorecard.scoring import Totals, totals
from scorecard.views import radar_for


def columns() -> list[str]:
    """The Scorecard sheet's headers, in the reader's language."""
    return [
        _("Level"), _("Ref"), _("Name"), _("Score"), _("Maximum"), _("Not answered"),
        _("Question"), _("Means of verification"), _("Actions to achieve maximum resilience"),
        _("Responsible institution"), _("Timescale"),
    ]  # fmt: skip


@dataclass
class ScorecardPart:
    """What the reader sees of the city's Scorecard. `scorecard` is None when there is none to
    show: `withheld` then says the reader may not see the city's Scorecards (a partner without
    a share), else the city has recorded none."""

    scorecard: object = None
    withheld: bool = False
    totals: Totals | None = None
    groups: list = field(default_factory=list)  # (EssentialTotal, [ScorecardAnswer])
    radar: str = ""
    summary_radar: str = ""  # the same radar for the executive summary, its ids its own


def report_scorecard(city):
    """The city's Scorecard a report presents: the latest submitted, else the latest draft."""
    submitted_first = Case(
        When(status=ScorecardStatus.SUBMITTED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return city.scorecards.order_by(
        submitted_first, "-reference_date", "-created_at", "-pk"
    ).first()


def _may_see(user, scorecard, partner: bool) -> bool:
    if user is None:  # the render_report command, run by the site's operators
        return not partner
    try:
        shared_object_access(user, scorecard, write=False, not_found="")
    except Http404:
        return False
    return True


def scorecard_part(city, user, *, partner: bool = False) -> ScorecardPart:
    """The Scorecard part for `user` (None: the operators' command, who see everything).
    `partner`: the reader reached the report through a share, so a city without any
    Scorecard is not told apart from one that did not share it."""
    scorecard = report_scorecard(city)
    if scorecard is None:
        return ScorecardPart(withheld=partner)
    if not _may_see(user, scorecard, partner):
        return ScorecardPart(withheld=True)
    answers = list(scorecard.answers.select_related("question__essential"))
    result = totals([(a.question.essential.number, a.question.essential.title, a.score)
                     for a in answers])  # fmt: skip
    by_number: dict[int, list] = {}
    for a in answers:
        by_number.setdefault(a.question.essential.number, []).append(a)
    return ScorecardPart(
        scorecard=scorecard,
        totals=result,
        groups=[(e, by_number[e.number]) for e in result.essentials],
        radar=radar_for(result),
        summary_radar=radar_for(result, chart_id="summary-scorecard-radar"),
    )


def describe(scorecard) -> str:
    """“Scorecard 2026”, submitted on 2026-05-04 (reference date 2026-04-30)."""
    if scorecard.is_draft:
        status = _("DRAFT, not signed off")
    else:
        status = _("submitted on %(date)s") % {"date": f"{scorecard.submitted_at:%Y-%m-%d}"}
    return _("“%(title)s”, %(status)s (reference date %(date)s)") % {
        "title": scorecard.title,
        "status": status,
        "date": f"{scorecard.reference_date:%Y-%m-%d}",
    }


def rows(part: ScorecardPart) -> list[list]:
    """The spreadsheet's Scorecard sheet: the overall total, then each Essential's total
    followed by its questions. A question not answered has an empty score, never 0."""
    if part.scorecard is None:
        if part.withheld:
            message = _("No UN Scorecard assessment has been shared with your organisation.")
        else:
            message = _("No UN Scorecard assessment has been recorded for this city.")
        return [[_("Overall"), "", message]]
    t = part.totals
    out = [[_("Overall"), "", describe(part.scorecard), t.score, t.maximum, t.unanswered]]
    for essential, answers in part.groups:
        out.append([
            _("Essential"), f"E{essential.number}", essential.title, essential.score,
            essential.maximum, essential.unanswered,
        ])  # fmt: skip
        for a in answers:
            q = a.question
            out.append([
                _("Question"), q.ref, q.topic, a.score, MAX_SCORE, "",
                q.text, a.verification, a.actions, a.institution, a.timescale,
            ])  # fmt: skip
    return out
