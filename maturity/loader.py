"""Load a maturity model version from a JSON file.

The whole file is validated before anything is written; the write is one transaction.
Loading the same version twice changes nothing; a new version leaves older ones untouched.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from .models import (
    Action,
    Dimension,
    Indicator,
    ModelVersion,
    Stage,
    StakeholderGroup,
    Subdimension,
)

FORMAT = "resilience-maturity-model/1"


class ModelFileError(ValueError):
    """The file cannot be loaded; the message names the offending record."""


@dataclass
class LoadResult:
    version: ModelVersion
    created: bool
    actions: int


def _require(record: dict, key: str, where: str, kind: type = str) -> Any:
    if not isinstance(record, dict):
        raise ModelFileError(f"{where}: expected an object, got {type(record).__name__}")
    if key not in record:
        raise ModelFileError(f"{where}: missing field {key!r}")
    value = record[key]
    if kind is str and (not isinstance(value, str) or not value.strip()):
        raise ModelFileError(f"{where}: field {key!r} must be non-empty text")
    if kind is list and not isinstance(value, list):
        raise ModelFileError(f"{where}: field {key!r} must be a list")
    if kind is dict and not isinstance(value, dict):
        raise ModelFileError(f"{where}: field {key!r} must be an object")
    return value


def validate(doc: Any) -> None:
    """Raise ModelFileError naming the first bad record; return None when the file is sound."""
    if not isinstance(doc, dict):
        raise ModelFileError("file: the top level must be an object")
    if doc.get("format") != FORMAT:
        raise ModelFileError(f"file: field 'format' must be {FORMAT!r}")
    _validate_version(_require(doc, "version", "file", dict))
    letters = _validate_stages(_require(doc, "stages", "file", list))
    seen: dict[str, set[str]] = {"dimension": set(), "subdimension": set(), "action": set()}
    for i, dim in enumerate(_require(doc, "dimensions", "file", list)):
        _validate_dimension(dim, f"dimensions[{i}]", letters, seen)


def _validate_version(version: dict) -> None:
    for key in ("slug", "name"):
        _require(version, key, "version")
    if not re.fullmatch(r"[-a-z0-9_]+", version["slug"]):
        raise ModelFileError("version: 'slug' may hold only lower-case letters, digits, - and _")


def _validate_stages(stages: list) -> set[str]:
    """The stage letters, each one upper-case letter, none twice."""
    letters: set[str] = set()
    for i, stage in enumerate(stages):
        where = f"stages[{i}]"
        letter = _require(stage, "letter", where)
        _require(stage, "name", where)
        if len(letter) != 1 or not letter.isupper():
            raise ModelFileError(f"{where}: 'letter' must be one upper-case letter")
        if letter in letters:
            raise ModelFileError(f"{where}: duplicate stage letter {letter!r}")
        letters.add(letter)
        for j, name in enumerate(stage.get("stakeholders", [])):
            if not isinstance(name, str) or not name.strip():
                raise ModelFileError(f"{where}.stakeholders[{j}]: must be non-empty text")
    if not letters:
        raise ModelFileError("stages: at least one stage is required")
    return letters


def _unique(kind: str, code: str, where: str, seen: dict[str, set[str]]) -> None:
    if code in seen[kind]:
        raise ModelFileError(f"{where}: duplicate {kind} code {code!r}")
    seen[kind].add(code)


def _validate_dimension(dim: dict, where: str, letters: set[str], seen: dict) -> None:
    code = _require(dim, "code", where)
    _require(dim, "name", where)
    _unique("dimension", code, where, seen)
    for j, sub in enumerate(_require(dim, "subdimensions", where, list)):
        swhere = f"{where}.subdimensions[{j}]"
        scode = _require(sub, "code", swhere)
        _require(sub, "title", swhere)
        if not scode.startswith(code):
            raise ModelFileError(
                f"{swhere} ({scode}): code must start with its dimension's code {code!r}"
            )
        _unique("subdimension", scode, swhere, seen)
        for k, action in enumerate(_require(sub, "actions", swhere, list)):
            _validate_action(action, f"{swhere}.actions[{k}]", scode, letters, seen)
        for k, indicator in enumerate(sub.get("indicators", [])):
            _validate_indicator(indicator, f"{swhere}.indicators[{k}]")


def _validate_indicator(indicator: dict, where: str) -> None:
    text = _require(indicator, "text", where)
    if indicator.get("kind") not in ("leading", "result"):
        raise ModelFileError(f"{where}: 'kind' must be 'leading' or 'result'")
    cites = indicator.get("cites", [])
    if not isinstance(cites, list) or not all(isinstance(c, str) and c in text for c in cites):
        raise ModelFileError(f"{where}: 'cites' must list codes that its text names")


def _validate_action(action: dict, where: str, scode: str, letters: set[str], seen: dict):
    acode = _require(action, "code", where)
    _require(action, "text", where)
    where = f"{where} ({acode})"
    if not acode.startswith(scode):
        raise ModelFileError(f"{where}: code must start with its subdimension's code {scode!r}")
    match = re.fullmatch(re.escape(scode) + r"([A-Z])(\d+)", acode)
    if not match:
        raise ModelFileError(f"{where}: code must be {scode}<stage letter><number>")
    if match[1] not in letters:
        raise ModelFileError(f"{where}: unknown stage letter {match[1]!r}")
    _unique("action", acode, where, seen)


def read_model_file(path: Path) -> dict:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelFileError(f"file: {path} does not exist") from exc
    except json.JSONDecodeError as exc:
        raise ModelFileError(f"file: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    validate(doc)
    return doc


# Loaded texts are the English reference, whatever language the caller has active.
@translation.override("en")
@transaction.atomic
def load_model(doc: dict) -> LoadResult:
    """Write a validated model document; an existing version with the same slug is kept."""
    validate(doc)
    meta = doc["version"]
    existing = ModelVersion.objects.filter(slug=meta["slug"]).first()
    if existing:
        count = Action.objects.for_version(existing).count()
        return LoadResult(version=existing, created=False, actions=count)

    version = ModelVersion.objects.create(
        slug=meta["slug"],
        name=meta["name"],
        source=meta.get("source", ""),
        changes=meta.get("changes", ""),
    )
    stages: dict[str, Stage] = {}
    for order, spec in enumerate(doc["stages"], start=1):
        stage = Stage.objects.create(
            version=version,
            letter=spec["letter"],
            name=spec["name"],
            title=spec.get("title", ""),
            order=order,
        )
        stages[stage.letter] = stage
        StakeholderGroup.objects.bulk_create(
            StakeholderGroup(stage=stage, name=name, slug=slugify(name), order=n)
            for n, name in enumerate(spec.get("stakeholders", []), start=1)
        )
    actions: list[Action] = []
    subs: list[tuple[Subdimension, list[dict]]] = []
    for d_order, dim_spec in enumerate(doc["dimensions"], start=1):
        dimension = Dimension.objects.create(
            version=version, code=dim_spec["code"], name=dim_spec["name"], order=d_order
        )
        for s_order, sub_spec in enumerate(dim_spec["subdimensions"], start=1):
            sub = Subdimension.objects.create(
                dimension=dimension,
                code=sub_spec["code"],
                title=sub_spec["title"],
                order=s_order,
            )
            subs.append((sub, sub_spec.get("indicators", [])))
            for a_order, spec in enumerate(sub_spec["actions"], start=1):
                letter = spec["code"][len(sub.code)]
                actions.append(
                    Action(
                        subdimension=sub,
                        stage=stages[letter],
                        code=spec["code"],
                        text=spec["text"],
                        order=a_order,
                    )
                )
    Action.objects.bulk_create(actions)
    Indicator.objects.bulk_create(_indicators(subs, {a.code for a in actions}))
    return LoadResult(version=version, created=True, actions=len(actions))


def _indicators(subs: list[tuple[Subdimension, list[dict]]], codes: set[str]) -> list[Indicator]:
    """Each subdimension's indicators, numbered per kind; a cited code the version has no
    action for is kept and marked unresolved."""
    rows = []
    for sub, specs in subs:
        numbers = {"leading": 0, "result": 0}
        for spec in specs:
            numbers[spec["kind"]] += 1
            cites = spec.get("cites", [])
            rows.append(
                Indicator(
                    subdimension=sub,
                    code=f"{sub.code}-{spec['kind']}-{numbers[spec['kind']]}",
                    kind=spec["kind"],
                    text=spec["text"],
                    cites=cites,
                    unresolved=[c for c in cites if c not in codes],
                    order=numbers[spec["kind"]],
                )
            )
    return rows
