"""Admin for the maturity model: published versions are read-only, as assessments rely on them."""

from django.contrib import admin

from .models import Action, Dimension, ModelVersion, Stage, StakeholderGroup, Subdimension


class PublishedReadOnly:
    """Refuse changes to anything that belongs to a published model version."""

    def _version_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._version_of(obj).published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._version_of(obj).published:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ModelVersion)
class ModelVersionAdmin(PublishedReadOnly, admin.ModelAdmin):
    list_display = ["name", "slug", "published", "loaded_at"]

    def _version_of(self, obj):
        return obj


@admin.register(Stage)
class StageAdmin(PublishedReadOnly, admin.ModelAdmin):
    list_display = ["name", "letter", "order", "title", "version"]
    list_filter = ["version"]

    def _version_of(self, obj):
        return obj.version


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(PublishedReadOnly, admin.ModelAdmin):
    list_display = ["name", "stage"]
    list_filter = ["stage__version", "stage"]

    def _version_of(self, obj):
        return obj.stage.version


@admin.register(Dimension)
class DimensionAdmin(PublishedReadOnly, admin.ModelAdmin):
    list_display = ["code", "name", "version"]
    list_filter = ["version"]

    def _version_of(self, obj):
        return obj.version


@admin.register(Subdimension)
class SubdimensionAdmin(PublishedReadOnly, admin.ModelAdmin):
    list_display = ["code", "title", "dimension"]
    list_filter = ["dimension__version"]

    def _version_of(self, obj):
        return obj.dimension.version


@admin.register(Action)
class ActionAdmin(PublishedReadOnly, admin.ModelAdmin):
    list_display = ["code", "text", "stage", "subdimension"]
    list_filter = ["subdimension__dimension__version", "stage__name", "subdimension__code"]
    search_fields = ["code", "text"]
    list_select_related = ["stage", "subdimension"]

    def _version_of(self, obj):
        return obj.subdimension.dimension.version
