"""Every city's self-assessments, for a site admin to look over (the site start page links
here): read-only, since an assessment changes only through its city's own pages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.read_only import ReadOnlyAdmin

from .models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["city", "title", "status", "started", "reference_date", "signed_off"]
    list_display_links = ["title"]
    list_filter = ["status", "model_version"]
    search_fields = ["city__name", "title"]
    list_select_related = ["city"]
    ordering = ["-created_at", "-pk"]  # most recently started first, as on the start page
    date_hierarchy = "created_at"

    @admin.display(description=_("Started"), ordering="created_at")
    def started(self, assessment: Assessment):
        return assessment.created_at

    @admin.display(description=_("Signed off"), ordering="submitted_at")
    def signed_off(self, assessment: Assessment):
        return assessment.submitted_at
