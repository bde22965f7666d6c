from django.contrib import admin

from ppid.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("sequence", "timestamp", "actor_repr", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "actor_repr")

    def get_queryset(self, request):
        # Events about items the viewer may not see (exempt ones) stay hidden here too.
        from ppid.register.services import audit_events_visible_to

        return audit_events_visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
