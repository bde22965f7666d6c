"""Staff workspace. Thin: every decision is made by ppid.register.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.audit import services as audit
from ppid.core import notifications
from ppid.core import services as core_services
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import ReasonRequired, ServiceError
from ppid.core.http import file_response
from ppid.core.models import Agency
from ppid.procedures import services as procedure_services
from ppid.procedures.constants import Scope
from ppid.publication.views_announcements import item_panels as publication_item_panels
from ppid.register import services
from ppid.register.constants import Status
from ppid.register.models import Document
from ppid.search import services as search
from ppid.workspace.auth import staff_required
from ppid.workspace.forms import (
    AgencyForm,
    FilterForm,
    ItemForm,
    OfficeHoursFormSet,
    UnitForm,
    UploadForm,
)


@staff_required
def register(request):
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen = {
        "category": filters.get("category") or None,
        "unit": filters["unit"].pk if filters.get("unit") else None,
        "year": filters.get("year"), "status": filters.get("status") or None,
    }
    if filters.get("q"):
        results = search.search_staff(request.user, filters["q"], search.Filters(**chosen),
                                      page=_page_number(request), page_size=30, facets=False)
        for hit in results.hits:
            hit.item.title_html, hit.item.snippet = hit.title, hit.snippet
        page = search.ResultPage(results)
        page.object_list = [hit.item for hit in results.hits]
    else:
        items = services.filter_register(services.staff_items(request.user), **chosen)
        items = items.select_related("holder_unit").order_by("-updated_at")
        page = Paginator(items, 30).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "querystring": params.urlencode()}
    template = "workspace/_register_rows.html" if request.headers.get("HX-Request") else (
        "workspace/register.html")
    return render(request, template, context)


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page") or 1))
    except ValueError:
        return 1


@staff_required
def item_create(request):
    if not Access.for_user(request.user).can_anywhere(C.EDIT_ITEMS):
        raise PermissionDenied(_("You may not add information."))
    form = ItemForm(request.POST or None, user=request.user,
                    initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(request.user, form.cleaned_data, request=request)
        except ServiceError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The information item was saved as a draft."))
            return redirect("workspace:item", pk=item.pk)
    return render(request, "workspace/item_form.html", {"form": form, "item": None})


@staff_required
def item_edit(request, pk: int):
    item = services.get_staff_item(request.user, pk)
    form = ItemForm(request.POST or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:  # ItemForm leaves `item` untouched (see ItemForm._post_clean)
            services.update_item(request.user, item, form.cleaned_data, request=request)
        except ServiceError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("workspace:item", pk=pk)
    return render(request, "workspace/item_form.html", {"form": form, "item": item})


@staff_required
def item_detail(request, pk: int):
    item = services.get_staff_item(request.user, pk)
    access = Access.for_user(request.user)
    history = audit.events_for(services.ITEM_TYPE, item.pk).order_by("-sequence")
    return render(request, "workspace/item_detail.html", {
        "item": item,
        "documents": services.documents_with_versions(item),
        "transitions": [Status(s) for s in services.allowed_transitions(request.user, item)],
        "upload_form": UploadForm(item=item, initial={"is_public": not item.is_exempt}),
        "history": history,
        "can_edit": services.may_change(request.user, item),
        "can_redact": access.can(C.REDACT, item.holder_unit_id)
        and item.status != Status.DISPOSED,
        "can_upload": access.can(C.UPLOAD_DOCUMENTS, item.holder_unit_id)
        and services.may_change(request.user, item),
        "cases": item.cases.select_related("revision").order_by("-started_at"),
        "procedures": procedure_services.effective_revisions().filter(scope=Scope.ITEM)
        if access.can(C.RUN_PROCEDURES, item.holder_unit_id)
        and item.status != Status.DISPOSED else [],
        # Publication channels and, for berkala items, the refresh state (ppid.publication).
        **publication_item_panels(request.user, item),
    })


@staff_required
@require_POST
def item_upload(request, pk: int):
    item = services.get_staff_item(request.user, pk)
    form = UploadForm(request.POST, request.FILES, item=item)
    if form.is_valid():
        document = None
        if form.cleaned_data["document"]:
            document = Document.objects.filter(pk=form.cleaned_data["document"], item=item).first()
        try:
            version = services.add_version(
                request.user, item, form.cleaned_data["file"], document=document,
                title=form.cleaned_data["title"], is_public=form.cleaned_data["is_public"],
                request=request,
            )
        except ServiceError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Version %(n)s of “%(doc)s” was stored.")
                             % {"n": version.number, "doc": version.document.title})
    else:
        messages.error(request, _("Choose a file to upload."))
    return redirect("workspace:item", pk=pk)


@staff_required
@require_POST
def item_transition(request, pk: int):
    item = services.get_staff_item(request.user, pk)
    target = request.POST.get("to", "")
    try:
        services.transition(request.user, item, target, request=request)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Status changed to “%(status)s”.")
                         % {"status": Status(target).label})
    return redirect("workspace:item", pk=pk)


def _require_audit(request):
    if not Access.for_user(request.user).can(C.VIEW_AUDIT):
        raise PermissionDenied(_("You may not see the audit log."))


def _csv_response(events, filename: str) -> HttpResponse:
    response = HttpResponse(audit.export_csv(events), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
def item_history_export(request, pk: int):
    item = services.get_staff_item(request.user, pk)
    events = audit.events_for(services.ITEM_TYPE, item.pk)
    return _csv_response(events, f"riwayat-informasi-{pk}.csv")


@staff_required
def download(request, public_id):
    try:
        version = services.get_staff_version(request.user, public_id, request=request)
    except ReasonRequired:  # exempt: the secure view asks why, records it, then serves
        return redirect("exemptions:open_document", public_id=public_id)
    services.record_staff_download(request.user, version, request=request)
    return file_response(version)


@staff_required
def audit_log(request):
    _require_audit(request)
    events = services.audit_events_visible_to(request.user).order_by("-sequence")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "workspace/audit.html", {"page": page})


@staff_required
def audit_export(request):
    _require_audit(request)
    events = services.audit_events_visible_to(request.user).order_by("sequence")
    return _csv_response(events, "log-audit.csv")



@staff_required
def agency_settings(request):
    core_services.require_manage_agency(request.user)
    agency = Agency.current() or Agency(name="")
    data = request.POST if request.method == "POST" and "save_agency" in request.POST else None
    form = AgencyForm(data, instance=agency)
    hours = OfficeHoursFormSet(data, instance=agency if agency.pk else None)
    unit_data = request.POST if request.method == "POST" and "add_unit" in request.POST else None
    unit_form = UnitForm(unit_data)
    if data is not None and form.is_valid() and hours.is_valid():
        core_services.save_agency(request.user, form, hours)
        messages.success(request, _("Agency settings saved."))
        return redirect("workspace:settings")
    if unit_data is not None and agency.pk and unit_form.is_valid():
        unit = core_services.add_unit(request.user, agency, unit_form.cleaned_data)
        messages.success(request, _("Unit “%(unit)s” added.") % {"unit": unit.name})
        return redirect("workspace:settings")
    return render(request, "workspace/settings.html", {
        "form": form, "hours": hours, "unit_form": unit_form,
        "units": core_services.unit_tree(),
    })


@staff_required
def notifications_inbox(request):
    """The user's notifications; opening the page marks them read."""
    page = Paginator(notifications.inbox(request.user), 30).get_page(request.GET.get("page"))
    unread = {n.pk for n in page.object_list if n.read_at is None}
    notifications.mark_read(request.user)
    return render(request, "workspace/notifications.html", {"page": page, "unread": unread})
