"""The publication dashboard: one page that leads to editions, announcements, stale berkala
items, channels, the Pusat Data and site maintenance, each with its state at a glance."""

from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.models import Agency
from ppid.publication import announcements, editions, refresh
from ppid.publication.constants import EditionKind, SyncState
from ppid.publication.models import DatasetSync, MaintenanceRun
from ppid.workspace.auth import staff_required


def _edition_state(kind: str) -> dict:
    return {"kind": EditionKind(kind), "current": editions.current(kind),
            "draft": editions.open_draft(kind), "due": editions.is_due(kind),
            "due_on": editions.due_on(kind)}


@require_GET
@staff_required
def dashboard(request):
    access = Access.for_user(request.user)
    agency = Agency.current()
    context = {"editions": [_edition_state(EditionKind.DIP)], "may": {
        "editions": access.can_anywhere(C.PREPARE_EDITIONS) or access.can(C.SIGN_EDITIONS),
        "announce": access.can(C.ANNOUNCE),
        "data_center": access.can(C.MANAGE_DATA_CENTER),
        "maintain": access.can(C.MAINTAIN_SITE),
    }}
    if editions.may_view(request.user, EditionKind.DIK):
        context["editions"].append(_edition_state(EditionKind.DIK))
    context["active_announcements"] = list(announcements.active_announcements()[:5])
    context["stale_count"] = refresh.stale_count_for(request.user)
    if context["may"]["data_center"]:
        counts = dict(DatasetSync.objects.filter(portal__enabled=True).values_list("state")
                      .annotate(n=Count("pk")).values_list("state", "n"))
        context["syncs"] = [(SyncState(s), counts.get(s, 0)) for s in SyncState.values]
        context["is_main_ppid"] = bool(agency and agency.is_main_ppid)
    if context["may"]["maintain"]:
        context["last_run"] = MaintenanceRun.objects.first()
    return render(request, "publication/dashboard.html", context)
