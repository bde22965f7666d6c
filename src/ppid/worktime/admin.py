from django.contrib import admin

from ppid.core.admin import ReadOnlyAdmin
from ppid.worktime.models import CalendarDay, CalendarYear


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ("date", "kind", "name", "opens", "closes", "created_by")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name", "note")


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "confirmed_at", "confirmed_by")
