"""Which texts of the maturity model and of the catalogue have a column per language
(django-modeltranslation; settings.MODELTRANSLATION_TRANSLATION_FILES names this module).

English is the reference: each field keeps its English column (`text_en`) as the seed, UNDRR's
workbook and the catalogue say it, and a language without a text falls back to English.
Codes, question ids, slugs and URLs are never translated. The texts themselves live in
fixtures/translations/ and are loaded by `manage.py load_translations` (localisation.content).
"""

from modeltranslation.translator import TranslationOptions, register

from maturity import models as smr
from policies import models as catalogue


@register(smr.ModelVersion)
class ModelVersionTranslation(TranslationOptions):
    # `changes`: the sentence on what the version changed, where a city chooses the version.
    fields = ("name", "changes")


@register(smr.Stage)
class StageTranslation(TranslationOptions):
    fields = ("name", "title")


@register(smr.StakeholderGroup)
class StakeholderGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(smr.Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name",)


@register(smr.Subdimension)
class SubdimensionTranslation(TranslationOptions):
    fields = ("title",)


@register(smr.Action)
class ActionTranslation(TranslationOptions):
    fields = ("text",)


@register(smr.Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("text",)


@register(catalogue.Policy)
class PolicyTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(catalogue.PolicyLink)
class PolicyLinkTranslation(TranslationOptions):
    fields = ("note",)


@register(catalogue.Essential)
class EssentialTranslation(TranslationOptions):
    fields = ("title",)


@register(catalogue.ScorecardQuestion)
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


@register(catalogue.EssentialLink)
class EssentialLinkTranslation(TranslationOptions):
    fields = ("note",)


@register(catalogue.EssentialCorrespondence)
class EssentialCorrespondenceTranslation(TranslationOptions):
    fields = ("note",)
