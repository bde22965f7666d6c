from django.contrib import admin

from ppid.register import services
from ppid.register.models import InformationItem


@admin.register(InformationItem)
class InformationItemAdmin(admin.ModelAdmin):
    """Read-only: changes go through the workspace so they are checked and audited."""

    list_display = ("title", "category", "status", "year", "holder_unit")
    list_filter = ("category", "status", "year")
    search_fields = ("title", "summary")

    def get_queryset(self, request):
        # The same rule as everywhere: exempt items only for those who may see them.
        return super().get_queryset(request).filter(
            pk__in=services.staff_items(request.user).values("pk"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
