"""Demo data: Glasgow has a partly answered Scorecard draft."""

from accounts.models import City, User

from . import services

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


def load_scorecard_demo() -> None:
    """Give Glasgow a Scorecard draft with 13 of 47 questions answered (idempotent)."""
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
