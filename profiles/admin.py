"""Site admins take a public profile down with a reason the city sees (and list it again)."""

from django.contrib import admin

from . import services
from .models import PublicProfile


@admin.register(PublicProfile)
class PublicProfileAdmin(admin.ModelAdmin):
    list_display = ["city", "published", "moderated_at"]
    list_filter = ["published"]
    search_fields = ["city__name"]
    fields = ["moderation_reason", "latitude", "longitude"]

    def has_add_permission(self, request) -> bool:
        return False  # cities publish their own profiles

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("moderation_reason", "").strip()
        if "latitude" in form.changed_data or "longitude" in form.changed_data:
            type(obj).objects.filter(pk=obj.pk).update(
                latitude=obj.latitude, longitude=obj.longitude
            )
        if reason:
            services.take_down(obj, reason, request.user)
        elif obj.moderated_at:
            services.restore(obj, request.user)
