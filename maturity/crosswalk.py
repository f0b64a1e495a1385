"""How the actions of one model version became those of the next: a committed data file
(fixtures/smr-crosswalk-2018-2.0.json), the project's own reading of the two texts.

Each action of the older version names the action(s) of the newer one it became, with a kind
(same, reworded, merged, split, gone) and a one-line reason. Carrying an assessment forward
across versions and the public side-by-side page both read it from here.

Its note and reasons are content, translated like the model's texts (stable keys, English
source beside each translation, a stale one left out): `localisation.content` lists them for
translators and `load_translations` counts them; being a file, not rows, they are read from
the translation files (`<lang>.version-crosswalk.json`) where shown, by `translated`.
"""

import json
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from django.conf import settings

from .models import ModelVersion

FORMAT = "resilience-version-crosswalk/1"
FILES = (Path(settings.BASE_DIR) / "fixtures" / "smr-crosswalk-2018-2.0.json",)
TRANSLATIONS = Path(settings.BASE_DIR) / "fixtures" / "translations"
KINDS = ("same", "reworded", "merged", "split", "gone")


@dataclass(frozen=True)
class Correspondence:
    source: str  # the older version's action code
    targets: tuple[str, ...]  # the newer version's codes; none when gone
    kind: str
    reason: str

    @property
    def moved(self) -> bool:
        """The action lives on under another code (renumbered or in another subdimension)."""
        return bool(self.targets) and self.targets != (self.source,)


@dataclass(frozen=True)
class VersionCrosswalk:
    source: str  # version slugs
    target: str
    note: str
    rows: tuple[Correspondence, ...]

    def sources_of(self) -> dict[str, list[str]]:
        """Newer code → the older codes it came from (in the older version's order)."""
        found: dict[str, list[str]] = {}
        for row in self.rows:
            for code in row.targets:
                found.setdefault(code, []).append(row.source)
        return found

    def by_source(self) -> dict[str, Correspondence]:
        return {row.source: row for row in self.rows}


def _read(path: Path) -> VersionCrosswalk:
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc.get("format") != FORMAT:
        raise ValueError(f"{path}: field 'format' must be {FORMAT!r}")
    rows = []
    for i, item in enumerate(doc["actions"]):
        if item["kind"] not in KINDS:
            raise ValueError(f"{path}: actions[{i}] ({item['from']}): unknown kind")
        if (item["kind"] == "gone") != (not item["to"]):
            raise ValueError(
                f"{path}: actions[{i}] ({item['from']}): only a gone action has no 2.0 code"
            )
        rows.append(Correspondence(item["from"], tuple(item["to"]), item["kind"], item["reason"]))
    return VersionCrosswalk(doc["from"], doc["to"], doc["note"], tuple(rows))


@cache
def crosswalks() -> dict[tuple[str, str], VersionCrosswalk]:
    """(older slug, newer slug) → the crosswalk; read once per process (committed data)."""
    found = {}
    for path in FILES:
        walk = _read(path)
        found[(walk.source, walk.target)] = walk
    return found


def between(older: ModelVersion, newer: ModelVersion) -> VersionCrosswalk | None:
    return crosswalks().get((older.slug, newer.slug))


def note_key(walk: VersionCrosswalk) -> str:
    return f"version-crosswalk:{walk.source}:{walk.target}:note"


def reason_key(walk: VersionCrosswalk, row: Correspondence) -> str:
    return f"version-crosswalk:{walk.source}:{walk.target}:{row.source}:reason"


@cache
def _translations(language: str) -> dict:
    path = TRANSLATIONS / f"{language}.version-crosswalk.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def translated(walk: VersionCrosswalk, language: str | None) -> VersionCrosswalk:
    """The crosswalk with its note and reasons in `language` where the project's translation
    is current (its English source is the text now); English elsewhere."""
    texts = _translations(language) if language else {}

    def pick(key: str, english: str) -> str:
        item = texts.get(key) or {}
        return item.get("text") if item.get("text") and item.get("source") == english else english

    rows = tuple(replace(r, reason=pick(reason_key(walk, r), r.reason)) for r in walk.rows)
    return replace(walk, note=pick(note_key(walk), walk.note), rows=rows)
