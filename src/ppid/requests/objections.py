"""Objections (keberatan, Pasal 35–36) and disputes (sengketa, Pasal 37–38).

An objection is filed against a request within 30 working days of its cause and answered by
the PPID superior within 30 working days. A dispute is the record of what happens at the
Komisi Informasi (and any court) afterwards; the agency records it, the Commission decides.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.core.models import Agency
from ppid.requests import services
from ppid.requests.constants import (
    DEFAULT_OBJECTION_NUMBER_FORMAT,
    DISPUTE_FILING_WORKING_DAYS,
    MIN_REASON_LENGTH,
    OBJECTION_ANSWER_WORKING_DAYS,
    OBJECTION_FILING_WORKING_DAYS,
    Channel,
    DisputeStage,
    EventKind,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    RequestStatus,
)
from ppid.requests.models import Dispute, DisputeDocument, Objection, Request
from ppid.worktime.services import work_calendar

OBJECTION_FIELDS = ("grounds", "case_position", "proxy_name", "proxy_address", "proxy_phone")
DISPUTE_FIELDS = ("stage", "filed_on", "commission", "register_number", "mediation_dates",
                  "adjudication_dates", "decision_number", "decided_on", "outcome",
                  "decision_summary", "executed_on", "execution_note", "appeal_court",
                  "appeal_number", "appeal_filed_on", "appeal_result")


def may_answer(user) -> bool:
    return Access.for_user(user).can(C.ANSWER_OBJECTIONS)


def visible_objections(user) -> QuerySet[Objection]:
    return Objection.objects.filter(request__in=services.visible_requests(user))


def get_objection(user, pk) -> Objection:
    found = visible_objections(user).filter(pk=pk).select_related("request").first()
    if found is None:
        raise NotFound(_("No such objection."))
    return found


def find_for_tracking(number: str, code: str) -> Objection | None:
    return services.find_by_code(Objection, number, code)


# --------------------------------------------------------------------------------------------
# The clock.
# --------------------------------------------------------------------------------------------


def default_cause(req: Request) -> date:
    """When the cause of an objection arose: the notice, or the lapse of its deadline."""
    calendar = work_calendar()
    moment = req.decided_at if req.decided_at else req.due_at
    return calendar.local(moment).date()


def filing_deadline(cause_on: date, calendar=None) -> date:
    """The last day to file an objection: the 30th working day after the cause."""
    calendar = calendar or work_calendar()
    return calendar.nth_working_day_after(cause_on, OBJECTION_FILING_WORKING_DAYS)


def dispute_deadline(objection: Objection, calendar=None) -> date:
    """The last day to go to the Komisi Informasi: 14 working days after the answer, or after
    the answer's deadline lapsed."""
    calendar = calendar or work_calendar()
    moment = objection.answered_at or objection.due_at
    return calendar.nth_working_day_after(calendar.local(moment).date(),
                                          DISPUTE_FILING_WORKING_DAYS)


def objectable(req: Request, now: datetime | None = None) -> bool:
    """A request can be objected to once decided, or once its deadline lapsed undecided, and
    until a dispute about it goes to the Komisi Informasi."""
    now = now or timezone.now()
    if req.status == RequestStatus.WITHDRAWN:
        return False
    if Dispute.objects.filter(objection__request=req).exists():
        return False  # the matter is before the Komisi Informasi now
    return req.decided_at is not None or now > req.due_at


# --------------------------------------------------------------------------------------------
# Filing.
# --------------------------------------------------------------------------------------------


def _clean(data: dict) -> dict:
    values = {name: data.get(name) for name in OBJECTION_FIELDS if name in data}
    for name, value in list(values.items()):
        if isinstance(value, str):
            values[name] = value.strip()
    grounds = values.get("grounds") or []
    values["grounds"] = sorted({g for g in grounds if g})
    return values


def _validate(obj: Objection, req: Request, now: datetime) -> None:
    errors: dict[str, list] = {}
    if not obj.grounds:
        errors["grounds"] = [_("Choose at least one ground (a–g).")]
    elif any(g not in ObjectionGround.values for g in obj.grounds):
        errors["grounds"] = [_("Unknown ground.")]
    if len(obj.case_position or "") < MIN_REASON_LENGTH:
        errors["case_position"] = [_("Describe the case (at least %(n)d characters).") % {
            "n": MIN_REASON_LENGTH}]
    if obj.proxy_name and not obj.power_of_attorney:
        errors["power_of_attorney"] = [_("An objection filed by a proxy needs the power of "
                                         "attorney.")]
    if errors:
        raise InvalidInput(_("The objection is not complete."), field_errors=errors)
    if not objectable(req, now):
        raise Conflict(_("An objection can be filed once the request has been answered, or once "
                         "its deadline has passed without an answer."))
    if req.objections.filter(status=ObjectionStatus.RECEIVED).exists():
        raise Conflict(_("An objection to this request is already being handled."))
    last_day = filing_deadline(obj.cause_on)
    if obj.counted_from > last_day:
        raise Conflict(_("The 30 working days to object ended on %(day)s.") % {
            "day": last_day.strftime("%d-%m-%Y")})


def _receive(obj: Objection, req: Request, *, actor, request=None) -> Objection:
    calendar = work_calendar()
    req = Request.objects.get(pk=req.pk)  # the caller's copy may predate the decision
    obj.request = req
    obj.counted_from = calendar.received_on(obj.filed_at)
    obj.cause_on = obj.cause_on or default_cause(req)
    obj.due_at = calendar.working_days_deadline(obj.filed_at, OBJECTION_ANSWER_WORKING_DAYS)
    _validate(obj, req, obj.filed_at)
    agency = Agency.current()
    template = agency.objection_number_format if agency else DEFAULT_OBJECTION_NUMBER_FORMAT
    on = calendar.local(obj.filed_at).date()
    with transaction.atomic():
        obj.number, obj.number_sequence = services.next_number(
            Objection, template, on, default=DEFAULT_OBJECTION_NUMBER_FORMAT)
        obj.number_year = on.year
        obj.tracking_code = services.new_tracking_code()
        obj.save()
        services._event(req, EventKind.OBJECTION_RECEIVED, actor=actor, objection=obj,
                        message=obj.number, at=obj.filed_at)
        audit.record(Action.OBJECTION_RECEIVE, actor=actor, obj=obj, request=request,
                     after={"number": obj.number, "request": req.number,
                            "grounds": obj.grounds, "due_at": obj.due_at.isoformat()})
        services._notify_staff(
            list(services.superior_users()) + list(services._ppid_users()),
            _("Objection %(number)s to request %(request)s") % {
                "number": obj.number, "request": req.number}, req,
            key=f"objection-received-{obj.pk}")
        transaction.on_commit(lambda: services._mail_requester(req.pk, "objection"))
    return obj


def file_objection(req: Request, data: dict, files: dict | None = None, *,
                   now: datetime | None = None, request=None) -> Objection:
    """Filed by the requester from the tracking page (they proved the tracking code)."""
    obj = Objection(**_clean(data), filed_at=now or timezone.now(), channel=Channel.PORTAL)
    if files and files.get("power_of_attorney"):
        obj.power_of_attorney = files["power_of_attorney"]
    obj.cause_on = data.get("cause_on") or None
    return _receive(obj, req, actor=None, request=request)


def record_objection(user, req: Request, data: dict, files: dict | None = None, *,
                     request=None) -> Objection:
    """An objection delivered in person or by letter, entered by the PPID's staff."""
    req = services.get_request(user, req.pk)
    if not services.may_decide(user):
        raise NotAllowed(_("Only the PPID's staff register objections."))
    filed_at = data.get("filed_at") or timezone.now()
    if filed_at > timezone.now():
        raise InvalidInput(_("The time of filing cannot be in the future."),
                           field_errors={"filed_at": [_("This is in the future.")]})
    channel = data.get("channel") or Channel.LETTER
    obj = Objection(**_clean(data), filed_at=filed_at, channel=channel, recorded_by=user)
    if files and files.get("power_of_attorney"):
        obj.power_of_attorney = files["power_of_attorney"]
    obj.cause_on = data.get("cause_on") or None
    return _receive(obj, req, actor=user, request=request)


# --------------------------------------------------------------------------------------------
# The answer.
# --------------------------------------------------------------------------------------------


def answer(user, obj: Objection, *, outcome: str, reasons: str, order: str = "",
           letter_number: str = "", now: datetime | None = None, request=None) -> Objection:
    """The PPID superior's written answer (tanggapan atas keberatan)."""
    obj = get_objection(user, obj.pk)
    if not may_answer(user):
        raise NotAllowed(_("Only the PPID superior answers objections."))
    reasons, order = (reasons or "").strip(), (order or "").strip()
    errors: dict[str, list] = {}
    if outcome not in ObjectionOutcome.values:
        errors["outcome"] = [_("Choose the answer.")]
    if len(reasons) < MIN_REASON_LENGTH:
        errors["reasons"] = [
            _("Upholding the PPID's decision needs written reasons.")
            if outcome == ObjectionOutcome.UPHELD else
            _("Give the reasons (at least %(n)d characters).") % {"n": MIN_REASON_LENGTH}]
    if outcome in (ObjectionOutcome.ACCEPTED, ObjectionOutcome.PARTLY_ACCEPTED) and not order:
        errors["order"] = [_("Say what the PPID must now provide, and by when.")]
    if errors:
        raise InvalidInput(_("The answer is not complete."), field_errors=errors)
    with transaction.atomic():
        obj = Objection.objects.select_for_update().get(pk=obj.pk)
        if obj.status != ObjectionStatus.RECEIVED:
            raise Conflict(_("This objection has already been answered."))
        obj.status, obj.outcome, obj.reasons, obj.order = (ObjectionStatus.ANSWERED, outcome,
                                                           reasons, order)
        obj.letter_number = (letter_number or "").strip() or obj.number
        obj.answered_at, obj.answered_by = now or timezone.now(), user
        obj.save()
        services._event(obj.request, EventKind.OBJECTION_ANSWERED, actor=user, objection=obj,
                        at=obj.answered_at)
        audit.record(Action.OBJECTION_ANSWER, actor=user, obj=obj, request=request,
                     after={"outcome": outcome, "late": obj.answered_at > obj.due_at})
        services._notify_staff(services._ppid_users(), _("Objection %(number)s answered") % {
            "number": obj.number}, obj.request, key=f"objection-answered-{obj.pk}")
        transaction.on_commit(lambda: services._mail_requester(obj.request_id, "answer"))
    return obj


# --------------------------------------------------------------------------------------------
# Disputes.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisputeTiming:
    deadline: date
    in_time: bool


def dispute_timing(dispute: Dispute) -> DisputeTiming:
    last = dispute_deadline(dispute.objection)
    return DisputeTiming(deadline=last, in_time=dispute.filed_on <= last)


def _dispute_values(data: dict) -> dict:
    values = {name: data[name] for name in DISPUTE_FIELDS if name in data}
    for name, value in list(values.items()):
        if isinstance(value, str):
            values[name] = value.strip()
    for name in ("mediation_dates", "adjudication_dates"):
        if name in values:
            values[name] = sorted({d.isoformat() if isinstance(d, date) else str(d)
                                   for d in values[name] or [] if d})
    return values


def _check_dispute(dispute: Dispute) -> None:
    errors: dict[str, list] = {}
    if dispute.stage not in DisputeStage.values:
        errors["stage"] = [_("Choose the stage.")]
    if dispute.filed_on and dispute.filed_on > work_calendar().local(timezone.now()).date():
        errors["filed_on"] = [_("This is in the future.")]
    if dispute.stage in (DisputeStage.DECIDED, DisputeStage.EXECUTED, DisputeStage.APPEAL) and (
            not dispute.decided_on or not dispute.outcome):
        errors["decided_on"] = [_("Record the Commission's decision: its date and outcome.")]
    if dispute.stage == DisputeStage.EXECUTED and not dispute.executed_on:
        errors["executed_on"] = [_("Record when the decision was executed.")]
    if dispute.stage == DisputeStage.APPEAL and not (dispute.appeal_court
                                                     and dispute.appeal_filed_on):
        errors["appeal_court"] = [_("Record the court and the date of the appeal.")]
    if dispute.decided_on and dispute.decided_on < dispute.filed_on:
        errors["decided_on"] = [_("The decision cannot come before the filing.")]
    if errors:
        raise InvalidInput(_("The dispute record is not complete."), field_errors=errors)


def record_dispute(user, obj: Objection, data: dict, *, request=None) -> Dispute:
    """The requester took the matter to the Komisi Informasi: the agency records it."""
    obj = get_objection(user, obj.pk)
    if not services.may_decide(user):
        raise NotAllowed(_("Only the PPID records disputes."))
    if Dispute.objects.filter(objection=obj).exists():
        raise Conflict(_("A dispute is already recorded for this objection."))
    if obj.status != ObjectionStatus.ANSWERED and timezone.now() <= obj.due_at:
        raise Conflict(_("A dispute follows the answer to the objection, or the lapse of its "
                         "deadline."))
    if not data.get("filed_on"):
        raise InvalidInput(_("The dispute record is not complete."),
                           field_errors={"filed_on": [_("This field is required.")]})
    dispute = Dispute(objection=obj, recorded_by=user, **_dispute_values(data))
    _check_dispute(dispute)
    with transaction.atomic():
        dispute.save()
        services._event(obj.request, EventKind.DISPUTE, actor=user, objection=obj,
                        message=str(dispute.get_stage_display()))
        audit.record(Action.DISPUTE_RECORD, actor=user, obj=dispute, request=request,
                     after={"stage": dispute.stage, "objection": obj.number})
    return dispute


def update_dispute(user, dispute: Dispute, data: dict, *, request=None) -> Dispute:
    """The next stage: mediation, adjudication, decision, execution, appeal."""
    get_objection(user, dispute.objection_id)
    if not services.may_decide(user):
        raise NotAllowed(_("Only the PPID records disputes."))
    before_stage = dispute.stage
    for name, value in _dispute_values(data).items():
        setattr(dispute, name, value)
    _check_dispute(dispute)
    with transaction.atomic():
        dispute.save()
        if dispute.stage != before_stage:
            services._event(dispute.objection.request, EventKind.DISPUTE, actor=user,
                            objection=dispute.objection,
                            message=str(dispute.get_stage_display()))
        audit.record(Action.DISPUTE_RECORD, actor=user, obj=dispute, request=request,
                     before={"stage": before_stage}, after={"stage": dispute.stage})
    return dispute


def add_dispute_document(user, dispute: Dispute, *, stage: str, title: str, file,
                         request=None) -> DisputeDocument:
    get_objection(user, dispute.objection_id)
    if not services.may_decide(user):
        raise NotAllowed(_("Only the PPID records disputes."))
    errors = {}
    if stage not in DisputeStage.values:
        errors["stage"] = [_("Choose the stage.")]
    if not (title or "").strip():
        errors["title"] = [_("This field is required.")]
    if not file:
        errors["file"] = [_("Choose a file.")]
    if errors:
        raise InvalidInput(_("The document is not complete."), field_errors=errors)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    with transaction.atomic():
        document = DisputeDocument.objects.create(
            dispute=dispute, stage=stage, title=title.strip(), file=file,
            sha256=digest.hexdigest(), uploaded_by=user)
        audit.record(Action.DISPUTE_RECORD, actor=user, obj=dispute, request=request,
                     after={"document": document.title, "stage": stage})
    return document


def get_dispute_document(user, pk) -> DisputeDocument:
    document = DisputeDocument.objects.filter(pk=pk).select_related("dispute").first()
    if document is None:
        raise NotFound(_("No such document."))
    get_objection(user, document.dispute.objection_id)
    return document
