"""The public side of requests: filing, receipt, tracking, objections, statistics.

Thin: every rule is in `ppid.requests.services` and `ppid.requests.objections`. A request's
tracking pages are reachable only from a session that filed it or proved its number and tracking
code; they show the requester's name and nothing else of their personal data.
"""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.forms.widgets import CheckboxSelectMultiple, RadioSelect
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ppid.core.errors import NotFound, ServiceError
from ppid.core.http import generated_file_response, stored_file_response
from ppid.register.constants import ExemptionGround
from ppid.requests import objections, reports, services, spam
from ppid.requests.constants import (
    GRANTED_OUTCOMES,
    ObjectionGround,
    ObjectionStatus,
    RequestStatus,
)
from ppid.requests.forms_public import ObjectionForm, RequestForm, TrackForm
from ppid.requests.models import Objection, Request
from ppid.worktime.services import work_calendar

# Session keys: the requests this browser may follow, the objections whose code it knows,
# the request just filed, and the objection just filed.
SESSION_REQUESTS = "ppid_tracked_requests"
SESSION_OBJECTIONS = "ppid_known_objections"
SESSION_FILED = "ppid_filed_request"
SESSION_NEW_OBJECTION = "ppid_new_objection"
SESSION_LIMIT = 50
STATISTICS_CACHE_SECONDS = 120


# --------------------------------------------------------------------------------------------
# The session grants access.
# --------------------------------------------------------------------------------------------


def _remember(request, key: str, pk: int) -> None:
    known = [p for p in request.session.get(key, []) if p != pk]
    request.session[key] = (known + [pk])[-SESSION_LIMIT:]


def grant(request, req: Request) -> None:
    """This browser session may follow the request from now on."""
    _remember(request, SESSION_REQUESTS, req.pk)


def granted(request, pk: int) -> bool:
    return pk in request.session.get(SESSION_REQUESTS, [])


def _tracked(request, pk: int) -> Request:
    """The request, if this session may follow it; 404 otherwise (never a hint it exists)."""
    if not granted(request, pk):
        raise Http404
    found = Request.objects.filter(pk=pk).select_related("assigned_unit").first()
    if found is None:
        raise Http404
    return found


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --------------------------------------------------------------------------------------------
# Filing a request.
# --------------------------------------------------------------------------------------------


def error_summary(form) -> list[dict]:
    """Each field in error with a link to it (the first choice of a radio or checkbox group)."""
    rows = []
    for field in form:
        errors = field.errors
        if not errors:
            continue
        anchor = field.auto_id
        if isinstance(field.field.widget, (RadioSelect, CheckboxSelectMultiple)):
            anchor = f"{field.auto_id}_0"
        rows.append({"href": f"#{anchor}", "label": field.label, "messages": errors})
    return rows


def _chosen_files(request, form) -> list[str]:
    return [request.FILES[name].name for name in form.FILE_FIELDS if request.FILES.get(name)]


@never_cache
@require_http_methods(["GET", "POST"])
def request_form(request):
    refusal = None
    if request.method == "POST":
        form = RequestForm(request.POST, request.FILES)
        refusal = spam.filing_refusal(request)
        if form.is_valid() and refusal is None:
            try:
                req = services.file_request(form.service_data(), form.service_files(),
                                            language=get_language(), request=request)
            except ServiceError as exc:
                exc.add_to_form(form)
            else:
                spam.count_filing(request)
                grant(request, req)
                request.session[SESSION_FILED] = req.pk
                return redirect("requests_public:received")
    else:
        form = RequestForm()
    return render(request, "requests/portal/form.html", {
        "form": form,
        "summary": error_summary(form) if form.is_bound else [],
        "refusal": spam.REFUSALS.get(refusal) if refusal else None,
        "files_lost": _chosen_files(request, form) if form.is_bound else [],
        "stamp": spam.issue_stamp(),
        "stamp_field": spam.STAMP_FIELD,
        "honeypot_field": spam.HONEYPOT_FIELD,
        "honeypot_value": request.POST.get(spam.HONEYPOT_FIELD, "") if form.is_bound else "",
    })


@never_cache
@require_GET
def received(request):
    pk = request.session.get(SESSION_FILED)
    if not pk or not granted(request, pk):
        return redirect("requests_public:new")
    req = _tracked(request, pk)
    return render(request, "requests/portal/received.html", {
        "req": req,
        "code": services.format_code(req.tracking_code),
        "zone": work_calendar().tz,
    })


# --------------------------------------------------------------------------------------------
# Tracking.
# --------------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "POST":
        form = TrackForm(request.POST)
        if spam.tracking_blocked(request):
            form.is_valid()
            form.add_error(None, _("Too many tries from your connection. Wait 15 minutes, then "
                                   "try again."))
        elif form.is_valid():
            number, code = form.cleaned_data["number"], form.cleaned_data["code"]
            req = services.find_for_tracking(number, code)
            anchor = ""
            if req is None:
                objection = objections.find_for_tracking(number, code)
                if objection is not None:
                    req = objection.request
                    _remember(request, SESSION_OBJECTIONS, objection.pk)
                    anchor = f"#keberatan-{objection.pk}"
            if req is not None:
                grant(request, req)
                return redirect(reverse("requests_public:status", args=[req.pk]) + anchor)
            spam.count_tracking_failure(request)
            form.add_error(None, _("This number and tracking code do not match a request or an "
                                   "objection. Check both and try again."))
    else:
        form = TrackForm(initial={"number": (request.GET.get("nomor") or "").strip()[:80]})
    followed = list(Request.objects.filter(pk__in=request.session.get(SESSION_REQUESTS, []))
                    .only("number", "status"))
    return render(request, "requests/portal/track.html", {
        "form": form, "summary": error_summary(form) if form.is_bound else [],
        "followed": followed})


def _clock(req: Request) -> dict:
    clock = services.clock(req)
    if req.status == RequestStatus.WITHDRAWN:
        state = "withdrawn"
    elif clock.stopped:
        state = "late" if clock.overdue else "on_time"
    elif clock.overdue:
        state = "overdue"
    else:
        state = "running"
    return {"state": state, "due_at": clock.due_at, "days_left": max(clock.days_left, 0),
            "days_over": max(-clock.days_left, 0), "extended": req.is_extended}


def _given(req: Request) -> list:
    if req.outcome not in GRANTED_OUTCOMES:
        return []
    safe = []
    for version in req.given_versions.select_related("document").order_by("pk"):
        try:
            safe.append(services.given_version(req, version.public_id))
        except NotFound:
            continue
    return safe


def _ground_labels(grounds) -> list[str]:
    labels = []
    for ground in grounds or []:
        try:
            labels.append(str(ExemptionGround(ground).label))
        except ValueError:
            labels.append(ground)
    return labels


def _objection_rows(request, req: Request) -> list[dict]:
    known = set(request.session.get(SESSION_OBJECTIONS, []))
    calendar = work_calendar()
    today = calendar.local(timezone.now()).date()
    rows = []
    for objection in req.objections.order_by("filed_at", "pk"):
        dispute = getattr(objection, "dispute", None)  # None when no dispute was recorded
        dispute_until = None
        if dispute is None and objection.status != ObjectionStatus.WITHDRAWN and (
                objection.answered_at or timezone.now() > objection.due_at):
            dispute_until = objections.dispute_deadline(objection, calendar)
            if dispute_until < today:
                dispute_until = None
        rows.append({
            "obj": objection,
            "grounds": [str(ObjectionGround(g).label) for g in objection.grounds
                        if g in ObjectionGround.values],
            "answered": objection.status == ObjectionStatus.ANSWERED,
            "code": services.format_code(objection.tracking_code)
            if objection.pk in known else "",
            "dispute": dispute,
            "dispute_until": dispute_until,
        })
    return rows


def _objection_window(req: Request) -> dict:
    """Whether an objection may be filed now, and until when."""
    open_objection = req.objections.filter(status=ObjectionStatus.RECEIVED).first()
    if not objections.objectable(req):
        return {"allowed": False, "last_day": None, "open": open_objection, "ended": False}
    calendar = work_calendar()
    last_day = objections.filing_deadline(objections.default_cause(req), calendar)
    ended = calendar.received_on(timezone.now()) > last_day
    return {"allowed": open_objection is None and not ended, "last_day": last_day,
            "open": open_objection, "ended": ended}


@never_cache
@require_GET
def status(request, pk: int):
    req = _tracked(request, pk)
    new_pk = request.session.pop(SESSION_NEW_OBJECTION, None)
    new_objection = req.objections.filter(pk=new_pk).first() if new_pk else None
    decided = req.decided_at is not None and req.status in (RequestStatus.DECIDED,
                                                            RequestStatus.COMPLETED)
    return render(request, "requests/portal/status.html", {
        "req": req,
        "zone": work_calendar().tz,
        "clock": _clock(req),
        "events": services.public_events(req).select_related("objection"),
        "decided": decided,
        "granted": req.outcome in GRANTED_OUTCOMES,
        "given": _given(req) if decided else [],
        "ground_labels": _ground_labels(req.grounds),
        "objection_rows": _objection_rows(request, req),
        "window": _objection_window(req),
        "new_objection": new_objection,
        "new_objection_code": services.format_code(new_objection.tracking_code)
        if new_objection else "",
    })


# --------------------------------------------------------------------------------------------
# Objections.
# --------------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def objection_form(request, pk: int):
    req = _tracked(request, pk)
    window = _objection_window(req)
    if not window["allowed"]:
        return render(request, "requests/portal/objection_form.html", {
            "req": req, "window": window, "form": None}, status=200)
    if request.method == "POST":
        form = ObjectionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                objection = objections.file_objection(req, form.service_data(),
                                                      form.service_files(), request=request)
            except ServiceError as exc:
                exc.add_to_form(form)
            else:
                _remember(request, SESSION_OBJECTIONS, objection.pk)
                request.session[SESSION_NEW_OBJECTION] = objection.pk
                return redirect(reverse("requests_public:status", args=[req.pk])
                                + f"#keberatan-{objection.pk}")
    else:
        form = ObjectionForm()
    return render(request, "requests/portal/objection_form.html", {
        "req": req, "window": window, "form": form,
        "summary": error_summary(form) if form.is_bound else [],
        "files_lost": _chosen_files(request, form) if form.is_bound else [],
    })


# --------------------------------------------------------------------------------------------
# Documents.
# --------------------------------------------------------------------------------------------


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return generated_file_response(content, filename=filename, content_type="application/pdf")


@require_GET
def receipt_pdf(request, pk: int):
    from ppid.requests import documents

    req = _tracked(request, pk)
    return _pdf(documents.receipt_pdf(req), documents.receipt_filename(req))


@require_GET
def notice_pdf(request, pk: int):
    from ppid.requests import documents

    req = _tracked(request, pk)
    if req.decided_at is None or req.status not in (RequestStatus.DECIDED,
                                                    RequestStatus.COMPLETED):
        raise Http404
    return _pdf(documents.notice_pdf(req), documents.notice_filename(req))


@require_GET
def answer_pdf(request, pk: int):
    from ppid.requests import documents

    objection = Objection.objects.filter(pk=pk).select_related("request").first()
    if objection is None or not granted(request, objection.request_id) or \
            objection.status != ObjectionStatus.ANSWERED:
        raise Http404
    return _pdf(documents.answer_pdf(objection), documents.answer_filename(objection))


@require_GET
def given_file(request, pk: int, public_id):
    req = _tracked(request, pk)
    try:
        version = services.given_version(req, public_id)
    except NotFound as exc:
        raise Http404 from exc
    response = stored_file_response(version.file.name, filename=version.download_name,
                                    content_type=version.content_type, sha256=version.sha256)
    response["Content-Disposition"] = content_disposition_header(True, version.download_name)
    return response


# --------------------------------------------------------------------------------------------
# Statistics.
# --------------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@require_GET
def statistics(request):
    years = reports.years_with_requests()
    try:
        year = int(request.GET.get("year") or years[0])
    except ValueError:
        year = years[0]
    if year not in years:
        year = years[0]
    stats = cache.get_or_set(f"ppid:public-statistics:{year}",
                             lambda: reports.public_statistics(year), STATISTICS_CACHE_SECONDS)
    highest = max((n for _m, n in stats.per_month), default=0)
    months = [{"month": date(year, m, 1), "count": n,
               "percent": round(100 * n / highest) if highest else 0}
              for m, n in stats.per_month]
    outcomes = [
        (_("Granted in full"), stats.granted),
        (_("Granted in part"), stats.partly_granted),
        (_("Rejected"), stats.rejected),
        (_("Not held by this agency"), stats.not_held),
    ]
    return render(request, "requests/portal/statistics.html", {
        "stats": stats, "years": years, "year": year, "months": months,
        "outcomes": [{"label": label, "count": n, "share": _share(n, stats.decided)}
                     for label, n in outcomes],
    })
