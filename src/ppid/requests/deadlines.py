"""Reminders before the legal deadlines and escalation once they pass (run hourly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.requests import services
from ppid.requests.constants import (
    OPEN_REQUEST_STATUSES,
    REMIND_WORKING_DAYS_BEFORE,
    ObjectionStatus,
)
from ppid.requests.models import Objection, Request
from ppid.worktime.services import work_calendar


@dataclass
class Review:
    reminded: list[str] = field(default_factory=list)
    escalated: list[str] = field(default_factory=list)


def _mark(obj, flag: str) -> bool:
    """Record that `flag` was sent for this deadline; False if it was already."""
    key = f"{flag}:{obj.due_at.isoformat()}"
    if key in obj.reminded:
        return False
    obj.reminded = [*obj.reminded, key]
    obj.save(update_fields=["reminded"])
    return True


def review(now: datetime | None = None) -> Review:
    now = now or timezone.now()
    calendar = work_calendar()
    result = Review()
    with translation.override(services._agency_language()):
        for req in Request.objects.filter(status__in=OPEN_REQUEST_STATUSES).select_related(
                "assigned_unit"):
            left = services.working_days_left(req.due_at, now, calendar)
            with transaction.atomic():
                if now > req.due_at:
                    if _mark(req, "overdue"):
                        services._notify_staff(
                            list(services._ppid_users()) + list(services.superior_users())
                            + list(services.unit_handlers(req.assigned_unit)),
                            _("Request %(number)s is overdue") % {"number": req.number}, req,
                            body=_("The written notice was due on %(due)s.") % {
                                "due": calendar.local(req.due_at).strftime("%d-%m-%Y %H:%M")},
                            key=f"request-overdue-{req.pk}-{req.due_at:%Y%m%d}")
                        audit.record(Action.REQUEST_ESCALATE, obj=req,
                                     after={"due_at": req.due_at.isoformat()})
                        result.escalated.append(req.number)
                elif left <= REMIND_WORKING_DAYS_BEFORE and _mark(req, "soon"):
                    services._notify_staff(
                        list(services._ppid_users())
                        + list(services.unit_handlers(req.assigned_unit)),
                        _("Request %(number)s: %(days)d working day(s) left") % {
                            "number": req.number, "days": left}, req,
                        key=f"request-soon-{req.pk}-{req.due_at:%Y%m%d}")
                    result.reminded.append(req.number)
        for obj in Objection.objects.filter(status=ObjectionStatus.RECEIVED).select_related(
                "request"):
            left = services.working_days_left(obj.due_at, now, calendar)
            with transaction.atomic():
                if now > obj.due_at:
                    if _mark(obj, "overdue"):
                        services._notify_staff(
                            list(services.superior_users()) + list(services._ppid_users()),
                            _("Objection %(number)s is overdue") % {"number": obj.number},
                            obj.request, key=f"objection-overdue-{obj.pk}")
                        audit.record(Action.REQUEST_ESCALATE, obj=obj,
                                     after={"due_at": obj.due_at.isoformat()})
                        result.escalated.append(obj.number)
                elif left <= REMIND_WORKING_DAYS_BEFORE * 2 and _mark(obj, "soon"):
                    services._notify_staff(
                        services.superior_users(),
                        _("Objection %(number)s: %(days)d working day(s) left") % {
                            "number": obj.number, "days": left}, obj.request,
                        key=f"objection-soon-{obj.pk}")
                    result.reminded.append(obj.number)
    return result
