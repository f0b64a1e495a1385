"""The model's texts in every language of the app (django-modeltranslation).

English is the reference: each field keeps its English column (`text_en`) as the seed says
it, and a language without a text falls back to English. Codes are never translated.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Action, Dimension, ModelVersion, Stage, StakeholderGroup, Subdimension


@register(ModelVersion)
class ModelVersionTranslation(TranslationOptions):
    fields = ("name",)


@register(Stage)
class StageTranslation(TranslationOptions):
    fields = ("name", "title")


@register(StakeholderGroup)
class StakeholderGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name",)


@register(Subdimension)
class SubdimensionTranslation(TranslationOptions):
    fields = ("title",)


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("text",)
