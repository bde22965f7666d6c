"""The Pusat Data page: CKAN portals, what was sent, what failed, retries by hand.

Thin: ppid.publication.ckan decides who may do what and does it. The API token is never
rendered (the form's field is write-only; the page only says whether one is set).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.core.errors import Conflict, InvalidInput
from ppid.publication import ckan
from ppid.publication.constants import SyncState
from ppid.publication.forms_ckan import DataPortalForm
from ppid.workspace.auth import staff_required

T = "publication/ckan/"
FORM_ERRORS = (InvalidInput, Conflict)


def _page_url() -> str:
    return reverse("publication:data_center")


def _rows(portal) -> dict:
    counts = ckan.state_counts(portal)
    problems = list(ckan.problems(portal))
    titles = ckan.item_titles(sync.item_id for sync in problems)
    failures = []
    for sync in problems:
        error = sync.last_error or ""
        first, _, rest = error.partition("\n")
        failures.append({
            "sync": sync, "title": titles.get(sync.item_id, ""),
            "item_url": ckan.item_workspace_url(sync.item_id),
            "error": first, "raw": rest.strip(),
            "dataset_url": (ckan.dataset_page_url(portal, sync.dataset_name)
                            if sync.dataset_name else ""),
        })
    return {
        "portal": portal, "counts": counts,
        "figures": [(value, label, counts.get(value, 0)) for value, label in SyncState.choices],
        "total": sum(counts.values()),
        "failed": counts.get(SyncState.FAILED, 0),
        "retrying": counts.get(SyncState.RETRYING, 0),
        "failures": failures,
        "last_synced_at": ckan.last_synced_at(portal),
        "organization_url": f"{portal.url.rstrip('/')}/organization/{portal.organization}",
    }


@staff_required
def data_center(request):
    portals = [_rows(portal) for portal in ckan.portals(request.user)]
    return render(request, T + "index.html", {"portals": portals})


def _form_page(request, form, portal=None):
    return render(request, T + "form.html", {"form": form, "portal": portal})


@staff_required
def portal_new(request):
    ckan.portals(request.user)  # the permission check
    if request.method == "POST":
        form = DataPortalForm(request.POST)
        if form.is_valid():
            try:
                portal = ckan.create_portal(request.user, form.service_data(), request=request)
            except FORM_ERRORS as error:
                error.add_to_form(form)
            else:
                messages.success(request, _msg_created(portal))
                return redirect(_page_url())
    else:
        form = DataPortalForm()
    return _form_page(request, form)


def _msg_created(portal) -> str:
    if portal.enabled:
        return _("Portal “%(name)s” added; every published item will be sent to it within a few "
                 "minutes.") % {"name": portal.name}
    return _("Portal “%(name)s” added (not sending yet).") % {"name": portal.name}


@staff_required
def portal_edit(request, pk):
    portal = ckan.get_portal(request.user, pk)
    if request.method == "POST":
        form = DataPortalForm(request.POST, instance=portal)
        if form.is_valid():
            try:
                portal = ckan.update_portal(request.user, portal, form.service_data(),
                                            request=request)
            except FORM_ERRORS as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("Portal “%(name)s” saved.") % {"name": portal.name})
                return redirect(_page_url())
    else:
        form = DataPortalForm(instance=portal)
    return _form_page(request, form, portal)


@require_POST
@staff_required
def portal_delete(request, pk):
    portal = ckan.get_portal(request.user, pk)
    name = portal.name
    ckan.delete_portal(request.user, portal, request=request)
    messages.success(request, _("Portal “%(name)s” removed. Datasets already on it stay there.")
                     % {"name": name})
    return redirect(_page_url())


@require_POST
@staff_required
def portal_test(request, pk):
    portal = ckan.get_portal(request.user, pk)
    result = ckan.check_connection(request.user, portal)
    (messages.success if result.ok else messages.error)(
        request, f"{portal.name}: {result.message}")
    return redirect(_page_url() + f"#portal-{portal.pk}")


@require_POST
@staff_required
def portal_retry(request, pk):
    portal = ckan.get_portal(request.user, pk)
    count = ckan.retry(request.user, portal, request=request)
    messages.success(request, _("%(n)s failed item(s) will be sent again within a few minutes.")
                     % {"n": count})
    return redirect(_page_url() + f"#portal-{portal.pk}")


@require_POST
@staff_required
def portal_resend(request, pk):
    portal = ckan.get_portal(request.user, pk)
    count = ckan.resend_all(request.user, portal, request=request)
    messages.success(request, _("Everything will be sent again: %(n)s item(s) queued.")
                     % {"n": count})
    return redirect(_page_url() + f"#portal-{portal.pk}")


@require_POST
@staff_required
def sync_retry(request, pk):
    sync = ckan.get_sync(request.user, pk)
    outcome = ckan.retry(request.user, sync, request=request)
    if outcome.ok:
        messages.success(request, _("Sent to %(portal)s.") % {"portal": sync.portal.name})
    else:
        messages.error(request, _("Still failing: %(error)s")
                       % {"error": outcome.error.describe()})
    return redirect(_page_url() + f"#portal-{sync.portal_id}")
