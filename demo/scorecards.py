"""Demo data: Glasgow has a partly answered Scorecard draft; Kristiansand (fully answered) and
Donostia (partly answered) share a submitted Scorecard with the demo partner, so its dashboard
shows Scorecard figures beside cities that share their SMR assessment only."""

import json
import random
from datetime import date
from pathlib import Path

from accounts.models import City, Partner, User
from policies.models import ScorecardQuestion
from scorecard import services

# Glasgow's answers: ref, score, means of verification, responsible institution, timescale.
GLASGOW = Path(__file__).parent / "data" / "glasgow-scorecard.json"


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
    for row in json.loads(GLASGOW.read_text(encoding="utf-8")):
        ref = row.pop("ref")
        if ref in answers:
            services.save_answer(answers[ref], editor, **row)
