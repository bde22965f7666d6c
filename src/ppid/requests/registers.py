"""The official registers as data: columns and rows used by the pages, the PDF and the XLSX.

- the Register Permohonan Informasi Publik (PERKI 1/2021): one row per request;
- the Register Keberatan: one row per objection, the grounds a–g as seven tick columns.

Rows hold plain values: text, `date`, aware `datetime` in the agency's zone, integers; the
exporters format them (`display`) or write them as real dates and numbers. Rows carry the
requester's personal data: they are for staff who may see the requests (the caller passes a
queryset from `services.visible_requests(user)`), never for the public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.exemptions.redactions import ground_citation
from ppid.requests.constants import (
    Channel,
    DeliveryMethod,
    DisputeOutcome,
    DisputeStage,
    Holding,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    Outcome,
    RequestStatus,
)
from ppid.requests.documents import label
from ppid.requests.models import Objection, Request
from ppid.requests.services import working_days_between
from ppid.worktime.services import work_calendar

TICK = "✓"


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # lazy
    kind: str = "text"  # text, long, int, money, date, datetime
    width: int = 14  # XLSX width in characters
    weight: float = 40  # share of the PDF table width (about points on A4 landscape)
    group: str = ""  # a header spanning this and its neighbours of the same group


REQUEST_COLUMNS: tuple[Column, ...] = (
    Column("no", gettext_lazy("No."), "int", 5, 17),
    Column("number", gettext_lazy("Registration number"), "text", 20, 62),
    Column("received", gettext_lazy("Date received"), "datetime", 16, 45),
    Column("name", gettext_lazy("Requester's name"), "text", 22, 46),
    Column("address", gettext_lazy("Address"), "long", 28, 50),
    Column("contact", gettext_lazy("Phone / e-mail"), "text", 22, 60),
    Column("occupation", gettext_lazy("Occupation"), "text", 16, 43),
    Column("details", gettext_lazy("Information requested"), "long", 40, 66),
    Column("purpose", gettext_lazy("Purpose"), "long", 30, 52),
    Column("channel", gettext_lazy("Channel (written / unwritten)"), "text", 18, 46),
    Column("obtain", gettext_lazy("How to obtain / receive"), "text", 24, 44),
    Column("holding", gettext_lazy("Information held?"), "text", 18, 46),
    Column("outcome", gettext_lazy("Decision"), "text", 16, 42),
    Column("grounds", gettext_lazy("Exemption grounds (Pasal 17)"), "text", 24, 46),
    Column("notice_on", gettext_lazy("Date of written notice"), "date", 13, 45),
    Column("notice_days", gettext_lazy("Working days to notice"), "int", 10, 32),
    Column("extension", gettext_lazy("Extension (working days, reason)"), "long", 24, 46),
    Column("fee", gettext_lazy("Fee (Rp)"), "money", 12, 40),
    Column("status", gettext_lazy("Status"), "text", 16, 36),
    Column("objections", gettext_lazy("Objection numbers"), "text", 22, 56),
)

OBJECTION_GROUNDS_GROUP = gettext_lazy("Grounds of the objection (Pasal 35(1))")
OBJECTION_COLUMNS: tuple[Column, ...] = (
    Column("no", gettext_lazy("No."), "int", 5, 14),
    Column("number", gettext_lazy("Objection number"), "text", 26, 66),
    Column("filed", gettext_lazy("Date filed"), "datetime", 16, 46),
    Column("request", gettext_lazy("Request number"), "text", 20, 54),
    Column("objector", gettext_lazy("Objector (requester or proxy)"), "text", 24, 62),
    *(Column(f"ground_{g}", g, "text", 4, 12, OBJECTION_GROUNDS_GROUP)
      for g in ObjectionGround.values),
    Column("case_position", gettext_lazy("Case position"), "long", 40, 120),
    Column("due", gettext_lazy("Answer due"), "date", 13, 46),
    Column("outcome", gettext_lazy("Answer of the PPID superior"), "text", 28, 74),
    Column("answered", gettext_lazy("Date answered"), "date", 13, 46),
    Column("in_time", gettext_lazy("Answered within time?"), "text", 11, 40),
    Column("dispute", gettext_lazy("Dispute (register number, stage, decision)"), "long", 30,
           80),
)

COLUMNS = {"requests": REQUEST_COLUMNS, "objections": OBJECTION_COLUMNS}


def columns_for(kind: str) -> tuple[Column, ...]:
    try:
        return COLUMNS[kind]
    except KeyError:
        raise ValueError(f"unknown register {kind!r}; use 'requests' or 'objections'") from None


# --------------------------------------------------------------------------------------------
# Rows.
# --------------------------------------------------------------------------------------------


def _join(*parts: str, sep: str = " / ") -> str:
    return sep.join(p for p in parts if p)


def _obtain(req: Request) -> str:
    obtain = label(ObtainMethod, req.obtain_method)
    if req.obtain_method == ObtainMethod.VIEW or not req.delivery_method:
        return obtain
    return f"{obtain} / {label(DeliveryMethod, req.delivery_method)}"


def _holding(req: Request) -> str:
    text = label(Holding, req.holding)
    if req.holding == Holding.OTHER_BODY and req.other_body:
        return f"{text}: {req.other_body}"
    return text


def request_rows(queryset: QuerySet[Request], calendar=None) -> list[dict]:
    """The Register Permohonan rows for these requests, oldest first, in one pass.

    Three queries whatever the number of requests (requests, their objections, the calendar).
    """
    calendar = calendar or work_calendar()
    requests = (queryset.order_by("received_at", "pk")
                .prefetch_related(Prefetch("objections",
                                           queryset=Objection.objects.order_by("filed_at", "pk")
                                           .only("pk", "number", "request_id", "filed_at"))))
    rows = []
    for index, req in enumerate(requests, start=1):
        decided = calendar.local(req.decided_at).date() if req.decided_at else None
        extension = ""
        if req.extended_at:
            extension = _("%(days)s working days: %(reason)s") % {
                "days": req.extension_days, "reason": req.extension_reason}
        written = _("written") if req.written else _("unwritten")
        rows.append({
            "pk": req.pk,
            "no": index,
            "number": req.number,
            "received": calendar.local(req.received_at),
            "name": req.name,
            "address": req.address,
            "contact": _join(req.phone, req.email, sep="\n"),
            "occupation": req.occupation,
            "details": req.details,
            "purpose": req.purpose,
            "channel": f"{label(Channel, req.channel)} ({written})",
            "obtain": _obtain(req),
            "holding": _holding(req),
            "outcome": label(Outcome, req.outcome),
            "grounds": "; ".join(ground_citation(g) for g in req.grounds or [] if g),
            "notice_on": decided,
            "notice_days": (working_days_between(req.counted_from, decided, calendar)
                            if decided else None),
            "extension": extension,
            "fee": int(req.fee) if req.decided_at else None,
            "status": label(RequestStatus, req.status),
            "objections": ", ".join(o.number for o in req.objections.all()),
            # Not a column: lets pages mark late notices.
            "late": bool(req.decided_at and req.decided_at > req.due_at),
        })
    return rows


def _dispute(objection: Objection) -> str:
    dispute = getattr(objection, "dispute", None)
    if dispute is None:
        return ""
    parts = [dispute.register_number or _("no register number yet"),
             label(DisputeStage, dispute.stage)]
    if dispute.outcome:
        parts.append(label(DisputeOutcome, dispute.outcome))
    if dispute.commission:
        parts.append(dispute.commission)
    return " · ".join(parts)


def objection_rows(queryset: QuerySet[Objection], calendar=None) -> list[dict]:
    """The Register Keberatan rows for these objections, oldest first (one query)."""
    calendar = calendar or work_calendar()
    objections = queryset.order_by("filed_at", "pk").select_related("request", "dispute")
    rows = []
    for index, obj in enumerate(objections, start=1):
        req = obj.request
        requester = req.name or "—"
        objector = requester
        if obj.proxy_name:
            objector = _("%(proxy)s (proxy of %(requester)s)") % {
                "proxy": obj.proxy_name, "requester": requester}
        answered = obj.answered_at is not None
        in_time = ""
        if answered:
            in_time = _("Yes") if obj.answered_at <= obj.due_at else _("No")
        elif obj.status == ObjectionStatus.WITHDRAWN:
            in_time = label(ObjectionStatus, obj.status)
        row = {
            "pk": obj.pk,
            "request_pk": req.pk,
            "no": index,
            "number": obj.number,
            "filed": calendar.local(obj.filed_at),
            "request": req.number,
            "objector": objector,
            "case_position": obj.case_position,
            "due": calendar.local(obj.due_at).date(),
            "outcome": label(ObjectionOutcome, obj.outcome),
            "answered": calendar.local(obj.answered_at).date() if answered else None,
            "in_time": in_time,
            "dispute": _dispute(obj),
            "grounds": list(obj.grounds or []),
        }
        for ground in ObjectionGround.values:
            row[f"ground_{ground}"] = TICK if ground in (obj.grounds or []) else ""
        rows.append(row)
    return rows


def rows_for(kind: str, queryset, calendar=None) -> list[dict]:
    if kind == "requests":
        return request_rows(queryset, calendar)
    if kind == "objections":
        return objection_rows(queryset, calendar)
    raise ValueError(f"unknown register {kind!r}")


# --------------------------------------------------------------------------------------------
# Display.
# --------------------------------------------------------------------------------------------


def display(value, column: Column) -> str:
    """A cell as text in the active language (pages and PDF)."""
    if value is None or value == "":
        return ""
    if column.kind == "datetime" and isinstance(value, datetime):
        return f"{date_format(value, 'd-m-Y')}\n{value:%H:%M}"
    if column.kind in ("date", "datetime") and isinstance(value, date):
        return date_format(value, "d-m-Y")
    if column.kind == "money":
        return number_format(value, 0, force_grouping=True)
    return str(value)


def cells(columns, row: dict) -> list[tuple[Column, str]]:
    """(column, text) pairs of a row, for templates."""
    return [(column, display(row.get(column.key), column)) for column in columns]


def header_rows(columns) -> list[list[dict]]:
    """The table head: one row, or two when columns are grouped (group over its members).

    Each cell: {"label", "colspan", "rowspan", "column" (None for a group cell)}.
    """
    if not any(c.group for c in columns):
        return [[{"label": str(c.label), "colspan": 1, "rowspan": 1, "column": c}
                 for c in columns]]
    top, bottom = [], []
    index = 0
    while index < len(columns):
        column = columns[index]
        if not column.group:
            top.append({"label": str(column.label), "colspan": 1, "rowspan": 2,
                        "column": column})
            index += 1
            continue
        members = [column]
        while (index + len(members) < len(columns)
               and columns[index + len(members)].group == column.group):
            members.append(columns[index + len(members)])
        top.append({"label": str(column.group), "colspan": len(members), "rowspan": 1,
                    "column": None})
        bottom.extend({"label": str(m.label), "colspan": 1, "rowspan": 1, "column": m}
                      for m in members)
        index += len(members)
    return [top, bottom]
