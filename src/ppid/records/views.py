"""Records pages in the workspace. Thin: every decision is made by ppid.records.services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.core import schedule
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import ServiceError
from ppid.records import documents, services
from ppid.records.forms import (
    ApproveForm,
    CategoryRetentionForm,
    DisposalFilterForm,
    ReasonForm,
    RetentionFilterForm,
)
from ppid.records.models import DisposalStatus, FixityRun, FixityRunStatus
from ppid.register import services as register
from ppid.workspace.auth import staff_required

FIXITY_JOB = "records.fixity_check"


def _tabs(request) -> dict:
    access = Access.for_user(request.user)
    pending = services.staff_disposals(request.user).filter(status=DisposalStatus.PROPOSED)
    return {
        "tab_fixity": access.can(C.VIEW_AUDIT),
        "pending_count": pending.count(),
    }


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@staff_required
def past_retention(request):
    form = RetentionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    items = register.filter_register(
        services.past_retention_items(request.user, today),
        category=filters.get("category") or None,
        unit=filters["unit"].pk if filters.get("unit") else None,
        year=filters.get("year"), q=filters.get("q") or None, public=False,
    )
    if filters.get("proposal") == "none":
        items = items.filter(open_disposal_id__isnull=True)
    elif filters.get("proposal") == "proposed":
        items = items.filter(open_disposal_id__isnull=False)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    access = Access.for_user(request.user)
    for item in page.object_list:
        item.retention_end = services.annotated_end(item)
        item.can_propose = access.can(C.EDIT_ITEMS, item.holder_unit_id)
    return render(request, "records/past_retention.html", {
        **_tabs(request), "form": form, "page": page, "querystring": _querystring(request),
        "today": today, "categories": services.category_retentions(),
    })


@staff_required
def propose(request, item_pk: int):
    item = register.get_staff_item(request.user, item_pk)
    if not services.may_propose(request.user, item):
        raise PermissionDenied(_("You may not propose the disposal of information of this unit."))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            disposal = services.propose_disposal(request.user, item, form.cleaned_data["reason"],
                                                 request=request)
        except ServiceError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The disposal was proposed to the PPID."))
            return redirect("records:disposal", pk=disposal.pk)
    return render(request, "records/propose.html", {
        **_tabs(request), "item": item, "form": form,
        "retention_end": services.retention_end(item),
        "is_past": services.is_past_retention(item),
        "open_disposal": item.disposals.filter(status=DisposalStatus.PROPOSED).first(),
    })


@staff_required
def disposals(request):
    form = DisposalFilterForm(request.GET or None)
    status = form.cleaned_data.get("status") if form.is_valid() else ""
    rows = services.staff_disposals(request.user)
    if status:
        rows = rows.filter(status=status)
    rows = rows.annotate(  # open proposals first, then the latest decisions
        decided=Case(When(status=DisposalStatus.PROPOSED, then=0), default=1),
    ).order_by("decided", F("decided_at").desc(nulls_last=True), "-proposed_at", "-pk")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "records/disposals.html", {
        **_tabs(request), "form": form, "page": page, "querystring": _querystring(request),
    })


@staff_required
def disposal_detail(request, pk: int):
    disposal = services.get_staff_disposal(request.user, pk)
    item = disposal.item
    can_decide = (disposal.status == DisposalStatus.PROPOSED
                  and services.may_decide(request.user, item))
    ended = disposal.snapshot.get("retention_end")
    return render(request, "records/disposal.html", {
        **_tabs(request), "disposal": disposal, "item": item,
        "retention_ended": date.fromisoformat(ended) if ended else None,
        "can_decide": can_decide,
        "approve_form": ApproveForm(prefix="approve"),
        "reject_form": ReasonForm(prefix="reject"),
        "retention_end": (services.retention_end(item)
                          if disposal.status == DisposalStatus.PROPOSED else None),
        "is_past": services.is_past_retention(item),
    })


@staff_required
@require_POST
def approve(request, pk: int):
    disposal = services.get_staff_disposal(request.user, pk)
    form = ApproveForm(request.POST, prefix="approve")
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that the files will be destroyed."))
        return redirect("records:disposal", pk=pk)
    try:
        disposal = services.approve_disposal(request.user, disposal, form.cleaned_data["note"],
                                             request=request)
    except ServiceError as exc:
        if exc.status_code == 403:
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Disposal approved: %(number)s. The files were destroyed.")
                         % {"number": disposal.number})
    return redirect("records:disposal", pk=pk)


@staff_required
@require_POST
def reject(request, pk: int):
    disposal = services.get_staff_disposal(request.user, pk)
    form = ReasonForm(request.POST, prefix="reject")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.reject_disposal(request.user, disposal, reason, request=request)
    except ServiceError as exc:
        if exc.status_code == 403:
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The disposal was rejected."))
    return redirect("records:disposal", pk=pk)


@staff_required
def disposal_pdf(request, pk: int):
    disposal = services.get_staff_disposal(request.user, pk)
    if disposal.status != DisposalStatus.APPROVED:
        messages.error(request, _("The record of the disposal exists once it is approved."))
        return redirect("records:disposal", pk=pk)
    pdf = documents.render_pdf(disposal, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.pdf_filename(disposal)}"'
    return response


@staff_required
def category_periods(request):
    can_edit = Access.for_user(request.user).can(C.MANAGE_AGENCY)
    rows = services.category_retentions()
    form = CategoryRetentionForm(request.POST or None, rows=rows)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("Only an administrator may set the retention periods of "
                                     "categories."))
        if form.is_valid():
            try:
                for category, _label, _years in rows:
                    services.set_category_retention(request.user, category,
                                                    form.cleaned_data.get(category),
                                                    request=request)
            except ServiceError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Retention periods saved."))
                return redirect("records:categories")
    counts = dict(register.staff_items(request.user).filter(retention_years__isnull=True)
                  .values_list("category").annotate(n=Count("pk")).values_list("category", "n"))
    return render(request, "records/categories.html", {
        **_tabs(request), "form": form, "can_edit": can_edit,
        "rows": [(category, label, years, counts.get(category, 0))
                 for category, label, years in rows],
    })


def _require_fixity_view(request) -> None:
    if not services.may_view_fixity(request.user):
        raise PermissionDenied(_("You may not see the fixity checks."))


@staff_required
def fixity(request):
    _require_fixity_view(request)
    if request.method == "POST":
        try:
            services.request_fixity_check(request.user, request=request)
        except ServiceError as exc:
            if exc.status_code == 403:
                raise
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The fixity check was queued; the task worker runs it "
                                        "shortly."))
        return redirect("records:fixity")
    runs = services.fixity_runs(request.user)
    page = Paginator(runs, 25).get_page(request.GET.get("page"))
    job = schedule.get_job(FIXITY_JOB)
    state = dict((j.name, s) for j, s in schedule.status()).get(FIXITY_JOB) if job else None
    last = state.last_enqueued_at if state else None
    return render(request, "records/fixity.html", {
        **_tabs(request), "page": page, "querystring": _querystring(request),
        "can_start": services.may_start_fixity(request.user),
        "job": job, "last_scheduled": last, "next_due": job.next_due(last) if job else None,
        "open_run": FixityRun.objects.filter(
            status__in=[FixityRunStatus.QUEUED, FixityRunStatus.RUNNING],
            queued_at__gte=timezone.now() - services.STALE_RUN_AFTER).order_by("-pk").first(),
    })


@staff_required
def fixity_run(request, pk: int):
    _require_fixity_view(request)
    run = services.fixity_runs(request.user).filter(pk=pk).first()
    if run is None:
        raise Http404(_("Fixity check not found."))
    return render(request, "records/fixity_run.html", {
        **_tabs(request), "run": run, "findings": services.findings_for(request.user, run),
    })
