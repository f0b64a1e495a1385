"""Import and export of the policy catalogue and the Ten Essentials crosswalk (JSON).

The crosswalk links an action to a 2017 Essential (and a Scorecard question) only where the
question's descriptors would credit a city with evidence of that action alone, and its note
claims only the descriptor the action reaches. One rule for twins and outward actions (issue
25, finding 19): an action that repeats another at a wider scope (regional, national,
international) is linked as its narrower twin is, since an Essential credits the capacity
whatever its reach (L2A1 and L2R1, I1M1 and I1R1); an action that only gives to other cities
(sharing the city's expertise, leading their knowledge transfer, training them, writing
standards: L3T2, L4T1, P2T2) has no link, since the Scorecard scores the city's own resilience.

The file also holds the project's own 2010↔2017 Essentials correspondence (LG-SAT used the
2010 edition, the Scorecard the 2017 one). It relates Essential to Essential and is shown as
such; no action is labelled with a 2010 Essential through it (issue 25, finding 18).

Import validates every row first and writes in one transaction, so a malformed file
writes nothing. Rows are matched by their natural keys (policy slug, question id, action
code), so importing the same file twice changes nothing, and export → import round-trips.
"""

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation

from maturity.models import Action, ModelVersion

from .models import (
    CURRENT_EDITION,
    Essential,
    EssentialCorrespondence,
    EssentialLink,
    Policy,
    PolicyKind,
    PolicyLink,
    ScorecardQuestion,
)
from .versions import catalogue_changed

FORMAT = "resilience-policy-catalogue/1"
# The 2010↔2017 Essentials correspondence is the project's own (UNDRR publishes no official
# mapping); the file says so beside the rows, and every page that shows it says so too.
CORRESPONDENCE_SOURCE = (
    "The project's own correspondence between the 2017 Ten Essentials (the Scorecard's) and "
    "the 2010 Ten Essentials (LG-SAT's), derived from the two editions' titles; not an "
    "official UNDRR mapping."
)
# A question's texts from the official workbook; optional, so older files still load.
QUESTION_TEXTS = (
    "text", "comment", "descriptor_3", "descriptor_2", "descriptor_1", "descriptor_0",
)  # fmt: skip


class CatalogueError(ValueError):
    """The file cannot be imported; the message names the row."""


def _text(row: Any, key: str, where: str, *, required: bool = True, limit: int = 300) -> str:
    if not isinstance(row, dict):
        raise CatalogueError(f"{where}: expected an object")
    value = row.get(key, "")
    if not isinstance(value, str):
        raise CatalogueError(f"{where}: field {key!r} must be text")
    if required and not value.strip():
        raise CatalogueError(f"{where}: missing field {key!r}")
    if len(value) > limit:
        raise CatalogueError(f"{where}: field {key!r} is longer than {limit} characters")
    return value


def _list(doc: dict, key: str) -> list:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise CatalogueError(f"file: {key!r} must be a list")
    return value


def validate(doc: Any) -> ModelVersion:
    """Check the whole document against the database; return the model version it links to."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise CatalogueError(f"file: field 'format' must be {FORMAT!r}")
    version = ModelVersion.objects.filter(slug=doc.get("model_version")).first()
    if version is None:
        raise CatalogueError(
            f"file: model version {doc.get('model_version')!r} is not loaded; load it first"
        )
    codes = set(Action.objects.for_version(version).values_list("code", flat=True))
    essentials = _validate_essentials(_list(doc, "essentials")) | _existing_essentials()
    refs = _validate_questions(_list(doc, "scorecard_questions"), essentials)
    refs |= set(ScorecardQuestion.objects.values_list("ref", flat=True))
    _validate_policies(_list(doc, "policies"), codes)
    _validate_crosswalk(_list(doc, "crosswalk"), codes, essentials, refs)
    _validate_correspondence(_list(doc, "essential_correspondence"), essentials)
    if not isinstance(doc.get("crosswalk_replaces", False), bool):
        raise CatalogueError("file: 'crosswalk_replaces' must be true or false")
    return version


def _validate_essentials(rows: list) -> set[tuple[str, int]]:
    essentials = set()
    for i, row in enumerate(rows):
        where = f"essentials[{i}]"
        edition = _text(row, "edition", where, limit=4)
        number = row.get("number")
        if not isinstance(number, int) or not 1 <= number <= 10:
            raise CatalogueError(f"{where}: 'number' must be a whole number from 1 to 10")
        _text(row, "title", where)
        essentials.add((edition, number))
    return essentials


def _validate_questions(rows: list, essentials: set) -> set[str]:
    refs: set[str] = set()
    for i, row in enumerate(rows):
        where = f"scorecard_questions[{i}]"
        ref = _text(row, "ref", where, limit=10)
        _text(row, "topic", where)
        for key in QUESTION_TEXTS:
            _text(row, key, where, required=False, limit=20000)
        if (CURRENT_EDITION, row.get("essential")) not in essentials:
            raise CatalogueError(f"{where} ({ref}): Essential {row.get('essential')!r} unknown")
        if ref in refs:
            raise CatalogueError(f"{where}: duplicate question id {ref!r}")
        refs.add(ref)
    return refs


def _validate_policies(rows: list, codes: set[str]) -> None:
    slugs = set()
    for i, row in enumerate(rows):
        where = f"policies[{i}]"
        slug = _text(row, "slug", where, limit=120)
        where = f"{where} ({slug})"
        _text(row, "title", where)
        if row.get("kind") not in PolicyKind.values:
            raise CatalogueError(
                f"{where}: kind {row.get('kind')!r} is not one of {', '.join(PolicyKind.values)}"
            )
        _text(row, "url", where, required=False, limit=500)
        _text(row, "summary", where, required=False, limit=20000)
        if slug in slugs:
            raise CatalogueError(f"{where}: duplicate slug")
        slugs.add(slug)
        for j, link in enumerate(row.get("links", [])):
            lwhere = f"{where}.links[{j}]"
            code = _text(link, "action", lwhere, limit=10)
            if code not in codes:
                raise CatalogueError(f"{lwhere}: unknown action code {code!r}")
            _text(link, "note", lwhere, required=False)


def _validate_crosswalk(rows: list, codes: set[str], essentials: set, refs: set[str]) -> None:
    for i, row in enumerate(rows):
        where = f"crosswalk[{i}]"
        code = _text(row, "action", where, limit=10)
        if code not in codes:
            raise CatalogueError(f"{where}: unknown action code {code!r}")
        if (CURRENT_EDITION, row.get("essential")) not in essentials:
            raise CatalogueError(f"{where} ({code}): Essential {row.get('essential')!r} unknown")
        question = row.get("question") or ""
        if question and question not in refs:
            raise CatalogueError(f"{where} ({code}): unknown Scorecard question {question!r}")
        _text(row, "note", where, required=False)


def _validate_correspondence(rows: list, essentials: set) -> None:
    pairs = set()
    for i, row in enumerate(rows):
        where = f"essential_correspondence[{i}]"
        if not isinstance(row, dict):
            raise CatalogueError(f"{where}: expected an object")
        pair = (row.get("essential_2017"), row.get("essential_2010"))
        if any(isinstance(n, bool) for n in pair):
            raise CatalogueError(f"{where}: Essentials are numbered 1 to 10, not true/false")
        for edition, number in zip(("2017", "2010"), pair, strict=True):
            if (edition, number) not in essentials:
                raise CatalogueError(
                    f"{where}: {edition} Essential {number!r} unknown (field 'essential_{edition}')"
                )
        if pair in pairs:
            raise CatalogueError(f"{where}: duplicate pair 2017 E{pair[0]} ↔ 2010 E{pair[1]}")
        pairs.add(pair)
        _text(row, "note", where, required=False)


def _existing_essentials() -> set:
    return set(Essential.objects.values_list("edition", "number"))


def read_catalogue(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogueError(f"file: {path} does not exist") from exc
    except json.JSONDecodeError as exc:
        raise CatalogueError(f"file: not valid JSON (line {exc.lineno}: {exc.msg})") from exc


# Loaded texts are the English reference, whatever language the caller has active.
@translation.override("en")
@transaction.atomic
def import_catalogue(doc: dict) -> dict[str, int]:
    """Validate, then upsert every row; returns how many rows of each kind the file held."""
    version = validate(doc)
    actions = {a.code: a for a in Action.objects.for_version(version)}
    essentials = _import_essentials(doc.get("essentials", []))
    questions = _import_questions(doc.get("scorecard_questions", []), essentials)
    _import_policies(doc.get("policies", []), actions)
    if doc.get("crosswalk_replaces") is True:
        _drop_links_not_in(doc.get("crosswalk", []), version)
    _import_crosswalk(doc.get("crosswalk", []), version, actions, essentials, questions)
    if "essential_correspondence" in doc:
        _import_correspondence(doc["essential_correspondence"], essentials)
    catalogue_changed()
    return {key: len(doc.get(key, [])) for key in
            ("essentials", "scorecard_questions", "policies", "crosswalk",
             "essential_correspondence")}  # fmt: skip


# Each kind of row is upserted one by one where the table already holds rows (a catalogue
# loaded again, edited by an admin), and inserted in one statement where it holds none, as on
# every new installation and in every test that loads the catalogue: the same rows either way
# (the last of two rows with one key wins, as the upsert's second pass would), in a few
# queries instead of about 1,200.


def _import_essentials(rows: list) -> dict:
    if Essential.objects.exists():
        for row in rows:
            Essential.objects.update_or_create(
                edition=row["edition"], number=row["number"], defaults={"title": row["title"]}
            )
    else:
        new = {(r["edition"], r["number"]): r["title"] for r in rows}
        Essential.objects.bulk_create(
            Essential(edition=e, number=n, title=title) for (e, n), title in new.items()
        )
    return {(e.edition, e.number): e for e in Essential.objects.all()}


def _import_questions(rows: list, essentials: dict) -> dict:
    def fields(order: int, row: dict) -> dict:
        return {
            "essential": essentials[(CURRENT_EDITION, row["essential"])],
            "topic": row["topic"],
            "order": order,
        } | {key: row[key] for key in QUESTION_TEXTS if key in row}

    numbered = list(enumerate(rows, start=1))
    if ScorecardQuestion.objects.exists():
        for order, row in numbered:
            ScorecardQuestion.objects.update_or_create(ref=row["ref"], defaults=fields(order, row))
    else:
        new = {row["ref"]: fields(order, row) for order, row in numbered}
        ScorecardQuestion.objects.bulk_create(
            ScorecardQuestion(ref=ref, **values) for ref, values in new.items()
        )
    return {q.ref: q for q in ScorecardQuestion.objects.all()}


def _policy_fields(row: dict) -> dict:
    texts = ("title", "kind", "summary", "organisation", "url", "language")
    return {k: row.get(k, "") for k in texts} | {"language": row.get("language") or "en"}


def _import_policies(rows: list, actions: dict) -> None:
    if Policy.objects.exists():
        for row in rows:
            policy, _ = Policy.objects.update_or_create(
                slug=row["slug"], defaults=_policy_fields(row)
            )
            for link in row.get("links", []):
                PolicyLink.objects.update_or_create(
                    policy=policy,
                    action=actions[link["action"]],
                    defaults={"note": link.get("note", "")},
                )
        return
    new = {row["slug"]: row for row in rows}
    created = Policy.objects.bulk_create(
        Policy(slug=slug, **_policy_fields(row)) for slug, row in new.items()
    )
    if created and created[0].pk is None:  # a database that returns no ids from an insert
        created = list(Policy.objects.filter(slug__in=new))
    links = {
        (policy.pk, link["action"]): (policy, link)
        for policy in created
        for link in new[policy.slug].get("links", [])
    }
    PolicyLink.objects.bulk_create(
        PolicyLink(policy=policy, action=actions[link["action"]], note=link.get("note", ""))
        for policy, link in links.values()
    )


def _drop_links_not_in(rows: list, version) -> None:
    """The file holds the whole crosswalk: links it no longer has (a re-derived crosswalk
    drops wrong ones) are removed from this model version, not left behind."""
    keep = {(row["action"], row["essential"], row.get("question") or "") for row in rows}
    for link in (
        EssentialLink.objects.for_version(version)
        .current_edition()
        .select_related("action", "essential", "question")
    ):
        key = (link.action.code, link.essential.number, link.question.ref if link.question else "")
        if key not in keep:
            link.delete()


def _import_crosswalk(rows: list, version, actions: dict, essentials: dict, questions: dict):
    def keys(row: dict) -> dict:
        return {
            "action": actions[row["action"]],
            "essential": essentials[(CURRENT_EDITION, row["essential"])],
            "question": questions.get(row.get("question") or ""),
        }

    if EssentialLink.objects.for_version(version).exists():
        for row in rows:
            EssentialLink.objects.update_or_create(
                **keys(row), defaults={"note": row.get("note", "")}
            )
        return
    new = {(row["action"], row["essential"], row.get("question") or ""): row for row in rows}
    EssentialLink.objects.bulk_create(
        EssentialLink(**keys(row), note=row.get("note", "")) for row in new.values()
    )


def _import_correspondence(rows: list, essentials: dict) -> None:
    """The file holds the whole correspondence (it is small): pairs it no longer has go."""
    keep = set()
    for row in rows:
        item, _ = EssentialCorrespondence.objects.update_or_create(
            essential_2017=essentials[("2017", row["essential_2017"])],
            essential_2010=essentials[("2010", row["essential_2010"])],
            defaults={"note": row.get("note", "")},
        )
        keep.add(item.pk)
    EssentialCorrespondence.objects.exclude(pk__in=keep).delete()


def export_catalogue(version: ModelVersion) -> dict:
    """The catalogue as a document that `import_catalogue` reads back without loss."""
    policies = Policy.objects.prefetch_related("links__action").order_by("slug")
    crosswalk = EssentialLink.objects.filter(
        action__subdimension__dimension__version=version
    ).select_related("action", "essential", "question")
    return {
        "format": FORMAT,
        "model_version": version.slug,
        "crosswalk_replaces": True,
        "essentials": [
            {"edition": e.edition, "number": e.number, "title": e.title}
            for e in Essential.objects.order_by("-edition", "number")
        ],
        "scorecard_questions": [
            {"ref": q.ref, "essential": q.essential.number, "topic": q.topic}
            | {key: getattr(q, key) for key in QUESTION_TEXTS}
            for q in ScorecardQuestion.objects.select_related("essential")
        ],
        "policies": [
            {
                "slug": p.slug,
                "title": p.title,
                "kind": p.kind,
                "summary": p.summary,
                "organisation": p.organisation,
                "url": p.url,
                "language": p.language,
                "links": [
                    {"action": link.action.code, "note": link.note}
                    for link in sorted(p.links.all(), key=lambda x: x.action.code)
                ],
            }
            for p in policies
        ],
        "crosswalk": [
            {
                "action": x.action.code,
                "essential": x.essential.number,
                "question": x.question.ref if x.question else "",
                "note": x.note,
            }
            for x in crosswalk.order_by("action__code", "essential__number", "question__ref")
        ],
        "essential_correspondence_source": CORRESPONDENCE_SOURCE,
        "essential_correspondence": [
            {
                "essential_2017": c.essential_2017.number,
                "essential_2010": c.essential_2010.number,
                "note": c.note,
            }
            for c in EssentialCorrespondence.objects.select_related(
                "essential_2017", "essential_2010"
            )
        ],
    }
