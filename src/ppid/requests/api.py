"""API of requests for information, objections and the public service statistics.

Staff endpoints (Bearer token) show only the requests the caller handles
(`services.visible_requests`), and only there the requester's personal data. The public
endpoints file a request (JSON, no files; rate-limited per address like the portal form) and
give the service statistics, which never carry personal data.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from pydantic import Field

from ppid.core.errors import InvalidInput, ServiceError
from ppid.core.models import Unit
from ppid.exemptions.models import ExemptionDecision
from ppid.register import services as register
from ppid.register.models import DocumentVersion
from ppid.register.schemas import ErrorOut, UnitRef
from ppid.requests import objections, reports, services, spam
from ppid.requests.constants import ObjectionStatus, Outcome, RequestStatus
from ppid.requests.models import Objection, Request
from ppid.worktime.services import work_calendar

public_router = Router(tags=["public"])
staff_router = Router(tags=["requests"])

MAX_PAGE_SIZE = 100
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
PUBLIC_ERRORS = {422: ErrorOut, 429: ErrorOut}
MIN_YEAR, MAX_YEAR = 2000, 2100


class TooManyRequests(ServiceError):
    status_code = 429
    code = "rate_limited"


# --------------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------------


class RequestRowOut(Schema):
    id: int
    number: str
    channel: str
    received_at: datetime
    counted_from: date
    due_at: datetime
    status: str
    outcome: str
    unit: UnitRef | None
    days_left: int = Field(description="Working days left, today included (1 on the last day); "
                                       "negative when overdue. Frozen once decided or closed.")
    overdue: bool
    clock_stopped: bool
    requester_name: str


class RequestPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RequestRowOut]


class RequesterOut(Schema):
    kind: str
    name: str
    id_number: str
    address: str
    occupation: str
    phone: str
    email: str
    on_behalf_of: str
    has_identity_file: bool
    has_proxy_letter: bool
    erased_at: datetime | None


class ExemptionDecisionRef(Schema):
    id: int
    number: str
    ground: str
    item_id: int


class DecisionOut(Schema):
    holding: str
    other_body: str
    outcome: str
    grounds: list[str]
    information_form: str
    available_on: date | None
    fee: int
    payment_method: str
    explanation: str
    notice_delivered_by: str
    decided_at: datetime | None
    decided_by: str | None
    items: list[int]
    given_versions: list[UUID]
    exemption_decisions: list[ExemptionDecisionRef]


class EventOut(Schema):
    kind: str
    public: bool
    message: str
    actor: str | None
    at: datetime
    objection: str | None


class DisputeOut(Schema):
    id: int
    stage: str
    filed_on: date
    commission: str
    register_number: str
    decided_on: date | None
    outcome: str
    deadline: date
    in_time: bool


class ObjectionOut(Schema):
    id: int
    number: str
    request_id: int
    request_number: str
    channel: str
    filed_at: datetime
    counted_from: date
    cause_on: date
    due_at: datetime
    days_left: int | None
    overdue: bool
    status: str
    grounds: list[str]
    case_position: str
    proxy_name: str
    has_power_of_attorney: bool
    outcome: str
    reasons: str
    order: str
    letter_number: str
    answered_at: datetime | None
    answered_by: str | None
    dispute: DisputeOut | None


class ObjectionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ObjectionOut]


class RequestDetailOut(RequestRowOut):
    written: bool
    requester: RequesterOut
    details: str
    purpose: str
    obtain_method: str
    delivery_method: str
    language: str
    forward_note: str
    forwarded_at: datetime | None
    extension_days: int
    extension_reason: str
    extended_at: datetime | None
    decision: DecisionOut | None
    completed_at: datetime | None
    closed_at: datetime | None
    events: list[EventOut]
    objections: list[ObjectionOut]
    tracking_code: str | None = Field(
        None, description="Only in the answer to POST /requests: give it to the requester.")


class RequesterIn(Schema):
    requester_kind: str = "person"
    name: str
    id_number: str = ""
    address: str = ""
    occupation: str = ""
    phone: str = ""
    email: str = ""
    details: str
    purpose: str
    obtain_method: str = "soft_copy"
    delivery_method: str = ""


class StaffRequestIn(RequesterIn):
    channel: str = Field("in_person", description="in_person, letter, phone or email")
    written: bool | None = Field(None, description="Default: true for letters and e-mail.")
    received_at: datetime | None = Field(
        None, description="Default: now. Without an offset, the agency's local time.")
    on_behalf_of: str = Field("", description="Needs the proxy letter: file such requests in "
                                              "the workspace, where it can be attached.")
    language: str = "id"


class PublicRequestIn(RequesterIn):
    language: str = ""


class PublicReceiptOut(Schema):
    number: str
    tracking_code: str
    received_at: datetime
    counted_from: date
    due_at: datetime
    tracking_url: str


class ForwardIn(Schema):
    unit: int
    note: str = ""


class ExtendIn(Schema):
    days: int
    reason: str


class DecideIn(Schema):
    holding: str = Field(description="held, other_body or not_documented")
    outcome: str = Field("", description="granted, partly or rejected (when held)")
    other_body: str = ""
    items: list[int] = Field(default_factory=list, description="Register item ids")
    versions: list[UUID] = Field(default_factory=list,
                                 description="File ids (public_id) of the documents given")
    exemption_decisions: list[int] = Field(default_factory=list,
                                           description="Exemption decision ids relied on")
    information_form: str = ""
    available_on: date | None = None
    fee: int = 0
    payment_method: str = ""
    explanation: str = ""
    notice_delivered_by: str = ""


class AnswerIn(Schema):
    outcome: str = Field(description="accepted, partly or upheld")
    reasons: str
    order: str = ""
    letter_number: str = ""


class MonthCount(Schema):
    month: int
    requests: int


class PublicStatisticsOut(Schema):
    year: int
    requests: int
    decided: int
    per_month: list[MonthCount]
    median_days: float | None = Field(description="Median working days to the written notice")
    on_time_share: float | None = Field(description="Percent of notices within the deadline")
    granted: int
    partly_granted: int
    rejected: int
    not_held: int
    objections: int
    disputes: int


# --------------------------------------------------------------------------------------------
# Serialisation
# --------------------------------------------------------------------------------------------


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def _page(page: int, page_size: int) -> tuple[int, int, int]:
    page = max(page, 1)
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    return page, page_size, (page - 1) * page_size


def _row(req: Request, now: datetime, calendar) -> dict:
    clock = services.clock(req, now=now, calendar=calendar)
    unit = req.assigned_unit
    return {
        "id": req.pk, "number": req.number, "channel": req.channel,
        "received_at": req.received_at, "counted_from": req.counted_from, "due_at": req.due_at,
        "status": req.status, "outcome": req.outcome,
        "unit": {"id": unit.pk, "name": unit.name} if unit else None,
        "days_left": clock.days_left, "overdue": clock.overdue, "clock_stopped": clock.stopped,
        "requester_name": req.name,
    }


def _dispute(obj: Objection) -> dict | None:
    dispute = getattr(obj, "dispute", None)
    if dispute is None:
        return None
    timing = objections.dispute_timing(dispute)
    return {"id": dispute.pk, "stage": dispute.stage, "filed_on": dispute.filed_on,
            "commission": dispute.commission, "register_number": dispute.register_number,
            "decided_on": dispute.decided_on, "outcome": dispute.outcome,
            "deadline": timing.deadline, "in_time": timing.in_time}


def _objection(obj: Objection, now: datetime, calendar) -> dict:
    waiting = obj.status == ObjectionStatus.RECEIVED
    return {
        "id": obj.pk, "number": obj.number, "request_id": obj.request_id,
        "request_number": obj.request.number, "channel": obj.channel, "filed_at": obj.filed_at,
        "counted_from": obj.counted_from, "cause_on": obj.cause_on, "due_at": obj.due_at,
        "days_left": services.working_days_left(obj.due_at, now, calendar) if waiting else None,
        "overdue": waiting and now > obj.due_at, "status": obj.status, "grounds": obj.grounds,
        "case_position": obj.case_position, "proxy_name": obj.proxy_name,
        "has_power_of_attorney": bool(obj.power_of_attorney), "outcome": obj.outcome,
        "reasons": obj.reasons, "order": obj.order, "letter_number": obj.letter_number,
        "answered_at": obj.answered_at, "answered_by": _username(obj.answered_by),
        "dispute": _dispute(obj),
    }


def _decision(req: Request) -> dict | None:
    if req.decided_at is None:
        return None
    return {
        "holding": req.holding, "other_body": req.other_body, "outcome": req.outcome,
        "grounds": req.grounds or [], "information_form": req.information_form,
        "available_on": req.available_on, "fee": int(req.fee or 0),
        "payment_method": req.payment_method, "explanation": req.explanation,
        "notice_delivered_by": req.notice_delivered_by, "decided_at": req.decided_at,
        "decided_by": _username(req.decided_by),
        "items": sorted(req.items.values_list("pk", flat=True)),
        "given_versions": list(req.given_versions.values_list("public_id", flat=True)),
        "exemption_decisions": [{"id": d.pk, "number": d.number, "ground": d.ground,
                                 "item_id": d.item_id}
                                for d in req.exemption_decisions.order_by("pk")],
    }


def _detail(req: Request, *, tracking_code: str | None = None) -> dict:
    req = Request.objects.select_related("assigned_unit", "decided_by").get(pk=req.pk)
    now, calendar = timezone.now(), work_calendar()
    objection_rows = (req.objections.select_related("request", "answered_by", "dispute")
                      .order_by("filed_at", "pk"))
    return {
        **_row(req, now, calendar),
        "written": req.written,
        "requester": {
            "kind": req.requester_kind, "name": req.name, "id_number": req.id_number,
            "address": req.address, "occupation": req.occupation, "phone": req.phone,
            "email": req.email, "on_behalf_of": req.on_behalf_of,
            "has_identity_file": bool(req.identity_file),
            "has_proxy_letter": bool(req.proxy_letter),
            "erased_at": req.personal_data_erased_at,
        },
        "details": req.details, "purpose": req.purpose, "obtain_method": req.obtain_method,
        "delivery_method": req.delivery_method, "language": req.language,
        "forward_note": req.forward_note, "forwarded_at": req.forwarded_at,
        "extension_days": req.extension_days, "extension_reason": req.extension_reason,
        "extended_at": req.extended_at, "decision": _decision(req),
        "completed_at": req.completed_at, "closed_at": req.closed_at,
        "events": [{"kind": e.kind, "public": e.public, "message": e.message,
                    "actor": _username(e.actor), "at": e.at,
                    "objection": e.objection.number if e.objection_id else None}
                   for e in req.events.select_related("actor", "objection")],
        "objections": [_objection(o, now, calendar) for o in objection_rows],
        "tracking_code": tracking_code,
    }


def _aware(moment: datetime | None) -> datetime | None:
    """A time without an offset is the agency's local time."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return moment.replace(tzinfo=work_calendar().tz)


def _by_ids(queryset, ids, field: str, key: str = "pk") -> list:
    """The objects with these ids, in the given order; 422 naming the unknown ones."""
    ids = list(dict.fromkeys(ids))
    found = {getattr(obj, key): obj for obj in queryset.filter(**{f"{key}__in": ids})}
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise InvalidInput(_("The decision refers to something that does not exist."),
                           field_errors={field: [_("Unknown or not visible to you: %(ids)s") % {
                               "ids": ", ".join(unknown)}]})
    return [found[i] for i in ids]


def _check_status(status: str | None, choices) -> None:
    if status and status not in choices:
        raise InvalidInput(_("Unknown status."), field_errors={"status": [_("Unknown status.")]})


# --------------------------------------------------------------------------------------------
# Staff endpoints
# --------------------------------------------------------------------------------------------


@staff_router.get("/requests", response={200: RequestPage, **ERRORS},
                  summary="Requests the caller handles (with the requester's name)")
def list_requests(request, status: str | None = None, year: int | None = None,
                  overdue: bool = False, outcome: str | None = None, unit: int | None = None,
                  q: str | None = None, page: int = 1, page_size: int = 20):
    _check_status(status, RequestStatus.values)
    if outcome and outcome not in Outcome.values:
        raise InvalidInput(_("Unknown decision."), field_errors={"outcome": [
            _("Unknown decision.")]})
    now = timezone.now()
    found = services.search(services.visible_requests(request.auth), q=(q or "").strip(),
                            status=status or "", outcome=outcome or "", year=year, unit=unit,
                            overdue=overdue, now=now).select_related("assigned_unit")
    page, page_size, start = _page(page, page_size)
    calendar = work_calendar()
    return {"count": found.count(), "page": page, "page_size": page_size,
            "results": [_row(r, now, calendar) for r in found[start:start + page_size]]}


@staff_router.post("/requests", response={201: RequestDetailOut, **ERRORS},
                   summary="Register a request made in person, by letter, phone or e-mail")
def create_request(request, payload: StaffRequestIn):
    data = payload.dict()
    data["received_at"] = _aware(data.get("received_at"))
    for name in ("received_at", "written"):
        if data[name] is None:
            data.pop(name)
    req = services.record_request(request.auth, data, request=request)
    return Status(201, _detail(req, tracking_code=services.format_code(req.tracking_code)))


@staff_router.get("/requests/{request_id}", response={200: RequestDetailOut, **ERRORS},
                  summary="One request: requester, clock, decision, events and objections")
def get_request(request, request_id: int):
    return _detail(services.get_request(request.auth, request_id))


@staff_router.post("/requests/{request_id}/forward", response={200: RequestDetailOut, **ERRORS},
                   summary="Forward to the unit (PPID Pelaksana) that holds the information")
def forward_request(request, request_id: int, payload: ForwardIn):
    req = services.get_request(request.auth, request_id)
    unit = Unit.objects.filter(pk=payload.unit).first()
    if unit is None:
        raise InvalidInput(_("Unknown unit."), field_errors={"unit": [_("Unknown unit.")]})
    return _detail(services.forward(request.auth, req, unit, payload.note, request=request))


@staff_router.post("/requests/{request_id}/extend", response={200: RequestDetailOut, **ERRORS},
                   summary="Extend the deadline once, by 1 to 7 working days, with a reason")
def extend_request(request, request_id: int, payload: ExtendIn):
    req = services.get_request(request.auth, request_id)
    return _detail(services.extend(request.auth, req, payload.days, payload.reason,
                                   request=request))


@staff_router.post("/requests/{request_id}/decide", response={200: RequestDetailOut, **ERRORS},
                   summary="Decide and issue the written notice")
def decide_request(request, request_id: int, payload: DecideIn):
    """Items by id, documents given by file id, exemption decisions by id. A rejection needs
    every item exempt by a signed decision; a document with exempt parts is given redacted."""
    req = services.get_request(request.auth, request_id)
    visible = register.staff_items(request.auth)
    decision = services.Decision(
        holding=payload.holding, outcome=payload.outcome, other_body=payload.other_body,
        items=_by_ids(visible, payload.items, "items"),
        versions=_by_ids(DocumentVersion.objects.filter(document__item__in=visible)
                         .select_related("document__item"), payload.versions, "versions",
                         key="public_id"),
        exemption_decisions=_by_ids(ExemptionDecision.objects.filter(item__in=visible),
                                    payload.exemption_decisions, "exemption_decisions"),
        information_form=payload.information_form, available_on=payload.available_on,
        fee=payload.fee, payment_method=payload.payment_method,
        explanation=payload.explanation, notice_delivered_by=payload.notice_delivered_by)
    return _detail(services.decide(request.auth, req, decision, request=request))


@staff_router.get("/objections", response={200: ObjectionPage, **ERRORS},
                  summary="Objections to the requests the caller handles")
def list_objections(request, status: str | None = None, year: int | None = None,
                    request_id: int | None = None, page: int = 1, page_size: int = 20):
    _check_status(status, ObjectionStatus.values)
    found = objections.visible_objections(request.auth).select_related(
        "request", "answered_by", "dispute")
    if status:
        found = found.filter(status=status)
    if year:
        found = found.filter(number_year=year)
    if request_id:
        found = found.filter(request_id=request_id)
    page, page_size, start = _page(page, page_size)
    now, calendar = timezone.now(), work_calendar()
    return {"count": found.count(), "page": page, "page_size": page_size,
            "results": [_objection(o, now, calendar) for o in found[start:start + page_size]]}


@staff_router.get("/objections/{objection_id}", response={200: ObjectionOut, **ERRORS},
                  summary="One objection, with its answer and any dispute")
def get_objection(request, objection_id: int):
    obj = objections.get_objection(request.auth, objection_id)
    return _objection(obj, timezone.now(), work_calendar())


@staff_router.post("/objections/{objection_id}/answer", response={200: ObjectionOut, **ERRORS},
                   summary="The PPID superior's answer to an objection")
def answer_objection(request, objection_id: int, payload: AnswerIn):
    obj = objections.get_objection(request.auth, objection_id)
    obj = objections.answer(request.auth, obj, outcome=payload.outcome, reasons=payload.reasons,
                            order=payload.order, letter_number=payload.letter_number,
                            request=request)
    return _objection(obj, timezone.now(), work_calendar())


# --------------------------------------------------------------------------------------------
# Public endpoints
# --------------------------------------------------------------------------------------------


@public_router.get("/request-statistics", response={200: PublicStatisticsOut, 422: ErrorOut},
                   summary="Service statistics of a year (no personal data)")
def public_request_statistics(request, year: int | None = None):
    year = year or timezone.localdate().year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(_("Unknown year."), field_errors={"year": [_("Unknown year.")]})
    stats = reports.public_statistics(year)
    return {"year": stats.year, "requests": stats.requests, "decided": stats.decided,
            "per_month": [{"month": m, "requests": n} for m, n in stats.per_month],
            "median_days": stats.median_days, "on_time_share": stats.on_time_share,
            "granted": stats.granted, "partly_granted": stats.partly_granted,
            "rejected": stats.rejected, "not_held": stats.not_held,
            "objections": stats.objections, "disputes": stats.disputes}


@public_router.post("/requests", response={201: PublicReceiptOut, **PUBLIC_ERRORS},
                    summary="File a request for information (no attachments)")
def public_file_request(request, payload: PublicRequestIn):
    """Validated like the portal form. Keep the number and tracking code: they open the
    tracking page. At most 5 requests an hour from one address."""
    if spam.over_limit("filing", request, spam.FILING_LIMIT):
        raise TooManyRequests(spam.REFUSALS["rate"])
    data = payload.dict()
    language = (data.pop("language", "") or "")[:2]
    if language not in dict(settings.LANGUAGES):
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
    req = services.file_request(data, language=language, request=request)
    spam.count_filing(request)
    url = request.build_absolute_uri(reverse("requests_public:track")) + f"?nomor={req.number}"
    return Status(201, {"number": req.number,
                        "tracking_code": services.format_code(req.tracking_code),
                        "received_at": req.received_at, "counted_from": req.counted_from,
                        "due_at": req.due_at, "tracking_url": url})
