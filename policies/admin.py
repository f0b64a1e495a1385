"""The admin is the curation tool; Django's admin log records who changed what and when."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from maturity.models import ModelVersion

from .models import (
    Essential,
    EssentialCorrespondence,
    EssentialLink,
    Policy,
    PolicyLink,
    ScorecardQuestion,
)
from .versions import catalogue_changed


class CatalogueAdmin(TranslationAdmin):
    """Every save or deletion through the admin moves the catalogue's version, so the pages
    that count or list an action's tools show the change on their next load."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # after the inlines
        catalogue_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        catalogue_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        catalogue_changed()


# A link's reason is a sentence or two: a one-line input hid most of it while typing.
REASON_BOX = forms.Textarea(attrs={"rows": 4, "cols": 80})


class PolicyLinkInline(TranslationTabularInline):
    model = PolicyLink
    extra = 1
    autocomplete_fields = ["action"]
    formfield_overrides = {models.CharField: {"widget": REASON_BOX}}


@admin.register(Policy)
class PolicyAdmin(CatalogueAdmin):
    list_display = ["title", "kind", "organisation", "language"]
    list_filter = ["kind", "language", "organisation"]
    search_fields = ["title", "summary", "organisation"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PolicyLinkInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Essential)
class EssentialAdmin(CatalogueAdmin):
    list_display = ["number", "edition", "title"]
    list_filter = ["edition"]
    search_fields = ["title"]


@admin.register(ScorecardQuestion)
class ScorecardQuestionAdmin(CatalogueAdmin):
    list_display = ["ref", "topic", "essential"]
    list_filter = ["essential"]
    search_fields = ["ref", "topic"]


class EditionEssentialFilter(admin.SimpleListFilter):
    """The links to one edition's Essentials: one filter per edition, so an admin never picks
    "Essential 5" from a list where the 2010 and the 2017 Essential 5 sit side by side."""

    edition = ""

    def lookups(self, request, model_admin):
        essentials = Essential.objects.filter(edition=self.edition).order_by("number")
        return [(str(e.pk), f"{e.number}. {e.title}") for e in essentials]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(essential__edition=self.edition, essential_id=self.value())
        return queryset


class Essential2017Filter(EditionEssentialFilter):
    title = _("Essential, 2017 edition (Scorecard)")
    parameter_name = "essential_2017"
    edition = "2017"


class Essential2010Filter(EditionEssentialFilter):
    title = _("Essential, 2010 edition (LG-SAT)")
    parameter_name = "essential_2010"
    edition = "2010"


class ModelVersionFilter(admin.SimpleListFilter):
    """The model version an action belongs to: 2018's and 2.0's share codes (C1A1 is in
    both), so the list read as duplicates until one version is chosen."""

    title = _("model version")
    parameter_name = "model_version"

    def lookups(self, request, model_admin):
        return [(v.slug, v.name) for v in ModelVersion.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action__subdimension__dimension__version__slug=self.value())
        return queryset


@admin.register(EssentialLink)
class EssentialLinkAdmin(CatalogueAdmin):
    """The crosswalk: one row per action, Essential and question, each column short and whole
    (the objects' own names are long, so the list showed cut texts that looked alike)."""

    list_display = ["code", "model_version", "essential_short", "question_short", "note"]
    list_display_links = ["code"]
    list_filter = [ModelVersionFilter, Essential2017Filter, Essential2010Filter]
    search_fields = ["action__code", "question__ref", "note"]
    autocomplete_fields = ["action", "question"]
    list_select_related = ["action__subdimension__dimension__version", "essential", "question"]
    formfield_overrides = {models.CharField: {"widget": REASON_BOX}}

    @admin.display(description=_("Code"), ordering="action__code")
    def code(self, obj: EssentialLink) -> str:
        return obj.action.code

    @admin.display(
        description=_("model version"), ordering="action__subdimension__dimension__version"
    )
    def model_version(self, obj: EssentialLink) -> str:
        return obj.action.subdimension.dimension.version.name

    @admin.display(description=_("Essential"), ordering="essential__number")
    def essential_short(self, obj: EssentialLink) -> str:
        return f"E{obj.essential.number} {obj.essential.title}"

    @admin.display(description=_("Scorecard question"), ordering="question__ref")
    def question_short(self, obj: EssentialLink) -> str:
        return f"{obj.question.ref} {obj.question.topic}" if obj.question else "—"


@admin.register(EssentialCorrespondence)
class EssentialCorrespondenceAdmin(CatalogueAdmin):
    """The project's own 2010↔2017 Essentials correspondence (no official mapping exists),
    Essential to Essential: no action is labelled with a 2010 Essential through it."""

    list_display = ["essential_2017", "essential_2010", "note"]
    list_filter = ["essential_2017"]
    list_select_related = ["essential_2017", "essential_2010"]
    formfield_overrides = {models.CharField: {"widget": REASON_BOX}}
