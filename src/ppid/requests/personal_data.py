"""Requesters' personal data: erased once the agency's keeping period after closing has passed.

A request is closed when completed or withdrawn, or decided with nothing pending after it (no
objection waiting for an answer, no dispute still running). The period counts from the last of
those events. The erasure blanks every field in PERSONAL_FIELDS, deletes the identity file, the
proxy letter and powers of attorney, and leaves an audit event naming what was erased.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.errors import Conflict, NotAllowed
from ppid.core.models import Agency
from ppid.requests.constants import (
    DEFAULT_PERSONAL_DATA_MONTHS,
    PERSONAL_FIELDS,
    PERSONAL_FILE_FIELDS,
    DisputeStage,
    ObjectionStatus,
    RequestStatus,
)
from ppid.requests.models import Objection, Request

ERASED = "—"
RUNNING_DISPUTE_STAGES = (DisputeStage.FILED, DisputeStage.MEDIATION, DisputeStage.ADJUDICATION,
                          DisputeStage.DECIDED, DisputeStage.APPEAL)


def keeping_months() -> int:
    agency = Agency.current()
    return agency.personal_data_months if agency else DEFAULT_PERSONAL_DATA_MONTHS


def last_activity(req: Request) -> datetime | None:
    """When the request was closed for good; None while anything is still pending."""
    if req.status in (RequestStatus.RECEIVED, RequestStatus.FORWARDED):
        return None
    moments = [m for m in (req.decided_at, req.completed_at, req.closed_at) if m]
    for objection in req.objections.all():
        if objection.status == ObjectionStatus.RECEIVED:
            return None
        moments.append(objection.answered_at or objection.filed_at)
        dispute = getattr(objection, "dispute", None)
        if dispute is not None:
            if dispute.stage in RUNNING_DISPUTE_STAGES:
                return None
            moments.append(dispute.updated_at)
    return max(moments) if moments else None


def erasable_on(req: Request, months: int | None = None) -> datetime | None:
    last = last_activity(req)
    if last is None:
        return None
    return last + relativedelta(months=months if months is not None else keeping_months())


@dataclass
class ErasureResult:
    erased: list[str] = field(default_factory=list)


def erase(req: Request, *, actor=None, request=None, force: bool = False,
          now: datetime | None = None) -> Request:
    """Blank the requester's personal data now (the period must have passed unless `force`)."""
    req = Request.objects.get(pk=req.pk)  # the caller's copy may be stale
    if req.personal_data_erased_at:
        return req
    if actor is not None:
        from ppid.core.access import Access
        from ppid.core.constants import Capability as C

        if not Access.for_user(actor).can(C.DECIDE_REQUESTS):
            raise NotAllowed(_("Only the PPID erases requesters' personal data."))
    when = erasable_on(req)
    if when is None:
        raise Conflict(_("The request is still being handled; its data cannot be erased yet."))
    if not force and when > (now or timezone.now()):
        raise Conflict(_("The keeping period ends on %(day)s.") % {
            "day": timezone.localtime(when).strftime("%d-%m-%Y")})
    files = []
    with transaction.atomic():
        req = Request.objects.select_for_update().get(pk=req.pk)
        erased = [name for name in PERSONAL_FIELDS if getattr(req, name)]
        for name in PERSONAL_FIELDS:
            setattr(req, name, ERASED if name == "name" else "")
        for name in PERSONAL_FILE_FIELDS:
            if getattr(req, name):
                files.append(getattr(req, name).name)
                erased.append(name)
                setattr(req, name, "")
        for objection in Objection.objects.filter(request=req):
            changed = False
            for name in ("proxy_name", "proxy_address", "proxy_phone"):
                if getattr(objection, name):
                    setattr(objection, name, "")
                    changed = True
            if objection.power_of_attorney:
                files.append(objection.power_of_attorney.name)
                objection.power_of_attorney = ""
                changed = True
            if changed:
                objection.save()
                erased.append(f"objection:{objection.number}")
        req.personal_data_erased_at = timezone.now()
        req.save()
        audit.record(Action.PERSONAL_DATA_ERASE, actor=actor, obj=req, request=request,
                     after={"number": req.number, "erased": erased,
                            "months": keeping_months(), "forced": force})
        transaction.on_commit(lambda: [default_storage.delete(name) for name in files])
    return req


def erase_due(now: datetime | None = None) -> ErasureResult:
    """The daily job: erase every request whose keeping period has passed."""
    now = now or timezone.now()
    result = ErasureResult()
    months = keeping_months()
    candidates = (Request.objects.filter(personal_data_erased_at__isnull=True)
                  .exclude(status__in=[RequestStatus.RECEIVED, RequestStatus.FORWARDED])
                  .prefetch_related("objections__dispute"))
    for req in candidates:
        when = erasable_on(req, months)
        if when is not None and when <= now:
            erase(req, now=now)
            result.erased.append(req.number)
    return result

