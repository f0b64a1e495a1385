"""Translated texts inside aggregate queries.

Reading a record's attribute gives its text in the active language (django-modeltranslation),
but `values()` over a relation gives the original column, in English. These expressions pick
the active language's column there, falling back to English where it has no text.
"""

from django.conf import settings
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation.settings import AVAILABLE_LANGUAGES

REFERENCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def localised(lookup: str):
    """`lookup` (e.g. "question__essential__title") in the active language, else English."""
    language = get_language()
    english = F(f"{lookup}_{REFERENCE}")
    # Only the languages that have their own columns (a test-only language has none).
    if language == REFERENCE or language not in AVAILABLE_LANGUAGES:
        return english
    return Coalesce(NullIf(F(f"{lookup}_{language}"), Value("")), english, output_field=TextField())
