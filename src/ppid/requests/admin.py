"""Django admin: read-only views of requests, objections and disputes for administrators.

Administrators are not the staff who handle requests, so they never see a requester's personal
data here: only numbers, statuses, dates and outcomes are listed or shown, and nothing can be
added, changed or deleted (that goes through the workspace, checked and audited).
"""

from django.contrib import admin

from ppid.core.admin import ReadOnlyAdmin
from ppid.requests.models import Dispute, Objection, Request, ServiceReport


@admin.register(Request)
class RequestAdmin(ReadOnlyAdmin):
    list_display = ("number", "status", "received_at", "due_at", "decided_at", "outcome",
                    "assigned_unit")
    list_filter = ("status", "outcome", "channel", "number_year")
    search_fields = ("number",)
    date_hierarchy = "received_at"
    # Only these are shown: never the requester's name, NIK, address, phone, e-mail or files.
    fields = ("number", "channel", "written", "received_at", "counted_from", "due_at",
              "status", "assigned_unit", "forwarded_at", "extension_days", "extended_at",
              "holding", "outcome", "grounds", "decided_at", "completed_at", "closed_at",
              "personal_data_erased_at")
    readonly_fields = fields


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ("number", "request", "status", "filed_at", "due_at", "answered_at",
                    "outcome")
    list_filter = ("status", "outcome", "number_year")
    search_fields = ("number", "request__number")
    list_select_related = ("request",)
    # No proxy data, case position or power of attorney (they may name people).
    fields = ("number", "request", "channel", "filed_at", "counted_from", "cause_on", "due_at",
              "grounds", "status", "outcome", "answered_at", "letter_number")
    readonly_fields = fields


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ("objection", "stage", "filed_on", "register_number", "decided_on",
                    "outcome")
    list_filter = ("stage", "outcome")
    search_fields = ("register_number", "objection__number")
    list_select_related = ("objection",)
    fields = ("objection", "stage", "filed_on", "commission", "register_number",
              "decided_on", "outcome", "executed_on", "appeal_filed_on", "updated_at")
    readonly_fields = fields


@admin.register(ServiceReport)
class ServiceReportAdmin(ReadOnlyAdmin):
    list_display = ("year", "period", "updated_at")
    list_filter = ("period",)
    fields = ("year", "period", "policy", "resources", "obstacles", "follow_up", "updated_at")
    readonly_fields = fields
