from django.contrib import admin

from .models import AuditEntry
from .read_only import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log: read-only, as an audit log must be."""

    list_display = ["at", "city", "partner", "kind", "subject", "field", "email", "user"]
    list_filter = ["kind"]
    search_fields = ["email", "city__name", "detail", "record__action__code"]
    list_select_related = ["city", "partner", "user", "assessment", "scorecard", "record__action"]
    date_hierarchy = "at"

    @admin.display(description="about")
    def subject(self, entry: AuditEntry) -> str:
        if entry.record_id:
            return f"{entry.assessment} · {entry.record.action.code}"
        return str(entry.assessment or entry.scorecard or "")
