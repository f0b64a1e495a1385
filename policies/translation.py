"""The catalogue's texts in every language of the app (django-modeltranslation).

English is the reference (UNDRR's workbook and the catalogue verbatim); a language without a
text falls back to English. Question ids, slugs and URLs are never translated.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Essential,
    EssentialCorrespondence,
    EssentialLink,
    Policy,
    PolicyLink,
    ScorecardQuestion,
)


@register(Policy)
class PolicyTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(PolicyLink)
class PolicyLinkTranslation(TranslationOptions):
    fields = ("note",)


@register(Essential)
class EssentialTranslation(TranslationOptions):
    fields = ("title",)


@register(ScorecardQuestion)
class ScorecardQuestionTranslation(TranslationOptions):
    fields = (
        "topic",
        "text",
        "comment",
        "descriptor_3",
        "descriptor_2",
        "descriptor_1",
        "descriptor_0",
    )


@register(EssentialLink)
class EssentialLinkTranslation(TranslationOptions):
    fields = ("note",)


@register(EssentialCorrespondence)
class EssentialCorrespondenceTranslation(TranslationOptions):
    fields = ("note",)
