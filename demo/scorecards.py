"""Demo data: Glasgow has a partly answered Scorecard draft; Kristiansand (fully answered) and
Donostia (partly answered) share a submitted Scorecard with the demo partner, so its dashboard
shows Scorecard figures beside cities that share their SMR assessment only."""

import random
from datetime import date

from accounts.models import City, Partner, User
from policies.models import ScorecardQuestion
from scorecard import services

# ref → (score, means of verification, responsible institution, timescale)
GLASGOW = {
    "P1.1": (2, "Glasgow Resilience Strategy (2016) and its action plan", "Resilience team", ""),
    "P1.2": (2, "Resilience board minutes; multi-agency Local Resilience Partnership", "", ""),
    "P1.3": (1, "Resilience checked ad hoc in committee reports", "", "2027"),
    "P2.1": (3, "Community risk register, updated yearly", "Local Resilience Partnership", ""),
    "P2.4": (1, "", "", ""),
    "P3.2": (1, "Contingency budget line, not ring-fenced", "Finance", ""),
    "P5.2": (2, "Green infrastructure in the City Development Plan", "Planning", ""),
    "P6.6": (3, "Member of SMR, 100 Resilient Cities and MCR2030", "", ""),
    "P7.4": (2, "Social media, website and local radio", "Communications", ""),
    "P8.1": (1, "", "", ""),
    "P9.2": (3, "Major emergency plan, exercised 2025", "Civil contingencies", ""),
    "P9.7": (2, "Annual multi-agency exercise", "", ""),
    "P10.2": (0, "", "", "2028"),
}


# City → (share of questions answered, typical score): shared with the demo partner.
SHARED = {"kristiansand": (1.0, 1.8), "donostia": (0.7, 2.2)}


def load_scorecard_demo() -> None:
    """Give Glasgow a Scorecard draft with 13 of 47 questions answered, and the cities of
    SHARED a submitted Scorecard shared with the demo partner (idempotent)."""
    _glasgow_draft()
    partner = Partner.objects.filter(slug="iclei-europe").first()
    for slug, (answered, typical) in SHARED.items():
        _shared_scorecard(slug, partner, answered, typical)


def _shared_scorecard(slug: str, partner, answered: float, typical: float) -> None:
    city = City.objects.filter(slug=slug).first()
    editor = User.objects.filter(email=f"editor@{slug}.demo").first()
    refs = list(ScorecardQuestion.objects.values_list("ref", flat=True))
    if city is None or partner is None or not refs or city.scorecards.exists():
        return
    rng = random.Random(slug)
    year = date.today().year - 1
    scorecard = services.start_scorecard(
        city, user=editor, title=f"Scorecard {year}", reference_date=date(year, 10, 15)
    )
    chosen = set(rng.sample(refs, round(len(refs) * answered)))
    for answer in scorecard.answers.select_related("question"):
        if answer.question.ref in chosen:
            score = min(3, max(0, round(rng.gauss(typical, 0.9))))
            services.save_answer(answer, editor, score=score)
    scorecard = services.submit(scorecard, editor)
    services.share(scorecard, partner, editor)


def _glasgow_draft() -> None:
    city = City.objects.filter(slug="glasgow").first()
    editor = User.objects.filter(email="editor@glasgow.demo").first()
    if city is None or city.scorecards.exists():
        return
    draft = services.start_scorecard(city, user=editor, title="Scorecard workshop (draft)")
    answers = {a.question.ref: a for a in draft.answers.select_related("question")}
    for ref, (score, verification, institution, timescale) in GLASGOW.items():
        if ref in answers:
            services.save_answer(
                answers[ref], editor, score=score, verification=verification,
                institution=institution, timescale=timescale,
            )  # fmt: skip
