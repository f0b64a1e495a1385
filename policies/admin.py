"""The admin is the curation tool; Django's admin log records who changed what and when."""

from django.contrib import admin
from django.db import models

from .models import Essential, EssentialLink, Policy, PolicyLink, ScorecardQuestion


class PolicyLinkInline(admin.TabularInline):
    model = PolicyLink
    extra = 1
    autocomplete_fields = ["action"]


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organisation", "language"]
    list_filter = ["kind", "language", "organisation"]
    search_fields = ["title", "summary", "organisation"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PolicyLinkInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Essential)
class EssentialAdmin(admin.ModelAdmin):
    list_display = ["number", "edition", "title"]
    list_filter = ["edition"]
    search_fields = ["title"]


@admin.register(ScorecardQuestion)
class ScorecardQuestionAdmin(admin.ModelAdmin):
    list_display = ["ref", "topic", "essential"]
    list_filter = ["essential"]
    search_fields = ["ref", "topic"]


@admin.register(EssentialLink)
class EssentialLinkAdmin(admin.ModelAdmin):
    list_display = ["action", "essential", "question", "note"]
    list_filter = ["essential"]
    search_fields = ["action__code", "question__ref", "note"]
    autocomplete_fields = ["action", "question"]
    list_select_related = ["action", "essential", "question"]
