"""Write fixtures/essential-links-2.0.json: the SMR 2.0 model's links to the Ten Essentials
and Scorecard questions (issue 29), in the catalogue format `load_catalogue` reads.

Held to the 2018 crosswalk's test: a link only where the question's descriptors would credit
the action. Two sources, each row saying which:
- reused: a 2018 link whose action the version crosswalk (fixtures/smr-crosswalk-2018-2.0.json)
  calls "same" (the text is unchanged), carried to the 2.0 code with its 2018 note;
- own: a link judged afresh for a 2.0 action whose text changed or is new (OWN below).

Run: python scripts/essential_links_2_0.py   (prints how many were reused)
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "fixtures" / "policy-catalogue.json"
VERSIONS = ROOT / "fixtures" / "smr-crosswalk-2018-2.0.json"
OUTPUT = ROOT / "fixtures" / "essential-links-2.0.json"
NOTE_LIMIT = 300  # EssentialLink.note

# (2.0 action, Scorecard question, why the question's descriptors credit it)
OWN = [
    ("L1M1", "P1.2", "A single point of coordination with a cross-departmental board is the multi-agency mechanism with authority the question asks for"),
    ("L1A1", "P1.2", "A structure with strong leadership and clear coordination across levels of governance is what 'lead agency teams … with proper authority' credits"),
    ("L3M2", "P10.2", "Capturing lessons from past events and feeding them into the design and delivery of rebuilding projects is the question's own wording"),
    ("L3R2", "P6.6", "Active networks with peer cities to exchange lessons is 'exchange knowledge and learn from other cities … active in a range of networks'"),
    ("L4S2", "P9.2", "A disaster management, response and recovery plan is the plan the question asks about"),
    ("L4S2", "P10.1", "The recovery part of the plan is the pre-event recovery strategy the question credits"),
    ("L4M2", "P1.1", "A resilience action plan for shocks and stresses is the city-wide or stand-alone DRR plan the question scores"),
    ("L4M3", "P7.4", "Inclusive, participatory consultation on resilience planning is the citizen engagement on DRR the question rates"),
    ("L4A1", "P1.3", "Integrating the resilience strategy with planning, sustainability, emergency and infrastructure management is the question's 'integrated with other key city functions'"),
    ("P1S1", "P2.1", "Identifying and assessing the full range of risks is knowing the key hazards and their likelihood"),
    ("P1S3", "P10.2", "A post-risk (post-event) assessment is the post-event assessment process the question asks for"),
    ("P1S4", "P7.2", "Identifying vulnerable citizens is the 'mapping of socially vulnerable population' its score-1 descriptor credits"),
    ("P1M1", "P2.4", "Analysing interdependencies when assessing risk is the understanding of cascading failures between systems"),
    ("P1A1", "P2.3", "Scenarios of shocks are the agreed disaster scenarios the question asks for"),
    ("P1A1", "P2.4", "Their cascading effects are the cascading failures the question asks about"),
    ("P1A2", "P9.1", "A communication system that alerts about potential risks is the early warning system whose reach the question scores"),
    ("P1R1", "P2.1", "Regular long-term risk assessment keeps hazard data 'updated at agreed intervals'"),
    ("P2M6", "P6.2", "Awareness campaigns for the most vulnerable are part of the co-ordinated public education campaigns the question scores"),
    ("P2A1", "P6.4", "Training for citizens and public and private companies is training 'offered to all sectors of the city'"),
    ("P2A1", "P9.7", "Emergency drills involving citizens and companies are drills involving 'both the public and professionals'"),
    ("P2A2", "P9.7", "Coordinated emergency drills are the drills the question scores"),
    ("P2A6", "P6.2", "Education programmes and campaigns for the general public are the question's public education campaigns"),
    ("P2R2", "P9.7", "Frequent joint training exercises are the suite of drills the question scores"),
    ("P2T1", "P9.7", "Training plans and emergency drills with other cities are drills the question credits"),
    ("I1S4", "P8.1", "A critical infrastructure plan or strategy to protect infrastructures, utilities and services is the question's own wording"),
    ("I1S5", "P8.1", "Agreements with critical providers are the 'in collaboration with other stakeholders' the score-3 descriptor asks for"),
    ("I1M1", "P2.2", "Identifying interdependencies of critical services is the shared understanding of 'points of stress and interdependencies'"),
    ("I1M1", "P2.4", "Avoiding cascading effects needs the understanding of cascading failures the question asks about"),
    ("I1M5", "P8.2", "Best practice and updated risk information for asset design and management is the score-3 descriptor's wording"),
    ("I1A2", "P7.3", "Business continuity planning across sectors is what the question counts (businesses with a continuity plan)"),
    ("I1A3", "P4.3", "Codes and standards fitted to local risk profiles are codes that 'address specific known hazards and risks for the city'"),
    ("I2S3", "P9.4", "Assessing the available physical response resources is defining the availability of equipment and supplies"),
    ("I2M2", "P3.4", "Finance mechanisms for businesses to prepare are incentives for business to support resilience building"),
    ("I2A2", "P3.4", "Incentives for initiatives that build resilience are the incentives the question asks about"),
    ("I2A4", "P3.3", "Encouraging the uptake of insurance across sectors is what the question measures"),
    ("C1S2", "P3.2", "A disaster relief fund is the contingency fund arrangement the question asks about"),
    ("C1M4", "P7.2", "Identifying vulnerable groups is the mapping of vulnerable population the score-1 descriptor credits"),
    ("C1M5", "P7.1", "Community organisations in pre-event planning and post-event response per neighbourhood is the question's own wording"),
    ("C1R2", "P6.3", "A public platform for city stakeholders is the portal that brings city data together the score-3 descriptor names"),
    ("C2A1", "P6.6", "Joining a major network of cities is being 'active in a range of networks' to learn from others"),
    ("C2R1", "P6.6", "Taking part in city networks to exchange experiences and learn is the question's own wording"),
    ("U1S4", "P4.3", "Building regulations updated regularly with new risk data are codes that 'are regularly updated'"),
    ("U1M4", "P4.2", "Guidelines for sustainable urban planning are the guidance for practitioners the score-3 descriptor asks for"),
    ("U1M5", "P4.2", "Risk-reduction approaches in the design of new buildings and neighbourhoods is resilience promoted through new urban development"),
    ("U1A2", "P5.2", "Nature-based solutions in city policy are green and blue infrastructure promoted through policy"),
    ("U2S1", "P5.1", "Identifying ecosystems and their services is the awareness of natural capital's functions the question asks about"),
    ("U2M2", "P5.1", "Information on ecosystems' role in disaster resilience builds the understanding of ecosystem functions the question scores"),
    ("U2A1", "P5.1", "An ecosystem services assessment is understanding and valuing the functions of natural assets"),
    ("U2A3", "P5.3", "Transboundary agreements for ecosystems are the agreements with neighbouring administrations the question asks about"),
]  # fmt: skip


def _note(text: str) -> str:
    return text if len(text) <= NOTE_LIMIT else text[: NOTE_LIMIT - 1] + "…"


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
                    "note": _note(f"Reused from 2018 {link['action']} (same text): {link['note']}"),
                    "source": "reused",
                }
            )
    reused = len(rows)
    for action, question, why in OWN:
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
