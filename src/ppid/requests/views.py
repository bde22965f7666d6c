"""Staff pages for requests, objections, disputes, the registers and the service report.

Thin: who may see or do what, and every legal rule, is decided by ppid.requests.services,
.objections, .personal_data and .reports. A service's NotAllowed / NotFound becomes a 403 / 404
page (ppid.workspace.auth); its InvalidInput / Conflict is shown on the form, typed values kept.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput
from ppid.core.http import generated_file_response, stored_file_response
from ppid.register import services as register
from ppid.register.constants import FILE_EXTENSIONS, ExemptionGround
from ppid.register.filetypes import detect
from ppid.requests import objections, personal_data, reports, services
from ppid.requests.constants import (
    OPEN_REQUEST_STATUSES,
    PERSONAL_FILE_FIELDS,
    Channel,
    DisputeOutcome,
    DisputeStage,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    ReportPeriod,
    RequestStatus,
)
from ppid.requests.forms import (
    ALL,
    OPEN,
    AnswerForm,
    CompleteForm,
    DecideForm,
    DisputeDocumentForm,
    DisputeForm,
    EraseForm,
    ExtendForm,
    ForwardForm,
    MessageForm,
    ObjectionFilterForm,
    RegisterFilterForm,
    ReportFilterForm,
    ReportTextForm,
    RequestFilterForm,
    StaffObjectionForm,
    StaffRequestForm,
    WithdrawForm,
)
from ppid.requests.models import Dispute, Objection, Request
from ppid.workspace.auth import staff_required
from ppid.worktime.services import work_calendar

T = "requests/workspace/"
PAGE_SIZE = 25
REGISTER_PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Shown on the form; NotAllowed and NotFound become 403 and 404 pages instead.
FORM_ERRORS = (InvalidInput, Conflict)
# Near the deadline: highlighted in the list.
SOON_DAYS = 2


def _handles_requests(user) -> bool:
    return Access.for_user(user).can_anywhere(C.HANDLE_REQUESTS)


def _require_decide(user) -> None:
    if not services.may_decide(user):
        raise PermissionDenied(_("Only the PPID may do this."))


def _nav(user) -> dict:
    """Flags of the sub-navigation shared by these pages."""
    return {"handles": _handles_requests(user), "may_report": services.may_report(user),
            "may_registers": services.may_handle_all(user)}


def _detail_url(req: Request, anchor: str = "") -> str:
    return reverse("requests:detail", args=[req.pk]) + (f"#{anchor}" if anchor else "")


def _objection_url(obj: Objection, anchor: str = "") -> str:
    return reverse("requests:objection", args=[obj.pk]) + (f"#{anchor}" if anchor else "")


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    return params.urlencode()


def _file_stem(number: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in number).strip("-") or "ppid"


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return generated_file_response(content, filename=filename, content_type="application/pdf",
                                   as_attachment=False)


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    return generated_file_response(content, filename=filename, content_type=content_type)


def _countdown(clock, req: Request | None = None) -> dict:
    """What the countdown badge shows (see _countdown.html)."""
    if req is not None and req.status == RequestStatus.WITHDRAWN:
        state = "withdrawn"
    elif clock.stopped:
        state = "late" if clock.overdue else "done"
    elif clock.overdue:
        state = "overdue"
    elif clock.days_left <= SOON_DAYS:
        state = "soon"
    else:
        state = "running"
    return {"state": state, "days": clock.days_left, "late_days": -clock.days_left,
            "due_at": clock.due_at}


# --------------------------------------------------------------------------------------------
# The list.
# --------------------------------------------------------------------------------------------


@staff_required
def request_list(request):
    user = request.user
    handles = _handles_requests(user)
    if not handles and not services.may_report(user):
        raise PermissionDenied(_("You do not handle requests for information."))
    data = request.GET if request.GET else QueryDict(f"status={OPEN}")
    form = RequestFilterForm(data, years=reports.years_with_requests())
    chosen = form.cleaned_data if form.is_valid() else {}
    visible = services.visible_requests(user)
    queryset = visible
    status = chosen.get("status") or ""
    if status == OPEN:
        queryset = queryset.filter(status__in=OPEN_REQUEST_STATUSES)
        status = ""
    queryset = services.search(
        queryset, q=(chosen.get("q") or "").strip(), status=status,
        outcome=chosen.get("outcome") or "", year=chosen.get("year"),
        unit=chosen["unit"].pk if chosen.get("unit") else None,
        overdue=bool(chosen.get("overdue")))
    if chosen.get("status") == OPEN or chosen.get("overdue"):
        queryset = queryset.order_by("due_at", "pk")
    queryset = queryset.select_related("assigned_unit")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    calendar = work_calendar()
    rows = []
    for req in page.object_list:
        rows.append({"req": req,
                     "countdown": _countdown(services.clock(req, calendar=calendar), req)})
    now = timezone.now()
    open_requests = visible.filter(status__in=OPEN_REQUEST_STATUSES)
    context = {
        "form": form, "page": page, "rows": rows, "querystring": _querystring(request),
        "handles": handles,
        "may_decide": services.may_decide(user),
        "may_report": services.may_report(user),
        "may_registers": services.may_handle_all(user),
        "tab": "overdue" if chosen.get("overdue") else (chosen.get("status") or ALL),
        "open_count": open_requests.count() if handles else 0,
        "overdue_count": open_requests.filter(due_at__lt=now).count() if handles else 0,
    }
    template = T + ("_request_rows.html" if request.headers.get("HX-Request") else "list.html")
    return render(request, template, context)


# --------------------------------------------------------------------------------------------
# Staff entry.
# --------------------------------------------------------------------------------------------


@staff_required
def request_new(request):
    _require_decide(request.user)
    form = StaffRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, files = form.service_data()
        try:
            req = services.record_request(request.user, data, files, request=request)
        except FORM_ERRORS as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _(
                "Request %(number)s was registered. Give the requester the receipt with the "
                "tracking code.") % {"number": req.number})
            return redirect("requests:detail", pk=req.pk)
    return render(request, T + "new.html", {
        "form": form, "files_lost": request.method == "POST" and bool(request.FILES)})


# --------------------------------------------------------------------------------------------
# Detail and actions.
# --------------------------------------------------------------------------------------------


def _ground_label(value: str) -> str:
    try:
        return str(ExemptionGround(value).label)
    except ValueError:
        return value


def _detail(request, req: Request, **forms):
    user = request.user
    decide = services.may_decide(user)
    now = timezone.now()
    calendar = work_calendar()
    clock = services.clock(req, calendar=calendar)
    erasable_on = None if req.personal_data_erased_at else personal_data.erasable_on(req)
    objection_list = list(req.objections.order_by("filed_at", "pk"))
    disputes = {d.objection_id: d for d in Dispute.objects.filter(objection__in=objection_list)}
    for obj in objection_list:
        obj.dispute_record = disputes.get(obj.pk)
    context = {
        "req": req,
        "clock": clock,
        "countdown": _countdown(clock, req),
        "code": services.format_code(req.tracking_code),
        "events": req.events.select_related("actor", "objection").order_by("at", "pk"),
        "objections": objection_list,
        "items": req.items.select_related("holder_unit").order_by("title"),
        "given": req.given_versions.select_related("document__item").order_by("pk"),
        "relied": req.exemption_decisions.select_related("item").order_by("number"),
        "grounds": [_ground_label(g) for g in req.grounds or []],
        "may_decide": decide,
        "can_forward": decide and req.is_open,
        "can_extend": decide and req.is_open and not req.is_extended and now <= req.due_at,
        "can_decide": decide and req.is_open,
        "can_complete": decide and req.status == RequestStatus.DECIDED,
        "can_withdraw": decide and req.is_open,
        "can_object": decide and objections.objectable(req, now),
        "can_erase": decide and not req.personal_data_erased_at,
        "erasable_on": erasable_on,
        "erasable_now": erasable_on is not None and erasable_on <= now,
        "keeping_months": personal_data.keeping_months(),
        "forward_form": forms.get("forward_form") or ForwardForm(
            initial={"unit": req.assigned_unit}),
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "complete_form": forms.get("complete_form") or CompleteForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "message_form": forms.get("message_form") or MessageForm(),
        "erase_form": forms.get("erase_form") or EraseForm(),
        "open_panel": next(iter(forms), ""),
    }
    shown = {"forward_form": context["can_forward"], "extend_form": context["can_extend"],
             "complete_form": context["can_complete"], "withdraw_form": context["can_withdraw"],
             "message_form": True, "erase_form": context["can_erase"] and bool(erasable_on)}
    context["orphan_errors"] = [
        message for name, form in forms.items() if not shown.get(name)
        for messages_ in form.errors.values() for message in messages_]
    context.update(_nav(user))
    return render(request, T + "detail.html", context)


@staff_required
def request_detail(request, pk: int):
    req = services.get_request(request.user, pk)
    return _detail(request, req)


def _action(request, pk: int, form_class, form_name: str, run, success, anchor: str = ""):
    """A POSTed panel of the detail page: run the service, or show its errors on the panel."""
    req = services.get_request(request.user, pk)
    if request.method != "POST":
        return redirect(_detail_url(req, anchor))
    form = form_class(request.POST)
    if form.is_valid():
        try:
            run(req, form.cleaned_data)
        except FORM_ERRORS as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, success)
            return redirect(_detail_url(req, anchor))
    return _detail(request, req, **{form_name: form})


@staff_required
def request_forward(request, pk: int):
    return _action(
        request, pk, ForwardForm, "forward_form",
        lambda req, d: services.forward(request.user, req, d["unit"], d["note"],
                                        request=request),
        _("The request was forwarded; the unit has been notified."))


@staff_required
def request_extend(request, pk: int):
    return _action(
        request, pk, ExtendForm, "extend_form",
        lambda req, d: services.extend(request.user, req, d["days"], d["reason"],
                                       request=request),
        _("The deadline was extended; the requester has been told why."))


@staff_required
def request_complete(request, pk: int):
    return _action(
        request, pk, CompleteForm, "complete_form",
        lambda req, d: services.complete(request.user, req, d["note"], request=request),
        _("The request is completed."))


@staff_required
def request_withdraw(request, pk: int):
    return _action(
        request, pk, WithdrawForm, "withdraw_form",
        lambda req, d: services.withdraw(request.user, req, d["reason"], request=request),
        _("The withdrawal was recorded."))


@staff_required
def request_message(request, pk: int):
    return _action(
        request, pk, MessageForm, "message_form",
        lambda req, d: services.post_message(request.user, req, d["message"],
                                             public=d["public"]),
        _("The message was added."), anchor="timeline")


@staff_required
def request_erase(request, pk: int):
    return _action(
        request, pk, EraseForm, "erase_form",
        lambda req, d: personal_data.erase(req, actor=request.user, request=request,
                                           force=bool(d.get("force"))),
        _("The requester's personal data was erased; the erasure is in the audit log."),
        anchor="personal-data")


@staff_required
def request_decide(request, pk: int):
    user = request.user
    req = services.get_request(user, pk)
    _require_decide(user)
    if not req.is_open:
        messages.info(request, _("This request has already been decided or closed."))
        return redirect(_detail_url(req))
    staff_items = register.staff_items(user)
    if request.method == "POST":
        refresh = bool(request.POST.get("refresh"))
        form = DecideForm(request.POST, user=user, req=req, staff_items=staff_items,
                          prefill_decisions=refresh)
        if refresh:
            # Only choosing items or searching: show the form again without judging it yet.
            form._errors = ErrorDict()
        elif form.is_valid():
            try:
                services.decide(user, req, form.decision(), request=request)
            except FORM_ERRORS as exc:
                exc.add_to_form(form)
            else:
                messages.success(request, _("The decision was recorded. Print or send the "
                                            "written notice."))
                return redirect(_detail_url(req))
    else:
        form = DecideForm(user=user, req=req, staff_items=staff_items, initial={
            "holding": "held", "fee": 0,
            "information_form": req.obtain_method,
            "notice_delivered_by": req.delivery_method or ("email" if req.email
                                                           else "pick_up"),
        })
    calendar = work_calendar()
    return render(request, T + "decide.html", {
        "req": req, "form": form,
        "countdown": _countdown(services.clock(req, calendar=calendar)),
        "obtain_view": req.obtain_method == ObtainMethod.VIEW,
    })


# --------------------------------------------------------------------------------------------
# Files and PDFs.
# --------------------------------------------------------------------------------------------


def _detected_file(name: str, stem: str, *, sha256: str = ""):
    """A stored upload served with the type read from its content (its name is not trusted)."""
    try:
        with default_storage.open(name, "rb") as handle:
            kind = detect(handle)
    except FileNotFoundError as exc:
        raise Http404(_("No such file.")) from exc
    extension = FILE_EXTENSIONS.get(kind, "bin") if kind else "bin"
    return stored_file_response(name, filename=f"{stem}.{extension}", sha256=sha256,
                                content_type=kind.value if kind else "application/octet-stream")


def _stored_personal_file(request, owner, field_file, label: str):
    if not field_file:
        raise Http404(_("No such file."))
    response = _detected_file(field_file.name, f"{_file_stem(owner.number)}-{label}")
    audit.record(Action.DOWNLOAD, actor=request.user, obj=owner, request=request,
                 after={"file": label})
    return response


@staff_required
def personal_file(request, pk: int, field: str):
    req = services.get_request(request.user, pk)
    if field not in PERSONAL_FILE_FIELDS:
        raise Http404(_("No such file."))
    return _stored_personal_file(request, req, getattr(req, field), field.replace("_", "-"))


@staff_required
def power_of_attorney(request, pk: int):
    obj = objections.get_objection(request.user, pk)
    return _stored_personal_file(request, obj, obj.power_of_attorney, "power-of-attorney")


@staff_required
def receipt_pdf(request, pk: int):
    from ppid.requests import documents

    req = services.get_request(request.user, pk)
    return _pdf(documents.receipt_pdf(req), documents.receipt_filename(req))


@staff_required
def notice_pdf(request, pk: int):
    from ppid.requests import documents

    req = services.get_request(request.user, pk)
    if req.decided_at is None:
        raise Http404(_("The request has not been decided yet."))
    return _pdf(documents.notice_pdf(req), documents.notice_filename(req))


@staff_required
def answer_pdf(request, pk: int):
    from ppid.requests import documents

    obj = objections.get_objection(request.user, pk)
    if obj.answered_at is None:
        raise Http404(_("The objection has not been answered yet."))
    return _pdf(documents.answer_pdf(obj), documents.answer_filename(obj))


@staff_required
def dispute_document(request, pk: int):
    document = objections.get_dispute_document(request.user, pk)
    stem = "".join(ch if ch.isalnum() else "-" for ch in document.title)[:80].strip("-")
    return _detected_file(document.file.name, stem or "dokumen", sha256=document.sha256)


# --------------------------------------------------------------------------------------------
# Objections and disputes.
# --------------------------------------------------------------------------------------------


@staff_required
def objection_new(request, pk: int):
    user = request.user
    req = services.get_request(user, pk)
    _require_decide(user)
    cause = objections.default_cause(req)
    form = StaffObjectionForm(request.POST or None, request.FILES or None,
                              initial={"cause_on": cause})
    if request.method == "POST" and form.is_valid():
        data, files = form.service_data()
        try:
            obj = objections.record_objection(user, req, data, files, request=request)
        except FORM_ERRORS as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Objection %(number)s was registered; the PPID superior "
                                        "has been notified.") % {"number": obj.number})
            return redirect("requests:objection", pk=obj.pk)
    return render(request, T + "objection_new.html", {
        "req": req, "form": form, "cause": cause,
        "filing_deadline": objections.filing_deadline(cause),
        "objectable": objections.objectable(req),
        "files_lost": request.method == "POST" and bool(request.FILES)})


@staff_required
def objection_list(request):
    user = request.user
    if not _handles_requests(user):
        raise PermissionDenied(_("You do not handle requests for information."))
    years = sorted(set(Objection.objects.values_list("number_year", flat=True))
                   | {timezone.localdate().year}, reverse=True)
    form = ObjectionFilterForm(request.GET or None, years=years)
    chosen = form.cleaned_data if form.is_valid() else {}
    queryset = objections.visible_objections(user).select_related("request", "dispute")
    if chosen.get("q"):
        q = chosen["q"].strip()
        queryset = queryset.filter(Q(number__icontains=q) | Q(request__number__icontains=q))
    if chosen.get("status"):
        queryset = queryset.filter(status=chosen["status"])
    if chosen.get("outcome"):
        queryset = queryset.filter(outcome=chosen["outcome"])
    if chosen.get("year"):
        queryset = queryset.filter(number_year=chosen["year"])
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    calendar = work_calendar()
    rows = []
    for obj in page.object_list:
        left = (services.working_days_left(obj.due_at, calendar=calendar)
                if obj.status == ObjectionStatus.RECEIVED else None)
        rows.append({"obj": obj, "left": left,
                     "grounds": ", ".join(obj.grounds or []),
                     "dispute": getattr(obj, "dispute", None)})
    return render(request, T + "objections.html", {
        "form": form, "page": page, "rows": rows, "querystring": _querystring(request),
        **_nav(user)})


def _dates(values) -> list:
    days = []
    for value in values or []:
        try:
            days.append(date.fromisoformat(str(value)))
        except ValueError:
            continue
    return days


def _objection_page(request, obj: Objection, **forms):
    user = request.user
    decide = services.may_decide(user)
    now = timezone.now()
    calendar = work_calendar()
    dispute = Dispute.objects.filter(objection=obj).first()
    documents = OrderedDict((stage, []) for stage in DisputeStage)
    if dispute is not None:
        for document in dispute.documents.select_related("uploaded_by"):
            documents.setdefault(DisputeStage(document.stage), []).append(document)
    may_answer = objections.may_answer(user) and obj.status == ObjectionStatus.RECEIVED
    context = {
        "obj": obj, "req": obj.request,
        "grounds": [ObjectionGround(g).label for g in obj.grounds or []
                    if g in ObjectionGround.values],
        "days_left": services.working_days_left(obj.due_at, calendar=calendar)
        if obj.status == ObjectionStatus.RECEIVED else None,
        "answered_late": bool(obj.answered_at and obj.answered_at > obj.due_at),
        "may_answer": may_answer,
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "dispute": dispute,
        "dispute_deadline": objections.dispute_deadline(obj, calendar),
        "dispute_timing": objections.dispute_timing(dispute) if dispute else None,
        "mediation_dates": _dates(dispute.mediation_dates) if dispute else [],
        "adjudication_dates": _dates(dispute.adjudication_dates) if dispute else [],
        "dispute_possible": obj.status == ObjectionStatus.ANSWERED or now > obj.due_at,
        "can_record_dispute": decide and dispute is None and (
            obj.status == ObjectionStatus.ANSWERED or now > obj.due_at),
        "can_edit_dispute": decide and dispute is not None,
        "dispute_form": forms.get("dispute_form") or (
            DisputeForm(instance=dispute) if dispute else
            DisputeForm(initial={"stage": DisputeStage.FILED,
                                 "filed_on": timezone.localdate()})),
        "document_form": forms.get("document_form") or DisputeDocumentForm(
            initial={"stage": dispute.stage if dispute else DisputeStage.FILED}),
        "documents": [(stage, docs) for stage, docs in documents.items() if docs],
        "events": obj.events.select_related("actor").order_by("at", "pk"),
        **_nav(user),
    }
    return render(request, T + "objection.html", context)


@staff_required
def objection_detail(request, pk: int):
    return _objection_page(request, objections.get_objection(request.user, pk))


@staff_required
def objection_answer(request, pk: int):
    obj = objections.get_objection(request.user, pk)
    if request.method != "POST":
        return redirect(_objection_url(obj, "answer"))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            objections.answer(request.user, obj, request=request, **form.cleaned_data)
        except FORM_ERRORS as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The answer was recorded. Print or send the answer "
                                        "letter."))
            return redirect(_objection_url(obj))
    return _objection_page(request, obj, answer_form=form)


@staff_required
def dispute_edit(request, pk: int):
    user = request.user
    obj = objections.get_objection(user, pk)
    if request.method != "POST":
        return redirect(_objection_url(obj, "dispute"))
    dispute = Dispute.objects.filter(objection=obj).first()
    if request.POST.get("action") == "document":
        if dispute is None:
            raise Http404(_("No dispute is recorded for this objection."))
        form = DisputeDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                objections.add_dispute_document(user, dispute, request=request,
                                                **form.cleaned_data)
            except FORM_ERRORS as exc:
                exc.add_to_form(form)
            else:
                messages.success(request, _("The document was attached."))
                return redirect(_objection_url(obj, "dispute"))
        return _objection_page(request, obj, document_form=form)
    form = DisputeForm(request.POST, instance=dispute)
    if form.is_valid():
        try:
            if dispute is None:
                objections.record_dispute(user, obj, form.service_data(), request=request)
            else:
                objections.update_dispute(user, dispute, form.service_data(), request=request)
        except FORM_ERRORS as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The dispute record was saved."))
            return redirect(_objection_url(obj, "dispute"))
    return _objection_page(request, obj, dispute_form=form)


# --------------------------------------------------------------------------------------------
# Registers.
# --------------------------------------------------------------------------------------------


def _period_bounds(chosen: dict):
    """(first day, last day) chosen by year / month / from–to; None for an open end."""
    start, end = chosen.get("start"), chosen.get("end")
    year, month = chosen.get("year"), chosen.get("month")
    if year and month:
        first = date(year, month, 1)
        last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    elif year:
        first, last = date(year, 1, 1), date(year, 12, 31)
    else:
        first = last = None
    start = max(filter(None, [start, first]), default=None)
    end = min(filter(None, [end, last]), default=None)
    return start, end


def _in_period(queryset, field: str, start, end, tz):
    if start:
        queryset = queryset.filter(**{f"{field}__gte": datetime.combine(start, time.min,
                                                                        tzinfo=tz)})
    if end:
        queryset = queryset.filter(**{f"{field}__lt": datetime.combine(
            end + timedelta(days=1), time.min, tzinfo=tz)})
    return queryset


def _filters_text(form, chosen: dict, start, end) -> str:
    parts = []
    if start or end:
        parts.append(_("Period: %(start)s – %(end)s") % {
            "start": date_format(start, "j F Y") if start else "…",
            "end": date_format(end, "j F Y") if end else "…"})
    for name in ("status", "outcome", "unit"):
        value = chosen.get(name)
        if value:
            field = form.fields[name]
            shown = str(value) if name == "unit" else dict(field.choices).get(value, value)
            parts.append(f"{field.label}: {shown}")
    return "; ".join(str(p) for p in parts) or _("All")


def _register(request, kind: str):
    user = request.user
    if not services.may_handle_all(user):
        raise PermissionDenied(_("The registers hold requesters' names and addresses: only the "
                                 "PPID and the PPID superior see them."))
    from ppid.requests import registers

    objections_kind = kind == "objections"
    years = reports.years_with_requests()
    form = RegisterFilterForm(request.GET or None, years=years, kind=kind)
    form.is_valid()
    chosen = getattr(form, "cleaned_data", {})  # the valid filters, even beside a wrong one
    if not request.GET:
        chosen = {"year": years[0] if years else timezone.localdate().year}
        form = RegisterFilterForm(initial=chosen, years=years, kind=kind)
    start, end = _period_bounds(chosen)
    tz = work_calendar().tz
    if objections_kind:
        queryset = Objection.objects.all()
        queryset = _in_period(queryset, "filed_at", start, end, tz)
        if chosen.get("unit"):
            queryset = queryset.filter(request__assigned_unit=chosen["unit"])
        queryset = queryset.order_by("filed_at", "pk")
        title = _("Register of objections")
    else:
        queryset = Request.objects.all()
        queryset = _in_period(queryset, "received_at", start, end, tz)
        if chosen.get("unit"):
            queryset = queryset.filter(assigned_unit=chosen["unit"])
        queryset = queryset.order_by("received_at", "pk")
        title = _("Register of requests for information")
    if chosen.get("status"):
        queryset = queryset.filter(status=chosen["status"])
    if chosen.get("outcome"):
        queryset = queryset.filter(outcome=chosen["outcome"])
    filters_text = _filters_text(form, chosen, start, end)
    export = request.GET.get("format")
    if export in ("xlsx", "pdf"):
        from ppid.requests import exports

        rows = registers.rows_for(kind, queryset)
        if export == "xlsx":
            content = exports.register_xlsx(kind, rows, title=title, filters_text=filters_text)
            return _attachment(content, exports.register_filename(kind, "xlsx"), XLSX)
        content = exports.register_pdf(kind, rows, title=title, filters_text=filters_text)
        return _attachment(content, exports.register_filename(kind, "pdf"), "application/pdf")
    page = Paginator(queryset.only("pk"), REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    columns = registers.columns_for(kind)
    rows = registers.rows_for(kind, queryset.filter(pk__in=[o.pk for o in page.object_list]))
    table = []
    for offset, row in enumerate(rows):
        row["no"] = page.start_index() + offset
        link = (reverse("requests:objection", args=[row["pk"]]) if objections_kind
                else reverse("requests:detail", args=[row["pk"]]))
        table.append({"row": row, "link": link, "late": row.get("late"),
                      "cells": registers.cells(columns, row)})
    return render(request, T + "register.html", {
        "form": form, "page": page, "header_rows": registers.header_rows(columns),
        "table": table, "title": title,
        "kind": kind, "filters_text": filters_text, "querystring": _querystring(request),
        "nav_current": "objection_register" if objections_kind else "register", **_nav(user)})


@staff_required
def request_register(request):
    return _register(request, "requests")


@staff_required
def objection_register(request):
    return _register(request, "objections")


# --------------------------------------------------------------------------------------------
# The report on information services.
# --------------------------------------------------------------------------------------------


def _labelled(mapping: dict, choices) -> list[tuple[str, int]]:
    result = []
    for key, count in mapping.items():
        try:
            label = choices(key).label
        except ValueError:
            label = key
        result.append((str(label), count))
    return result


@staff_required
def report(request):
    user = request.user
    if not services.may_report(user):
        raise PermissionDenied(_("You may not see the report on information services."))
    years = reports.years_with_requests()
    default_year = timezone.localdate().year - (1 if timezone.localdate().month <= 3 else 0)
    if default_year not in years:
        years = sorted({*years, default_year}, reverse=True)
    params = request.GET.copy()
    params.setdefault("year", str(default_year))
    params.setdefault("period", ReportPeriod.YEAR)
    filter_form = ReportFilterForm(params, years=years)
    if filter_form.is_valid():
        year = filter_form.cleaned_data["year"]
        period = filter_form.cleaned_data["period"] or ReportPeriod.YEAR
    else:
        year, period = default_year, ReportPeriod.YEAR
    editable = services.may_decide(user)
    text = reports.report_text(year, period)
    text_form = ReportTextForm(instance=text)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("Only the PPID writes the service report."))
        text_form = ReportTextForm(request.POST, instance=text)
        if text_form.is_valid():
            try:
                reports.save_report_text(user, year, period, text_form.cleaned_data)
            except FORM_ERRORS as exc:
                exc.add_to_form(text_form)
            else:
                messages.success(request, _("The report's sections were saved."))
                return redirect(f"{reverse('requests:report')}?year={year}&period={period}")
    figures = reports.figures(year, period)
    export = request.GET.get("format")
    if export in ("xlsx", "pdf"):
        from ppid.requests import exports

        if export == "xlsx":
            return _attachment(exports.report_xlsx(figures, text),
                               exports.report_filename(figures, "xlsx"), XLSX)
        return _attachment(exports.report_pdf(figures, text),
                           exports.report_filename(figures, "pdf"), "application/pdf")
    month_names = {n: date_format(date(2000, n, 1), "F") for n in range(1, 13)}
    return render(request, T + "report.html", {
        "filter_form": filter_form, "text_form": text_form, "editable": editable,
        "year": year, "period": period, "period_label": ReportPeriod(period).label,
        "f": figures, "text": text,
        "due_on": date(year + 1, 3, 31),
        "by_channel": _labelled(figures.by_channel, Channel),
        "by_month": [(month_names[m], n) for m, n in figures.by_month],
        "rejected_by_ground": _labelled(figures.rejected_by_ground, ExemptionGround),
        "partly_by_ground": _labelled(figures.partly_by_ground, ExemptionGround),
        "objections_by_ground": _labelled(figures.objections_by_ground, ObjectionGround),
        "objections_by_outcome": _labelled(figures.objections_by_outcome, ObjectionOutcome),
        "disputes_by_stage": _labelled(figures.disputes_by_stage, DisputeStage),
        "disputes_by_outcome": _labelled(figures.disputes_by_outcome, DisputeOutcome),
        "querystring": f"year={year}&period={period}",
        **_nav(user),
    })
