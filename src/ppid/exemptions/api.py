"""API of exempt information: the public DIK (when the agency publishes it) and the staff DIK."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema

from ppid.exemptions import services
from ppid.register import services as register
from ppid.register.constants import ExemptionGround
from ppid.register.schemas import ErrorOut
from ppid.worktime.services import work_calendar

public_router = Router(tags=["public"])
staff_router = Router(tags=["staff"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PublicExemptionOut(Schema):
    title: str
    ground: str
    ground_label: str
    decision_number: str | None
    decided_on: date | None
    exempt_until: date | None


class StaffExemptionOut(PublicExemptionOut):
    item_id: int
    unit: str
    status: str
    harm_test_pending: int | None
    working_days_left: int | None


def _ground_label(code: str) -> str:
    return str(ExemptionGround(code).label) if code in ExemptionGround.values else ""


@public_router.get("/exempt-list", response={200: list[PublicExemptionOut], 404: ErrorOut},
                   summary="List of exempt information (DIK), if the agency publishes it")
def public_exempt_list(request):
    """Title, Pasal 17 ground, decision number and period only; 404 when not published."""
    items = list(register.public_exempt_list().order_by("-year", "title"))
    decisions = services.decisions_by_item(items)
    return [{"title": i.title, "ground": i.exemption_ground,
             "ground_label": _ground_label(i.exemption_ground),
             "decision_number": decisions[i.pk].number if i.pk in decisions else None,
             "decided_on": decisions[i.pk].decided_on if i.pk in decisions else None,
             "exempt_until": i.exemption_until} for i in items]


@staff_router.get("/exemptions", response={200: list[StaffExemptionOut], **ERRORS},
                  summary="Exempt register (DIK) with decisions, pending harm tests and countdown")
def staff_exemptions(request):
    items = list(services.exempt_register(request.auth))
    decisions = services.decisions_by_item(items)
    pending = {t.item_id: t.pk for t in services.open_harm_tests_for(items)}
    calendar = work_calendar()
    return [{"item_id": i.pk, "title": i.title, "unit": i.holder_unit.name, "status": i.status,
             "ground": i.exemption_ground, "ground_label": _ground_label(i.exemption_ground),
             "decision_number": decisions[i.pk].number if i.pk in decisions else None,
             "decided_on": decisions[i.pk].decided_on if i.pk in decisions else None,
             "exempt_until": i.exemption_until, "harm_test_pending": pending.get(i.pk),
             "working_days_left": services.working_days_left(i.exemption_until,
                                                             calendar=calendar)
             if i.exemption_until else None} for i in items]
