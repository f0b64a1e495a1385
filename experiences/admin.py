"""Moderation: site admins take experiences down (with the reason the city sees) and work
through readers' reports. Every take-down goes through the services (audit log)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Experience, Report


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "action", "visibility", "moderated_at"]
    list_filter = ["visibility", "language", ("moderated_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "city__name"]
    fields = ["moderation_reason"]
    readonly_fields = []
    actions = ["restore"]

    def has_add_permission(self, request) -> bool:
        return False  # cities write experiences; admins only moderate

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("moderation_reason", "").strip()
        if reason:
            services.take_down(obj, reason, request.user)
        else:
            services.restore(obj, request.user)

    @admin.action(description=_("List the chosen experiences again"))
    def restore(self, request, queryset):
        for experience in queryset:
            services.restore(experience, request.user)
        messages.success(request, _("Listed again."))


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["city", "experience", "reason", "reported_at", "resolved"]
    list_filter = ["resolved"]
    fields = ["resolved"]
