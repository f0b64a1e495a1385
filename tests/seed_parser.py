"""Reads the maturity model straight out of the SMR seed page text.

Used by the tests to prove that fixtures/smr-rmm-2018.json holds the seed verbatim.
"""

import re
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_d60eaab1e28086e3.txt"
DIMENSIONS = [
    "Leadership & Governance",
    "Preparedness",
    "Infrastructure & Resources",
    "Cooperation",
]
SUBDIMENSION_LINE = re.compile(r"^(?P<title>.*?) \( (?P<code>[LPIC]\d) \) (?P<rest>.*)$")
ACTION_CODE = re.compile(r"\( ([LPIC]\d[SMART]\d+) \)")


def parse_seed(text: str) -> dict[str, dict]:
    """Return {dimension name: {subdimension code: (title, [(action code, text), ...])}}."""
    model: dict[str, dict] = {}
    dimension = None
    for line in text.splitlines():
        match = SUBDIMENSION_LINE.match(line.strip())
        if not match:
            continue
        title = match["title"]
        for name in DIMENSIONS:
            if title.startswith(name + " "):
                dimension, title = name, title[len(name) + 1 :]
                model[dimension] = {}
        parts = ACTION_CODE.split(match["rest"])
        actions = [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts), 2)]
        model[dimension][match["code"]] = (title, actions)
    return model
