"""Searching the experiences a reader may see: by words, action, subdimension, stakeholder
group, country and language.

On PostgreSQL, words are matched by full-text search, each experience in its own language's
configuration (an English text is stemmed as English, a Spanish one as Spanish), and the
reader's words are parsed in each row's configuration too. On SQLite, which has no text
search, every word must appear somewhere in the texts, in any letter case.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, CharField, F, Q, Value, When

from maturity.models import Action

from .access import visible_to
from .crosswalk import same_action
from .models import SEARCH_CONFIGS, TEXT_FIELDS


def search(user, filters: dict):
    """The experiences `user` may read that match `filters` (a SearchForm's cleaned data)."""
    found = visible_to(user)
    if filters.get("action") and filters.get("model_version"):
        action = (
            Action.objects.filter(
                code=filters["action"], subdimension__dimension__version=filters["model_version"]
            )
            .select_related("subdimension__dimension__version")
            .first()
        )
        found = found.filter(same_action(action)) if action else found.none()
    elif filters.get("action"):
        found = found.filter(action__code=filters["action"])
    if filters.get("subdimension"):
        found = found.filter(action__subdimension__code=filters["subdimension"])
    if filters.get("stakeholder"):
        found = found.filter(stakeholders__slug=filters["stakeholder"]).distinct()
    if filters.get("country"):
        found = found.filter(city__country=filters["country"])
    if filters.get("language"):
        found = found.filter(language=filters["language"])
    text = " ".join((filters.get("q") or "").split())
    if text:
        found = _words(found, text)
    return found.for_list()


def _words(found, text: str):
    if connection.vendor == "postgresql":
        config = Case(
            *(When(language=code, then=Value(name)) for code, name in SEARCH_CONFIGS.items()),
            default=Value("simple"),
            output_field=CharField(),
        )
        return found.annotate(
            text_config=config,
            document=SearchVector(*TEXT_FIELDS, config=F("text_config")),
        ).filter(document=SearchQuery(text, config=F("text_config")))
    for word in text.split():
        match = Q()
        for name in TEXT_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        found = found.filter(match)
    return found
