"""Draw the blind-review sample of issue 29: 30 of the SMR 2.0 links to Scorecard questions
(fixtures/essential-links-2.0.json), with a named seed, as a Markdown table that shows each
action and question in full and none of the link's reasons.

Run: python scripts/review_sample_29.py > /work/notes/review29-sample.md
"""

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "issue-29-links-2.0"
SIZE = 30


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def main() -> None:
    links = json.loads((ROOT / "fixtures" / "essential-links-2.0.json").read_text())["crosswalk"]
    model = json.loads((ROOT / "fixtures" / "smr-maturity-model-2.0.json").read_text())
    catalogue = json.loads((ROOT / "fixtures" / "policy-catalogue.json").read_text())
    actions = {
        a["code"]: a["text"]
        for d in model["dimensions"]
        for s in d["subdimensions"]
        for a in s["actions"]
    }
    questions = {q["ref"]: q for q in catalogue["scorecard_questions"]}
    essentials = {
        e["number"]: e["title"] for e in catalogue["essentials"] if e["edition"] == "2017"
    }
    sample = random.Random(SEED).sample(links, SIZE)
    print("# Issue 29: blind review of the SMR 2.0 → Scorecard links (sample)\n")
    print(
        f"{SIZE} of the {len(links)} links in `fixtures/essential-links-2.0.json`, drawn by "
        f"`scripts/review_sample_29.py` with `random.Random({SEED!r}).sample(links, {SIZE})`.\n"
        "The test (the same as for the 2018 crosswalk): a link is sound only where the "
        "question's descriptors would credit the action. The author's reasons are left out.\n"
        "Reviewer: write sound / unsound (and why, if unsound) in the last column. "
        "Target: at least 27 of 30 sound.\n"
    )
    print("| # | 2.0 action | Scorecard question | Descriptors (score 3 → 0) | Verdict |")
    print("|---|---|---|---|---|")
    for n, link in enumerate(sample, start=1):
        action = f"**{link['action']}** {_cell(actions[link['action']])}"
        q = questions.get(link["question"])
        if q is None:  # a link to the Essential only: no question credits it
            question = (
                f"none: Essential {link['essential']} only, “{essentials[link['essential']]}”"
            )
            levels = "—"
        else:
            levels = "<br>".join(_cell(q[f"descriptor_{k}"]) for k in (3, 2, 1, 0))
            question = (
                f"**{q['ref']}** (Essential {q['essential']}) {_cell(q['topic'])}: "
                f"{_cell(q['text'])}"
            )
        print(f"| {n} | {action} | {question} | {levels} | |")


if __name__ == "__main__":
    main()
