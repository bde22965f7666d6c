from django.contrib import admin

from ppid.core.models import Agency, ApiToken, OfficeHours, Position, Unit


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: changes go through the workspace, where they are checked and audited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OfficeHoursInline(admin.TabularInline):
    model = OfficeHours
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "time_zone", "publish_exempt_list")
    inlines = [OfficeHoursInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent", "has_unit_ppid")
    search_fields = ("name", "code")


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("user", "title", "unit", "role", "active")
    list_filter = ("role", "active", "unit")
    search_fields = ("user__username", "title")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "label", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_hash", "created_at", "last_used_at")
