"""Workspace pages for exempt information. Thin: every rule is in ppid.exemptions.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.core.errors import InvalidInput, ServiceError
from ppid.core.http import file_response, stored_file_response
from ppid.exemptions import documents, redactions, services
from ppid.exemptions.constants import HarmTestStatus
from ppid.exemptions.forms import (
    CustodiansForm,
    HarmTestForm,
    NoteForm,
    OpenForm,
    ReasonForm,
    RedactionForm,
    RejectForm,
    SignForm,
)
from ppid.register import services as register
from ppid.workspace.auth import staff_required
from ppid.worktime.services import work_calendar


def _item_url(item) -> str:
    return reverse("workspace:item", args=[item.pk]) + "#pengecualian"


@staff_required
def exempt_register(request):
    items = list(services.exempt_register(request.user))
    decisions = services.decisions_by_item(items)
    pending = {t.item_id: t for t in services.open_harm_tests_for(items)}
    calendar = work_calendar()
    rows = [{"item": i, "decision": decisions.get(i.pk), "pending": pending.get(i.pk),
             "left": services.working_days_left(i.exemption_until, calendar=calendar)
             if i.exemption_until else None} for i in items]
    return render(request, "exemptions/register.html", {
        "rows": rows,
        "to_do": services.pending_for(request.user),
        "ending": services.ending_soon(request.user),
    })


@staff_required
def item_panel(request, pk: int):
    item = register.get_staff_item(request.user, pk)
    return redirect(_item_url(item))


@staff_required
def harm_test_new(request, pk: int):
    item = register.get_staff_item(request.user, pk)
    initial = {"kind": request.GET.get("kind") or "exempt",
               "scope": request.GET.get("scope") or "whole",
               "ground": item.exemption_ground, "exempt_until": item.exemption_until}
    form = HarmTestForm(request.POST or None, item=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "documents"}
        try:
            test = services.start_harm_test(request.user, item, data,
                                            documents=form.cleaned_data["documents"],
                                            request=request)
        except ServiceError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The harm test was started. Complete it and submit "
                                        "it to the PPID."))
            return redirect("exemptions:harm_test", pk=test.pk)
    return render(request, "exemptions/harm_test_form.html", {"form": form, "item": item,
                                                             "test": None})


@staff_required
def harm_test_edit(request, pk: int):
    test = services.get_harm_test(request.user, pk)
    form = HarmTestForm(request.POST or None, instance=test, item=test.item, editing=True)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "documents"}
        test.refresh_from_db()
        try:
            services.update_harm_test(request.user, test, data,
                                      documents=form.cleaned_data["documents"], request=request)
        except ServiceError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The harm test was saved."))
            return redirect("exemptions:harm_test", pk=test.pk)
    return render(request, "exemptions/harm_test_form.html", {"form": form, "item": test.item,
                                                             "test": test})


@staff_required
def harm_test(request, pk: int):
    test = services.get_harm_test(request.user, pk)
    user = request.user
    item = test.item
    may_prepare = services.may_prepare(user, item)
    may_approve = services.may_approve(user, item)
    may_sign = services.may_sign(user)
    status = test.status
    return render(request, "exemptions/harm_test.html", {
        "test": test, "item": item,
        "missing": services.completeness_errors(test) if test.is_open else {},
        "can_edit": status == HarmTestStatus.DRAFT and (may_prepare or may_approve),
        "can_submit": status == HarmTestStatus.DRAFT and may_prepare,
        "can_approve": status == HarmTestStatus.SUBMITTED and may_approve,
        "can_sign": status == HarmTestStatus.APPROVED and may_sign,
        "can_reject": (status == HarmTestStatus.SUBMITTED and may_approve)
        or (status == HarmTestStatus.APPROVED and may_sign),
        "can_cancel": status in {HarmTestStatus.DRAFT, HarmTestStatus.SUBMITTED}
        and (may_prepare or may_approve),
        "decision": getattr(test, "decision", None),
        "note_form": NoteForm(), "reject_form": RejectForm(), "sign_form": SignForm(),
    })


ACTIONS = {"submit", "approve", "send-back", "reject", "sign", "cancel"}


@staff_required
@require_POST
def harm_test_action(request, pk: int, action: str):
    test = services.get_harm_test(request.user, pk)
    if action not in ACTIONS:
        return redirect("exemptions:harm_test", pk=pk)
    try:
        if action == "submit":
            services.submit(request.user, test, request=request)
            messages.success(request, _("Submitted to the PPID."))
        elif action == "approve":
            services.approve(request.user, test, request.POST.get("note", ""), request=request)
            messages.success(request, _("Approved; the signer has been notified."))
        elif action == "send-back":
            services.send_back(request.user, test, request.POST.get("note", ""),
                               request=request)
            messages.success(request, _("Sent back to draft."))
        elif action == "reject":
            services.reject(request.user, test, request.POST.get("reason", ""),
                            request=request)
            messages.success(request, _("The harm test was rejected."))
        elif action == "cancel":
            services.cancel(request.user, test, request=request)
            messages.success(request, _("The harm test was cancelled."))
        else:
            form = SignForm(request.POST)
            if not form.is_valid():
                raise InvalidInput(_("Check the date."))
            decision = services.sign(request.user, test, place=form.cleaned_data["place"],
                                     on=form.cleaned_data["decided_on"], request=request)
            messages.success(request, _("Decision %(number)s was signed.")
                             % {"number": decision.number})
    except ServiceError as exc:
        messages.error(request, " ".join(exc.lines()))
    return redirect("exemptions:harm_test", pk=pk)


@staff_required
def decision_pdf(request, pk: int):
    decision = services.get_decision(request.user, pk)
    response = HttpResponse(documents.render_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.pdf_filename(decision)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def open_item(request, pk: int):
    item = register.get_staff_item(request.user, pk)
    form = OpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.open_exemption(request.user, item, request=request,
                                               **form.cleaned_data)
        except ServiceError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Decision %(number)s: the information is open.")
                             % {"number": decision.number})
            return redirect(_item_url(item))
    return render(request, "exemptions/open_item.html", {
        "form": form, "item": item, "state": services.state_of(item),
        "allowed": services.may_approve(request.user, item)})


@staff_required
def custodians(request, pk: int):
    item = register.get_staff_item(request.user, pk)
    candidates = (get_user_model().objects.filter(is_active=True, positions__active=True)
                  .distinct().order_by("username"))
    form = CustodiansForm(request.POST or None, candidates=candidates,
                          initial={"custodians": list(item.custodians.all())})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_custodians(request.user, item, form.cleaned_data["custodians"],
                                    request=request)
        except ServiceError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Saved."))
            return redirect(_item_url(item))
    return render(request, "exemptions/custodians.html", {
        "form": form, "item": item, "allowed": services.may_approve(request.user, item)})


@staff_required
def open_document(request, public_id):
    """The one way to open an exempt document: a reason first, recorded, then the file."""
    version = register.staff_versions(request.user).filter(public_id=public_id).select_related(
        "document__item").first()
    if version is None:
        raise Http404(_("File not found."))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = register.get_staff_version(request.user, public_id,
                                                 reason=form.cleaned_data["reason"],
                                                 request=request)
        except InvalidInput as exc:
            exc.add_to_form(form)
        else:
            return _after_opening(request, version)
    elif request.method == "GET" and not services.may_open(request.user, version.document.item):
        services.open_document(request.user, version, None, request=request)  # refuses, logged
    return render(request, "exemptions/open_document.html", {
        "form": form, "version": version, "item": version.document.item,
        "next": request.GET.get("next", ""), "copy": request.GET.get("copy", "")})


def _after_opening(request, version):
    """After the reason was recorded: the file, its archival PDF/A, or the redaction page."""
    if request.GET.get("next") == "redact":
        return redirect("exemptions:redact", public_id=version.public_id)
    if request.GET.get("copy") == "pdfa":
        from ppid.archive.models import Processing

        processing = (Processing.objects.filter(pk=version.pk).exclude(archive_file="")
                      .defer("text").first())
        if processing is None:
            raise Http404(_("This file has no archival PDF/A."))
        stem = version.download_name.rsplit(".", 1)[0]
        register.record_staff_download(request.user, version, request=request)
        return stored_file_response(processing.archive_file.name, filename=f"{stem}-pdfa.pdf",
                                    content_type="application/pdf",
                                    sha256=processing.archive_sha256)
    register.record_staff_download(request.user, version, request=request)
    return file_response(version)


# --------------------------------------------------------------------------------------------
# Redaction (penghitaman).
# --------------------------------------------------------------------------------------------

SUGGESTED_REASONS = {
    "nik": "Data pribadi: Nomor Induk Kependudukan",
    "nip": "Data pribadi: Nomor Induk Pegawai",
    "phone": "Data pribadi: nomor telepon",
    "email": "Data pribadi: alamat surel",
    "account": "Data pribadi: nomor rekening",
}


@staff_required
def redact(request, public_id):
    version = redactions.get_version(request.user, public_id)
    if request.method == "POST":
        form = RedactionForm(request.POST)
        if form.is_valid():
            try:
                redactions.add(request.user, version, request=request, **form.cleaned_data)
            except ServiceError as exc:
                messages.error(request, " ".join(exc.lines()))
            else:
                messages.success(request, _("Region marked."))
        else:
            messages.error(request, _("Draw the region and give the ground and reason."))
        return redirect("exemptions:redact", public_id=public_id)
    try:
        pages = range(redactions.page_count(version))
        found = redactions.suggestions(version)
        problem = ""
    except ServiceError as exc:
        pages, found, problem = range(0), [], str(exc.message)
    marks = list(version.marked_redactions.all())
    for m in marks:
        m.style = (f"left:{m.x0 * 100:.3f}%;top:{m.y0 * 100:.3f}%;"
                   f"width:{(m.x1 - m.x0) * 100:.3f}%;height:{(m.y1 - m.y0) * 100:.3f}%")
    by_page = {n: [m for m in marks if m.page == n] for n in pages}
    run = version.redaction_runs.first()
    return render(request, "exemptions/redact.html", {
        "version": version, "item": version.document.item, "pages": pages, "by_page": by_page,
        "marks": marks, "suggestions": found, "problem": problem, "run": run,
        "form": RedactionForm(), "reasons": SUGGESTED_REASONS,
        "can_apply": redactions.may_apply(request.user, version) and bool(marks),
    })


@staff_required
def redact_page(request, public_id, page: int):
    version = redactions.get_version(request.user, public_id)
    try:
        png = redactions.page_png(version, page, width=int(request.GET.get("w", 1000)))
    except (ServiceError, ValueError) as exc:
        raise Http404(_("Page not found.")) from exc
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_POST
def redact_remove(request, public_id, pk: int):
    version = redactions.get_version(request.user, public_id)
    mark = version.marked_redactions.filter(pk=pk).first()
    if mark is None:
        raise Http404(_("Redaction not found."))
    redactions.remove(request.user, mark, request=request)
    messages.success(request, _("Redaction removed."))
    return redirect("exemptions:redact", public_id=public_id)


@staff_required
@require_POST
def redact_apply(request, public_id):
    version = redactions.get_version(request.user, public_id)
    try:
        redactions.request_apply(request.user, version, request=request)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.lines()))
    else:
        messages.success(request, _("The redactions are being applied; the new public version "
                                    "appears when it is done."))
    return redirect("exemptions:redact", public_id=public_id)


@staff_required
def redact_status(request, public_id):
    version = redactions.get_version(request.user, public_id)
    return render(request, "exemptions/_redaction_run.html", {
        "run": version.redaction_runs.first(), "version": version})

