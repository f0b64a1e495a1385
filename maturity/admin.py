"""Admin for the maturity model: published versions are read-only, as assessments rely on them,
except their translations, which an admin may correct (the English reference text stays)."""

from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import translator

from .models import Action, Dimension, ModelVersion, Stage, StakeholderGroup, Subdimension


def translated_fields(model) -> list[str]:
    return list(translator.get_options_for_model(model).fields)


def translation_columns(model) -> set[str]:
    """The columns an admin may correct in a published version: each translated field's
    languages but the reference, and the translated field itself (modeltranslation's admin
    would read it in the read-only list as "every language")."""
    fields = translated_fields(model)
    return set(fields) | {
        f"{name}_{code}"
        for name in fields
        for code, _label in settings.LANGUAGES
        if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    }


class PublishedReadOnly:
    """For a published model version, only the translations can change; nothing is deleted."""

    def _version_of(self, obj):
        raise NotImplementedError

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and self._version_of(obj).published:
            editable = translation_columns(self.model)
            return [f.name for f in self.model._meta.fields if f.name not in editable]
        return super().get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._texts_revised(obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._texts_revised(obj)

    def _texts_revised(self, obj) -> None:
        # The texts' version: pages keep a version's texts in memory and cache parts drawn
        # from them (ModelVersion.content_version), so a correction must move it.
        ModelVersion.objects.filter(pk=self._version_of(obj).pk).update(
            texts_revised_at=timezone.now()
        )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._version_of(obj).published:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ModelVersion)
class ModelVersionAdmin(PublishedReadOnly, TranslationAdmin):
    list_display = ["name", "slug", "published", "loaded_at"]

    def _version_of(self, obj):
        return obj


@admin.register(Stage)
class StageAdmin(PublishedReadOnly, TranslationAdmin):
    list_display = ["name", "letter", "order", "title", "version"]
    list_filter = ["version"]

    def _version_of(self, obj):
        return obj.version


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(PublishedReadOnly, TranslationAdmin):
    list_display = ["name", "stage"]
    list_filter = ["stage__version", "stage"]

    def _version_of(self, obj):
        return obj.stage.version


@admin.register(Dimension)
class DimensionAdmin(PublishedReadOnly, TranslationAdmin):
    list_display = ["code", "name", "version"]
    list_filter = ["version"]

    def _version_of(self, obj):
        return obj.version


@admin.register(Subdimension)
class SubdimensionAdmin(PublishedReadOnly, TranslationAdmin):
    list_display = ["code", "title", "dimension"]
    list_filter = ["dimension__version"]

    def _version_of(self, obj):
        return obj.dimension.version


@admin.register(Action)
class ActionAdmin(PublishedReadOnly, TranslationAdmin):
    list_display = ["code", "text", "stage", "subdimension"]
    list_filter = ["subdimension__dimension__version", "stage__name", "subdimension__code"]
    search_fields = ["code", "text"]
    list_select_related = ["stage", "subdimension"]

    def _version_of(self, obj):
        return obj.subdimension.dimension.version
