"""Requests for information on the legal clock (Pasal 21–22 UU 14/2008).

Every rule on who may see a request (and so its requester's personal data), who may forward,
extend and decide it, and what a decision may hand out, is here. Views, the API and the tasks
call these functions; objections and disputes are in `ppid.requests.objections`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core import notifications
from ppid.core.access import ALL_UNITS, Access
from ppid.core.constants import Capability as C
from ppid.core.constants import Role
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.core.models import Agency, Unit
from ppid.exemptions.constants import DecisionKind
from ppid.exemptions.models import ExemptionDecision, RedactionRun
from ppid.register import services as register
from ppid.register.constants import Status
from ppid.register.models import DocumentVersion
from ppid.requests.constants import (
    DEFAULT_REQUEST_NUMBER_FORMAT,
    MAX_EXTENSION_WORKING_DAYS,
    MIN_REASON_LENGTH,
    NOTICE_WORKING_DAYS,
    REQUEST_TRANSITIONS,
    Channel,
    DeliveryMethod,
    EventKind,
    Holding,
    ObtainMethod,
    Outcome,
    RequestStatus,
)
from ppid.requests.models import Event, Request
from ppid.worktime.services import work_calendar

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Unambiguous letters and digits for tracking codes (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10

REQUESTER_FIELDS = ("requester_kind", "name", "id_number", "address", "occupation", "phone",
                    "email", "on_behalf_of", "details", "purpose", "obtain_method",
                    "delivery_method")
FILE_FIELDS = ("identity_file", "proxy_letter")


# --------------------------------------------------------------------------------------------
# Who may do what.
# --------------------------------------------------------------------------------------------


def _require(condition: bool, message) -> None:
    if not condition:
        raise NotAllowed(message)


def visible_requests(user) -> QuerySet[Request]:
    """Requests this staff member handles: all for the PPID and superior, else their units'.

    Seeing a request means seeing its requester's personal data; nobody else does (the head
    of the agency and administrators see the figures only).
    """
    access = Access.for_user(user)
    units = access.units_for(C.HANDLE_REQUESTS)
    if units is ALL_UNITS:
        return Request.objects.all()
    if not units:
        return Request.objects.none()
    return Request.objects.filter(assigned_unit_id__in=list(units))


def may_handle_all(user) -> bool:
    """Sees every request: the full registers (with names) are theirs."""
    return Access.for_user(user).units_for(C.HANDLE_REQUESTS) is ALL_UNITS


def may_decide(user) -> bool:
    return Access.for_user(user).can(C.DECIDE_REQUESTS)


def may_report(user) -> bool:
    return Access.for_user(user).can_anywhere(C.REPORT_REQUESTS)


def get_request(user, pk) -> Request:
    found = visible_requests(user).filter(pk=pk).select_related("assigned_unit").first()
    if found is None:
        raise NotFound(_("No such request."))
    return found


def find_by_code(model, number: str, code: str):
    """The `model` row (request or objection) with this number whose tracking code matches
    (constant-time compare; the code's case, dashes and spaces do not matter)."""
    found = model.objects.filter(number=(number or "").strip()).first()
    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    if found is None or not secrets.compare_digest(found.tracking_code, code):
        return None
    return found


def find_for_tracking(number: str, code: str) -> Request | None:
    return find_by_code(Request, number, code)


# --------------------------------------------------------------------------------------------
# Numbers, codes and the clock.
# --------------------------------------------------------------------------------------------


def format_number(template: str, *, sequence: int, on: date, agency: Agency | None) -> str:
    """A registration number from the agency's format; ValueError on a broken format."""
    fields = {"seq": sequence, "year": on.year, "month": f"{on.month:02d}",
              "roman_month": ROMAN_MONTHS[on.month - 1],
              "agency": (agency.short_name if agency else "") or "PPID"}
    try:
        result = template.format(**fields)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(str(exc)) from exc
    if "{seq" not in template:
        raise ValueError("the format must contain {seq}")
    if "{year" not in template:
        raise ValueError("the format must contain {year}: the sequence restarts every year")
    return result


def check_number_format(template: str) -> None:
    """Raises ValidationError with a readable message when the format cannot number."""
    try:
        format_number(template, sequence=1, on=date(2026, 1, 1), agency=None)
    except ValueError as exc:
        raise ValidationError(
            _("This number format does not work (%(error)s). It needs {seq} and {year}, and may "
              "use {month}, {roman_month} and {agency}, e.g. {seq:03d}/PPID/{roman_month}/{year}."),
            params={"error": exc}) from exc


def next_number(model, template: str, on: date,
                default: str = DEFAULT_REQUEST_NUMBER_FORMAT) -> tuple[str, int]:
    """The next number of the year for `model`; call inside a transaction (locks the agency).

    A broken agency format (it is checked when saved) falls back to `default`.
    """
    agency = Agency.objects.select_for_update().order_by("pk").first()
    last = model.objects.filter(number_year=on.year).aggregate(n=Max("number_sequence"))["n"]
    sequence = (last or 0) + 1
    try:
        number = format_number(template, sequence=sequence, on=on, agency=agency)
    except ValueError:
        number = format_number(default, sequence=sequence, on=on, agency=agency)
    return number, sequence


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code


def notice_deadline(received_at: datetime, calendar=None) -> tuple[date, datetime]:
    """(day the request counts as received, closing time of its 10th working day after)."""
    calendar = calendar or work_calendar()
    return (calendar.received_on(received_at),
            calendar.working_days_deadline(received_at, NOTICE_WORKING_DAYS))


def extended_deadline(due_at: datetime, days: int, calendar=None) -> datetime:
    """The deadline moved by `days` working days (closing time of the new last day)."""
    calendar = calendar or work_calendar()
    # A minute before closing still counts as the due day itself.
    return calendar.working_days_deadline(due_at - timedelta(minutes=1), days)


def working_days_left(due_at: datetime, now: datetime | None = None, calendar=None) -> int:
    """Working days still available, today included (1 on the last day); after the deadline,
    minus the working days since (0 on the evening of the last day)."""
    calendar = calendar or work_calendar()
    now = calendar.local(now or timezone.now())
    due_day = calendar.local(due_at).date()
    if now > due_at:
        return -working_days_between(due_day, now.date(), calendar)
    hours = calendar.hours_on(now.date())
    # Today counts while the office is still open.
    today = 1 if hours and now.time() <= hours[1] else 0
    return working_days_between(now.date(), due_day, calendar) + today


def working_days_between(start: date, end: date, calendar=None) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    calendar = calendar or work_calendar()
    days, day = 0, start
    while day < end:
        day = calendar.next_working_day(day)
        if day <= end:
            days += 1
    return days


@dataclass(frozen=True)
class Clock:
    """What a request's countdown shows."""

    due_at: datetime
    days_left: int
    overdue: bool
    stopped: bool  # decided or withdrawn: the clock no longer runs


def clock(req: Request, now: datetime | None = None, calendar=None) -> Clock:
    stopped = not req.is_open
    moment = (req.decided_at or req.closed_at) if stopped else (now or timezone.now())
    moment = moment or timezone.now()
    days = working_days_left(req.due_at, moment, calendar)
    return Clock(due_at=req.due_at, days_left=days, overdue=moment > req.due_at,
                 stopped=stopped)


# --------------------------------------------------------------------------------------------
# Receiving a request.
# --------------------------------------------------------------------------------------------


def _clean_requester(data: dict) -> dict:
    values = {name: data.get(name) for name in REQUESTER_FIELDS if name in data}
    for name, value in list(values.items()):
        if isinstance(value, str):
            values[name] = value.strip()
    if values.get("obtain_method") == ObtainMethod.VIEW:
        values["delivery_method"] = ""
    return values


def _validate_request(req: Request) -> None:
    errors: dict[str, list] = {}
    if req.obtain_method != ObtainMethod.VIEW and not req.delivery_method:
        errors["delivery_method"] = [_("Choose how the copy should reach the requester.")]
    if req.delivery_method == DeliveryMethod.EMAIL and not req.email:
        errors["email"] = [_("An e-mail address is needed to receive the copy by e-mail.")]
    if req.on_behalf_of and not req.proxy_letter:
        errors["proxy_letter"] = [
            _("A request filed on someone else's behalf needs the proxy letter.")]
    try:
        req.full_clean(exclude=["number", "number_year", "number_sequence", "tracking_code",
                                "counted_from", "due_at"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise InvalidInput(_("The request is not complete."), field_errors=errors)


def _receive(req: Request, *, actor, request=None) -> Request:
    calendar = work_calendar()
    req.counted_from, req.due_at = notice_deadline(req.received_at, calendar)
    _validate_request(req)
    agency = Agency.current()
    template = agency.request_number_format if agency else DEFAULT_REQUEST_NUMBER_FORMAT
    with transaction.atomic():
        req.number, req.number_sequence = next_number(Request, template,
                                                      calendar.local(req.received_at).date())
        req.number_year = calendar.local(req.received_at).year
        req.tracking_code = new_tracking_code()
        req.save()
        _event(req, EventKind.RECEIVED, actor=actor, at=req.received_at)
        audit.record(Action.REQUEST_RECEIVE, actor=actor, obj=req, request=request,
                     after={"number": req.number, "channel": req.channel,
                            "due_at": req.due_at.isoformat()})
        _notify_staff(_ppid_users(), _("New request %(number)s") % {"number": req.number},
                      req, key=f"request-received-{req.pk}")
        transaction.on_commit(lambda: _mail_requester(req.pk, "received"))
    return req


def file_request(data: dict, files: dict | None = None, *, now: datetime | None = None,
                 language: str = "id", request=None) -> Request:
    """A request filed on the portal by a member of the public."""
    req = Request(**_clean_requester(data), channel=Channel.PORTAL, written=True,
                  received_at=now or timezone.now(), language=(language or "id")[:2])
    for name in FILE_FIELDS:
        if files and files.get(name):
            setattr(req, name, files[name])
    return _receive(req, actor=None, request=request)


def record_request(user, data: dict, files: dict | None = None, *, request=None) -> Request:
    """A request made in person, by letter, phone or e-mail, entered by the PPID's staff."""
    _require(may_decide(user), _("Only the PPID's staff register requests."))
    channel = data.get("channel") or Channel.IN_PERSON
    if channel not in Channel.values or channel == Channel.PORTAL:
        raise InvalidInput(_("Choose how the request was received."),
                           field_errors={"channel": [_("Choose how the request was received.")]})
    received_at = data.get("received_at") or timezone.now()
    if received_at > timezone.now():
        raise InvalidInput(_("The time of receipt cannot be in the future."),
                           field_errors={"received_at": [_("This is in the future.")]})
    written = data.get("written")
    if written is None:
        written = channel in (Channel.LETTER, Channel.EMAIL)
    req = Request(**_clean_requester(data), channel=channel, written=bool(written),
                  received_at=received_at, recorded_by=user,
                  language=(data.get("language") or "id")[:2])
    for name in FILE_FIELDS:
        if files and files.get(name):
            setattr(req, name, files[name])
    return _receive(req, actor=user, request=request)


# --------------------------------------------------------------------------------------------
# Processing.
# --------------------------------------------------------------------------------------------


def _locked(req: Request) -> Request:
    return Request.objects.select_for_update().get(pk=req.pk)


def _set_status(req: Request, target: str) -> None:
    if target not in REQUEST_TRANSITIONS[RequestStatus(req.status)]:
        raise Conflict(_("A request that is “%(status)s” cannot become “%(target)s”.") % {
            "status": req.get_status_display(), "target": RequestStatus(target).label})
    req.status = target


def forward(user, req: Request, unit: Unit, note: str = "", *, now: datetime | None = None,
            request=None) -> Request:
    """The PPID hands the request to the unit (PPID Pelaksana) that holds the information."""
    req = get_request(user, req.pk)
    _require(may_decide(user), _("Only the PPID forwards requests."))
    with transaction.atomic():
        req = _locked(req)
        _set_status(req, RequestStatus.FORWARDED)
        req.assigned_unit, req.forward_note = unit, (note or "").strip()
        req.forwarded_at = now or timezone.now()
        req.save(update_fields=["status", "assigned_unit", "forward_note", "forwarded_at"])
        _event(req, EventKind.FORWARDED, actor=user, at=req.forwarded_at)
        audit.record(Action.REQUEST_FORWARD, actor=user, obj=req, request=request,
                     after={"unit": unit.pk})
        _notify_staff(unit_handlers(unit), _("Request %(number)s forwarded to your unit") % {
            "number": req.number}, req, body=req.forward_note,
            key=f"request-forwarded-{req.pk}-{unit.pk}")
        transaction.on_commit(lambda: _mail_requester(req.pk, "status"))
    return req


def extend(user, req: Request, days: int, reason: str, *, now: datetime | None = None,
           request=None) -> Request:
    """The one extension the law allows: up to 7 working days, with a written reason."""
    req = get_request(user, req.pk)
    _require(may_decide(user), _("Only the PPID extends a request's deadline."))
    now = now or timezone.now()
    reason = (reason or "").strip()
    errors = {}
    if req.is_extended:
        raise Conflict(_("The deadline of a request can be extended only once."))
    if not req.is_open:
        raise Conflict(_("Only a request still in process can be extended."))
    if now > req.due_at:
        raise Conflict(_("The deadline has passed: an extension must be given before it."))
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_WORKING_DAYS:
        errors["days"] = [_("Between 1 and %(max)d working days.") % {
            "max": MAX_EXTENSION_WORKING_DAYS}]
    if len(reason) < MIN_REASON_LENGTH:
        errors["reason"] = [_("Give the written reason (at least %(n)d characters).") % {
            "n": MIN_REASON_LENGTH}]
    if errors:
        raise InvalidInput(_("The extension is not complete."), field_errors=errors)
    with transaction.atomic():
        req = _locked(req)
        before = req.due_at
        req.due_at = extended_deadline(req.due_at, days)
        req.extension_days, req.extension_reason, req.extended_at = days, reason, now
        req.save(update_fields=["due_at", "extension_days", "extension_reason", "extended_at"])
        _event(req, EventKind.EXTENDED, actor=user, message=reason, at=now)
        audit.record(Action.REQUEST_EXTEND, actor=user, obj=req, request=request,
                     before={"due_at": before.isoformat()},
                     after={"due_at": req.due_at.isoformat(), "days": days})
        transaction.on_commit(lambda: _mail_requester(req.pk, "status"))
    return req


@dataclass
class Decision:
    """What the PPID decides, before it is checked and recorded."""

    holding: str
    outcome: str = ""
    other_body: str = ""
    items: list = None
    versions: list = None
    exemption_decisions: list = None
    information_form: str = ""
    available_on: date | None = None
    fee: int = 0
    payment_method: str = ""
    explanation: str = ""
    notice_delivered_by: str = ""


def _version_grounds(versions) -> set[str]:
    grounds = set()
    for run in RedactionRun.objects.filter(result__in=versions):
        grounds.update(r.get("ground", "") for r in run.redactions or [])
    return {g for g in grounds if g}


def givable_versions(items) -> QuerySet[DocumentVersion]:
    """Current versions of the items' documents that may be handed to a requester: never a
    withheld original, a version of an exempt item, or anything disposed of (redacted
    versions are current and so offered)."""
    from ppid.register.constants import Category
    from ppid.register.models import Document

    return (DocumentVersion.objects
            .filter(pk__in=Document.objects.filter(item__in=items)
                    .exclude(current_version=None).values("current_version"))
            .exclude(withheld=True)
            .exclude(document__item__category=Category.EXEMPT)
            .exclude(document__item__status=Status.DISPOSED)
            .select_related("document__item"))


def decisions_in_force(items) -> dict[int, ExemptionDecision]:
    """item id -> the whole-item exempting decision in force (none once opened)."""
    from ppid.exemptions.services import decisions_by_item

    return decisions_by_item(items)


def check_decision(user, req: Request, decision: Decision) -> tuple[str, list[str]]:
    """Validates the decision; returns (outcome, Pasal 17 grounds relied on).

    The rules of Pasal 22 and 17: a rejection rests on signed exemption decisions in force for
    everything asked; a document with exempt parts is given redacted, never refused whole; no
    exempt or withheld file is ever handed out.
    """
    errors: dict[str, list] = {}
    items = list(decision.items or [])
    versions = list(decision.versions or [])
    chosen = list(decision.exemption_decisions or [])
    if decision.holding not in Holding.values:
        errors["holding"] = [_("Say whether the agency holds the information.")]
    if decision.holding == Holding.OTHER_BODY and not decision.other_body.strip():
        errors["other_body"] = [_("Name the public body that holds the information.")]
    outcome = Outcome.NOT_HELD if decision.holding in (Holding.OTHER_BODY,
                                                       Holding.NOT_DOCUMENTED) else \
        decision.outcome
    if decision.holding == Holding.HELD and outcome not in (
            Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.REJECTED):
        errors["outcome"] = [_("Choose: granted in full, granted in part, or rejected.")]
    visible = register.staff_items(user)
    if any(not visible.filter(pk=item.pk).exists() for item in items):
        errors["items"] = [_("One of the items is not in your register.")]
    for version in versions:
        if version.is_restricted or version.document.item.status == Status.DISPOSED:
            errors["versions"] = [_("“%(name)s” is exempt or withheld and can never be given "
                                    "out. Give its redacted version instead.") % {
                "name": version.original_name}]
            break
    in_force = decisions_in_force(items)
    grounds: set[str] = set()
    if outcome == Outcome.REJECTED:
        if not items:
            errors["items"] = [_("Link the exempt register items the request asks for.")]
        open_items = [item for item in items if item.pk not in in_force]
        if open_items:
            errors["outcome"] = [_(
                "“%(title)s” is not exempt by a signed decision: a request is rejected only "
                "for exempt information. A document with exempt parts is given with those "
                "parts blacked out (grant in part).") % {"title": open_items[0].title}]
        if versions:
            errors["versions"] = [_("A rejected request hands out no documents; "
                                    "grant it in part instead.")]
        chosen = chosen or list(in_force.values())
        grounds = {d.ground for d in chosen if d.ground}
    elif outcome == Outcome.PARTLY_GRANTED:
        redacted = [v for v in versions if v.redacted_from_id]
        exempt_items = [item for item in items if item.pk in in_force]
        if not versions and not decision.explanation.strip():
            errors["versions"] = [_("Choose the documents given (with their redacted versions).")]
        if not redacted and not exempt_items:
            errors["outcome"] = [_(
                "Granting in part needs a redacted version or an exempt item among those asked "
                "for. Redact the document first (Exempt → redaction).")]
        chosen = chosen or [in_force[item.pk] for item in exempt_items]
        grounds = _version_grounds(redacted) | {d.ground for d in chosen if d.ground}
    elif outcome == Outcome.GRANTED:
        exempt_items = [item for item in items if item.pk in in_force]
        if exempt_items:
            errors["outcome"] = [_("“%(title)s” is exempt: the request cannot be granted in "
                                   "full.") % {"title": exempt_items[0].title}]
        if any(v.redacted_from_id for v in versions):
            errors["outcome"] = [_("A redacted document is given: that is granting in part.")]
        if not versions and not items and not decision.explanation.strip():
            errors["versions"] = [_("Choose the documents or items given, or explain how the "
                                    "information is provided.")]
    for d in chosen:
        if d.kind == DecisionKind.OPEN:
            errors["exemption_decisions"] = [_("A decision to open is no ground for refusal.")]
    if outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED):
        if not decision.information_form:
            errors["information_form"] = [_("Choose the form in which it is provided.")]
        if decision.fee is None or decision.fee < 0:
            errors["fee"] = [_("The fee cannot be negative.")]
        if decision.fee and not decision.payment_method.strip():
            errors["payment_method"] = [_("Say how the fee is paid.")]
    if errors:
        raise InvalidInput(_("The decision is not complete."), field_errors=errors)
    return outcome, sorted(grounds)


def decide(user, req: Request, decision: Decision, *, now: datetime | None = None,
           request=None) -> Request:
    """Records the decision and issues the written notice (pemberitahuan tertulis)."""
    req = get_request(user, req.pk)
    _require(may_decide(user), _("Only the PPID decides requests."))
    outcome, grounds = check_decision(user, req, decision)
    with transaction.atomic():
        req = _locked(req)
        _set_status(req, RequestStatus.DECIDED)
        req.holding = decision.holding
        req.other_body = decision.other_body.strip() if decision.holding == \
            Holding.OTHER_BODY else ""
        req.outcome = outcome
        req.grounds = grounds
        granted = outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
        req.information_form = decision.information_form if granted else ""
        req.available_on = decision.available_on if granted else None
        req.fee = (decision.fee or 0) if granted else 0
        req.payment_method = decision.payment_method.strip() if granted else ""
        req.explanation = decision.explanation.strip()
        req.notice_delivered_by = decision.notice_delivered_by or req.delivery_method or \
            (DeliveryMethod.EMAIL if req.email else DeliveryMethod.PICK_UP)
        req.decided_at, req.decided_by = now or timezone.now(), user
        req.save()
        req.items.set(decision.items or [])
        req.given_versions.set((decision.versions or []) if granted else [])
        relied = list(decision.exemption_decisions or [])
        if not relied and outcome in (Outcome.REJECTED, Outcome.PARTLY_GRANTED):
            relied = list(decisions_in_force(decision.items or []).values())
        req.exemption_decisions.set(relied)
        _event(req, EventKind.DECIDED, actor=user, at=req.decided_at)
        audit.record(Action.REQUEST_DECIDE, actor=user, obj=req, request=request,
                     after={"outcome": outcome, "grounds": grounds,
                            "late": req.decided_at > req.due_at})
        transaction.on_commit(lambda: _mail_requester(req.pk, "notice"))
    return req


def complete(user, req: Request, note: str = "", *, now: datetime | None = None,
             request=None) -> Request:
    """The information has been provided (or the decided request needs nothing more)."""
    req = get_request(user, req.pk)
    _require(may_decide(user), _("Only the PPID closes requests."))
    with transaction.atomic():
        req = _locked(req)
        _set_status(req, RequestStatus.COMPLETED)
        req.completed_at = req.closed_at = now or timezone.now()
        req.save(update_fields=["status", "completed_at", "closed_at"])
        _event(req, EventKind.COMPLETED, actor=user, message=(note or "").strip(),
               at=req.completed_at)
        audit.record(Action.REQUEST_COMPLETE, actor=user, obj=req, request=request)
        transaction.on_commit(lambda: _mail_requester(req.pk, "status"))
    return req


def withdraw(user, req: Request, reason: str, *, request=None) -> Request:
    req = get_request(user, req.pk)
    _require(may_decide(user), _("Only the PPID records a withdrawal."))
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise InvalidInput(_("Say how the requester withdrew the request."),
                           field_errors={"reason": [_("At least %(n)d characters.") % {
                               "n": MIN_REASON_LENGTH}]})
    with transaction.atomic():
        req = _locked(req)
        _set_status(req, RequestStatus.WITHDRAWN)
        req.closed_at = timezone.now()
        req.save(update_fields=["status", "closed_at"])
        _event(req, EventKind.WITHDRAWN, actor=user, message=reason)
        audit.record(Action.REQUEST_WITHDRAW, actor=user, obj=req, request=request)
    return req


def post_message(user, req: Request, message: str, *, public: bool = True) -> Event:
    """A note on the request: shown to the requester when public, else for staff only."""
    req = get_request(user, req.pk)
    message = (message or "").strip()
    if not message:
        raise InvalidInput(_("Write the message."), field_errors={"message": [
            _("This field is required.")]})
    event = _event(req, EventKind.NOTE, actor=user, message=message, public=public)
    if public:
        transaction.on_commit(lambda: _mail_requester(req.pk, "status"))
    return event


def given_version(req: Request, public_id) -> DocumentVersion:
    """A document handed to this requester, still safe to give (for the tracking page)."""
    version = req.given_versions.filter(public_id=public_id).select_related(
        "document__item").first()
    if (version is None or version.is_restricted
            or version.document.item.status == Status.DISPOSED
            or req.outcome not in (Outcome.GRANTED, Outcome.PARTLY_GRANTED)):
        raise NotFound(_("No such document."))
    return version


def public_events(req: Request) -> QuerySet[Event]:
    return req.events.filter(public=True)


# --------------------------------------------------------------------------------------------
# People, events and messages.
# --------------------------------------------------------------------------------------------


def _users_with(roles, unit_ids=None) -> QuerySet:
    users = get_user_model().objects.filter(is_active=True, positions__active=True,
                                            positions__role__in=list(roles))
    if unit_ids is not None:
        users = users.filter(positions__unit_id__in=list(unit_ids))
    return users.distinct()


def _ppid_users() -> QuerySet:
    return _users_with([Role.PPID])


def superior_users() -> QuerySet:
    return _users_with([Role.PPID_SUPERIOR])


def unit_handlers(unit: Unit | None) -> QuerySet:
    """The unit PPID and officers of the unit (or a unit above it)."""
    if unit is None:
        return get_user_model().objects.none()
    ancestors, current = [], unit
    while current is not None:
        ancestors.append(current.pk)
        current = current.parent
    return _users_with([Role.UNIT_PPID, Role.UNIT_OFFICER], ancestors)


def _event(req: Request, kind: str, *, actor=None, message: str = "", public: bool = True,
           objection=None, at: datetime | None = None) -> Event:
    return Event.objects.create(request=req, objection=objection, kind=kind, actor=actor,
                                message=message, public=public, at=at or timezone.now())


def staff_link(req: Request) -> str:
    return reverse("requests:detail", args=[req.pk])


def _notify_staff(users, subject, req: Request, *, body: str = "", key: str = "") -> None:
    with translation.override(_agency_language()):
        notifications.notify(users, str(subject), body=str(body), link=staff_link(req), key=key)


def _agency_language() -> str:
    from django.conf import settings

    return settings.LANGUAGE_CODE


def _mail_requester(pk: int, what: str) -> None:
    """E-mail the requester (never fails the caller; the tracking page has it all)."""
    from ppid.requests import messages

    messages.mail_requester(pk, what)


def search(queryset: QuerySet[Request], *, q: str = "", status: str = "", outcome: str = "",
           year: int | None = None, unit: int | None = None, overdue: bool = False,
           now: datetime | None = None) -> QuerySet[Request]:
    if q:
        queryset = queryset.filter(Q(number__icontains=q) | Q(name__icontains=q)
                                   | Q(details__icontains=q))
    if status:
        queryset = queryset.filter(status=status)
    if outcome:
        queryset = queryset.filter(outcome=outcome)
    if year:
        queryset = queryset.filter(number_year=year)
    if unit:
        queryset = queryset.filter(assigned_unit_id=unit)
    if overdue:
        queryset = queryset.filter(status__in=[RequestStatus.RECEIVED, RequestStatus.FORWARDED],
                                   due_at__lt=now or timezone.now())
    return queryset

