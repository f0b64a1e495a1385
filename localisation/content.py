"""The model's, the Essentials', the Scorecard's and the catalogue's texts, by stable key.

A key names one field of one record without database ids (`action:L1S1:text`,
`scorecard:P1.1:descriptor_3`), so a translation file written once applies to any
installation that loaded the same English texts. Each translation file keeps the English
source beside the translation: when the English text changes (a correction), the stale
translation is left out and the English shows until a translator catches up.
"""

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from modeltranslation.translator import translator

from maturity import crosswalk
from maturity.models import Action, Indicator, ModelVersion, StakeholderGroup, Subdimension
from policies import models as catalogue

TRANSLATIONS_DIR = Path(settings.BASE_DIR) / "fixtures" / "translations"
# The label every project-made translation carries wherever it is shown.
TRANSLATOR_LABEL = "Project's own translation (not an official UNDRR or SMR translation)"


@dataclass(frozen=True)
class Entry:
    key: str
    record: object
    field: str

    @property
    def source(self) -> str:
        # The English column, whatever language is active: it is the reference text.
        return getattr(self.record, f"{self.field}_en", None) or getattr(self.record, self.field)


def _translated(model) -> tuple[str, ...]:
    # The fields registered for translation (policies/translation.py) are the ones to export,
    # in the model's field order (the registry keeps them in no fixed order).
    registered = set(translator.get_options_for_model(model).fields)
    return tuple(f.name for f in model._meta.concrete_fields if f.name in registered)


def entries(version: ModelVersion) -> Iterator[Entry]:
    """Every translatable text of a model version and of the catalogue linked to it."""
    v = f"version:{version.slug}"
    yield Entry(f"{v}:name", version, "name")
    if version.changes_en:
        yield Entry(f"{v}:changes", version, "changes")
    for stage in version.stages.order_by("order"):
        yield Entry(f"{v}:stage:{stage.letter}:name", stage, "name")
        if stage.title:
            yield Entry(f"{v}:stage:{stage.letter}:title", stage, "title")
    for group in StakeholderGroup.objects.filter(stage__version=version).order_by(
        "stage__order", "order"
    ):
        yield Entry(f"{v}:stakeholder:{group.stage.letter}:{group.slug}:name", group, "name")
    for dim in version.dimensions.order_by("order"):
        yield Entry(f"{v}:dimension:{dim.code}:name", dim, "name")
    for sub in Subdimension.objects.filter(dimension__version=version).order_by(
        "dimension__order", "order"
    ):
        yield Entry(f"{v}:subdimension:{sub.code}:title", sub, "title")
    for action in Action.objects.for_version(version).with_structure():
        yield Entry(f"{v}:action:{action.code}:text", action, "text")
    for indicator in Indicator.objects.filter(subdimension__dimension__version=version):
        yield Entry(f"{v}:indicator:{indicator.code}:text", indicator, "text")
    for essential in catalogue.Essential.objects.order_by("edition", "number"):
        yield Entry(f"essential:{essential.edition}:{essential.number}:title", essential, "title")
    for question in catalogue.ScorecardQuestion.objects.order_by("essential__number", "order"):
        for name in _translated(catalogue.ScorecardQuestion):
            if getattr(question, name):
                yield Entry(f"scorecard:{question.ref}:{name}", question, name)
    for policy in catalogue.Policy.objects.order_by("slug"):
        yield Entry(f"policy:{policy.slug}:title", policy, "title")
        if policy.summary:
            yield Entry(f"policy:{policy.slug}:summary", policy, "summary")
    for link in (
        catalogue.PolicyLink.objects.filter(
            action__subdimension__dimension__version=version, note__gt=""
        )
        .select_related("policy", "action")
        .order_by("policy__slug", "action__code")
    ):
        yield Entry(f"policy:{link.policy.slug}:link:{link.action.code}:note", link, "note")
    for link in (
        catalogue.EssentialLink.objects.for_version(version)
        .filter(note__gt="")
        .select_related("action", "essential", "question")
        .order_by("action__code", "essential__edition", "essential__number", "question__ref")
    ):
        # Under the version: 2018 and 2.0 share action codes (L1S1 is in both) with other notes.
        question = link.question.ref if link.question else "-"
        essential = f"{link.essential.edition}.{link.essential.number}"
        key = f"{v}:crosswalk:{link.action.code}:{essential}:{question}:note"
        yield Entry(key, link, "note")
    for pair in (
        catalogue.EssentialCorrespondence.objects.filter(note__gt="")
        .select_related("essential_2017", "essential_2010")
        .order_by("essential_2017__number", "essential_2010__number")
    ):
        key = f"correspondence:{pair.essential_2017.number}:{pair.essential_2010.number}"
        yield Entry(f"{key}:note", pair, "note")
    # The version crosswalk that leads to this version: a committed file, not rows, so its
    # texts are counted here and read from the translation files where shown.
    for (_older, newer), walk in crosswalk.crosswalks().items():
        if newer == version.slug:
            yield Entry(crosswalk.note_key(walk), walk, "note")
            for row in walk.rows:
                yield Entry(crosswalk.reason_key(walk, row), row, "reason")


def source_catalogue(version: ModelVersion) -> dict[str, str]:
    """Key → English text: what a translator translates (`export_translation_source`)."""
    return {entry.key: entry.source for entry in entries(version)}


def translation_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != "en"]


def read_translations(language: str) -> dict[str, dict[str, str]]:
    """One language's entries: `<lang>.json` and any part file `<lang>.<part>.json` beside it
    (the indicators' texts are one part), each translated and reviewed on its own."""
    found: dict[str, dict[str, str]] = {}
    paths = [TRANSLATIONS_DIR / f"{language}.json"]
    paths += sorted(TRANSLATIONS_DIR.glob(f"{language}.*.json"))
    for path in paths:
        if path.exists():
            # No mutation: "UTF-8" and the locale's default (UTF-8 here) read the same.
            text = path.read_text(encoding="utf-8")  # pragma: no mutate
            found |= json.loads(text)["entries"]
    return found


def apply_translations(version: ModelVersion, language: str, translated: dict) -> Counter:
    """Write one language's texts into the installed records. A translation whose English
    source differs from the installed English text is stale and left out (the English shows);
    counts say how many were applied, stale and missing."""
    # Atomic in the body, not as a decorator: mutmut leaves decorated functions unmutated.
    with transaction.atomic():
        counts: Counter = Counter()
        changed: dict[type, tuple[dict, set]] = defaultdict(lambda: ({}, set()))
        for entry in entries(version):
            item = translated.get(entry.key)
            if item is None or not item.get("text"):
                counts["missing"] += 1
                continue
            if item.get("source") != entry.source:
                counts["stale"] += 1
                continue
            counts["applied"] += 1
            if not isinstance(entry.record, Model):
                continue  # a file's text (the version crosswalk): read where shown
            column = f"{entry.field}_{language}"
            records, columns = changed[type(entry.record)]
            record = records.setdefault(entry.record.pk, entry.record)
            setattr(record, column, item["text"])
            columns.add(column)
        for model, (records, columns) in changed.items():
            # In batches the database takes (Django sizes them to its parameter limit).
            model.objects.bulk_update(list(records.values()), sorted(columns))
        ModelVersion.objects.filter(pk=version.pk).update(texts_revised_at=timezone.now())
    return counts
