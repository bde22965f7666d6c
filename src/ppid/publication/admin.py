"""Django admin: read-only views of publication records for administrators.

Everything here changes through the workspace, where the services check who may do it and audit
it; signed editions cannot change at all. API tokens of CKAN portals are never shown.
"""

from django.contrib import admin

from ppid.core.admin import ReadOnlyAdmin
from ppid.publication.models import (
    Announcement,
    ChannelRecord,
    DataPortal,
    DatasetSync,
    Edition,
    FederationSource,
    MaintenanceRun,
)


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "status", "decree_number", "decree_date", "row_count",
                    "signed_at")
    list_filter = ("kind", "status")
    search_fields = ("title", "decree_number")


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnlyAdmin):
    list_display = ("title", "type", "status", "announced_at", "ended_at")
    list_filter = ("type", "status")
    search_fields = ("title",)


@admin.register(ChannelRecord)
class ChannelRecordAdmin(ReadOnlyAdmin):
    list_display = ("channel", "published_on", "item", "announcement", "published_by",
                    "automatic")
    list_filter = ("channel", "automatic")


@admin.register(DataPortal)
class DataPortalAdmin(ReadOnlyAdmin):
    list_display = ("name", "url", "organization", "enabled")
    fields = ("name", "url", "organization", "name_prefix", "license_id", "enabled")
    readonly_fields = fields


@admin.register(DatasetSync)
class DatasetSyncAdmin(ReadOnlyAdmin):
    list_display = ("portal", "item_id", "dataset_name", "state", "attempts", "next_attempt_at",
                    "synced_at")
    list_filter = ("portal", "state")


@admin.register(FederationSource)
class FederationSourceAdmin(ReadOnlyAdmin):
    list_display = ("name", "base_url", "enabled", "last_success_at", "failures")


@admin.register(MaintenanceRun)
class MaintenanceRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "trigger", "status", "started_by", "finished_at")
    list_filter = ("status", "trigger")
