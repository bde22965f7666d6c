from django.contrib import admin

from ppid.worktime.models import CalendarDay, CalendarYear


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: changes go through the workspace calendar so they are checked and audited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ("date", "kind", "name", "opens", "closes", "created_by")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name", "note")


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "confirmed_at", "confirmed_by")
