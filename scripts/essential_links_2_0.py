"""Write fixtures/essential-links-2.0.json: the SMR 2.0 model's links to the Ten Essentials
and Scorecard questions (issue 29), in the catalogue format `load_catalogue` reads.

Held to the 2018 crosswalk's test: a link only where the question's descriptors would credit
the action. Two sources, each row saying which:
- reused ("source": "reused", "reused_from": the 2018 code): a 2018 link whose action the
  version crosswalk (fixtures/smr-crosswalk-2018-2.0.json) calls "same" (the text is
  unchanged), carried to the 2.0 code with its 2018 note;
- own: a link judged afresh for a 2.0 action whose text changed or is new
  (fixtures/essential-links-2.0-own.tsv).

Run: python scripts/essential_links_2_0.py   (prints how many were reused)
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "fixtures" / "policy-catalogue.json"
VERSIONS = ROOT / "fixtures" / "smr-crosswalk-2018-2.0.json"
OUTPUT = ROOT / "fixtures" / "essential-links-2.0.json"

# The links judged afresh, one per line: 2.0 action, Scorecard question, why its descriptors
# credit the action (tab-separated, a header line first).
OWN = ROOT / "fixtures" / "essential-links-2.0-own.tsv"


def build() -> tuple[list[dict], int]:
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    versions = json.loads(VERSIONS.read_text(encoding="utf-8"))
    same = {row["from"]: row["to"][0] for row in versions["actions"] if row["kind"] == "same"}
    rows = []
    for link in catalogue["crosswalk"]:
        if link["action"] in same:
            rows.append(
                {
                    "action": same[link["action"]],
                    "essential": link["essential"],
                    "question": link["question"],
                    # The 2018 note as it was; its translations are keyed by the model
                    # version too (issue 28), so the 2.0 key carries the same translation.
                    "note": link["note"],
                    "reused_from": link["action"],
                    "source": "reused",
                }
            )
    reused = len(rows)
    own = OWN.read_text(encoding="utf-8").splitlines()[1:]
    for action, question, why in (line.split("\t") for line in own if line.strip()):
        essential = int(question[1:].split(".")[0])
        rows.append(
            {"action": action, "essential": essential, "question": question, "note": why,
             "source": "own"}
        )  # fmt: skip
    rows.sort(key=lambda r: (r["action"], r["question"]))
    return rows, reused


def main() -> None:
    rows, reused = build()
    doc = {
        "format": "resilience-policy-catalogue/1",
        "model_version": "smr-maturity-model-2-0",
        "note": (
            f"{len(rows)} links of SMR 2.0 actions to Scorecard questions: {reused} reused from "
            "the 2018 crosswalk where the version crosswalk finds the action's text unchanged, "
            f"{len(rows) - reused} judged afresh (a link only where the question's descriptors "
            "would credit the action)."
        ),
        "crosswalk_replaces": True,
        "crosswalk": rows,
    }
    OUTPUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"Wrote {OUTPUT}: {len(rows)} links, {reused} reused from 2018, {len(rows) - reused} own."
    )


if __name__ == "__main__":
    main()
