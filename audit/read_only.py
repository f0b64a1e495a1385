"""An admin that lists and opens rows but never adds, changes or deletes them: the audit log
(written only with the change it records) and the lists of records the app's own services
change (an assessment's lifecycle)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
