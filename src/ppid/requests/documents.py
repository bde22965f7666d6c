"""The letters of a request as PDFs (WeasyPrint, A4, on the agency's letterhead).

- the receipt (tanda bukti penerimaan permohonan informasi publik);
- the written notice (pemberitahuan tertulis, Pasal 22(7) UU 14/2008, in the form of
  PERKI 1/2021): whether the information is held, the decision, the Pasal 17 grounds and the
  exemption decisions relied on, the blacked-out parts, form, timing, fee, the right to object;
- the PPID superior's answer to an objection (tanggapan atas keberatan).

Everything renders in the active language (callers wrap in `translation.override`) and shows
moments in the agency's time zone. A request whose personal data was erased shows “—”.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ppid.core.constants import Role, TimeZone
from ppid.core.models import Agency
from ppid.procedures.documents import css_string, page_counter_css
from ppid.register.constants import ExemptionGround
from ppid.requests import messages, services
from ppid.requests.constants import (
    OBJECTION_ANSWER_WORKING_DAYS,
    OBJECTION_FILING_WORKING_DAYS,
    Channel,
    DeliveryMethod,
    Holding,
    ObjectionGround,
    ObjectionOutcome,
    ObtainMethod,
    Outcome,
    RequesterKind,
)
from ppid.requests.models import Objection, Request
from ppid.worktime.services import work_calendar

ZONE_NAMES = {TimeZone.WIB: "WIB", TimeZone.WITA: "WITA", TimeZone.WIT: "WIT"}
ERASED = "—"


# --------------------------------------------------------------------------------------------
# Shared helpers (also used by ppid.requests.exports).
# --------------------------------------------------------------------------------------------


def label(choices, value) -> str:
    """The label of a choice in the active language; the raw value when unknown."""
    if value in (None, ""):
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def ground_labels(grounds) -> list[str]:
    return [label(ExemptionGround, g) for g in grounds or [] if g]


def rupiah(amount) -> str:
    """An amount in rupiah with the active language's thousands separator (“Rp 1.500.000”)."""
    return "Rp " + number_format(int(amount or 0), 0, force_grouping=True)


def agency_zone(agency: Agency | None) -> ZoneInfo:
    return ZoneInfo(agency.time_zone if agency is not None and agency.time_zone
                    else TimeZone.WIB)


def zone_name(agency: Agency | None) -> str:
    zone = agency.time_zone if agency is not None and agency.time_zone else TimeZone.WIB
    return ZONE_NAMES.get(zone, zone)


def person(user, roles=()) -> dict:
    """Name and position title (jabatan) of a signer; a position in `roles` comes first."""
    if user is None:
        return {"name": "", "title": ""}
    positions = [p for p in user.positions.all() if p.active]
    preferred = [p for p in positions if p.role in roles]
    position = (preferred or positions or [None])[0]
    return {"name": user.get_full_name() or user.get_username(),
            "title": position.title if position else ""}


def safe_filename(prefix: str, number: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in (number or ""))
    return f"{prefix}-{cleaned.strip('-') or 'dokumen'}.pdf"


def render_pdf(template: str, context: dict, *, footer: str, agency: Agency | None = None,
               page_size: str = "A4") -> bytes:
    """Render a template that includes `pdf/_base.css` and `pdf/_letterhead.html` to PDF.

    Moments show in the agency's zone whatever zone is active.
    """
    from weasyprint import HTML

    agency = agency if agency is not None else Agency.current()
    full = {
        "agency": agency,
        "zone_name": zone_name(agency),
        "page_size": page_size,
        "page_counter_css": mark_safe(page_counter_css()),  # noqa: S308 - escaped CSS strings
        "footer_css": mark_safe(css_string(footer)),  # noqa: S308
        **context,
    }
    with timezone.override(agency_zone(agency)):
        html = render_to_string(template, full)
    return HTML(string=html).write_pdf()


def _requester(req: Request) -> dict:
    """The requester's fields for a letter; “—” for everything once erased."""
    erased = bool(req.personal_data_erased_at)

    def value(name: str) -> str:
        if erased:
            return ERASED
        return getattr(req, name) or ""

    return {
        "erased": erased,
        "name": ERASED if erased else (req.name or ERASED),
        "kind": label(RequesterKind, req.requester_kind),
        "id_number": value("id_number"),
        "address": value("address"),
        "occupation": value("occupation"),
        "phone": value("phone"),
        "email": value("email"),
        "on_behalf_of": "" if erased else req.on_behalf_of,
    }


# --------------------------------------------------------------------------------------------
# The receipt.
# --------------------------------------------------------------------------------------------


def receipt_filename(req: Request) -> str:
    return safe_filename("tanda-terima", req.number)


def _counted_later(req: Request) -> bool:
    """Received after hours or on a non-working day: the clock starts on a later day."""
    return req.counted_from != work_calendar().local(req.received_at).date()


def receipt_context(req: Request) -> dict:
    return {
        "req": req,
        "counted_later": _counted_later(req),
        "requester": _requester(req),
        "code": services.format_code(req.tracking_code),
        "tracking_url": messages.tracking_url(req),
        "channel": label(Channel, req.channel),
        "written": req.written,
        "obtain": label(ObtainMethod, req.obtain_method),
        "delivery": label(DeliveryMethod, req.delivery_method),
        "officer": person(req.recorded_by, (Role.PPID, Role.UNIT_PPID, Role.UNIT_OFFICER)),
        "portal": req.channel == Channel.PORTAL,
    }


def receipt_pdf(req: Request) -> bytes:
    return render_pdf("requests/pdf/receipt.html", receipt_context(req),
                      footer=_("Receipt of request %(number)s") % {"number": req.number})


# --------------------------------------------------------------------------------------------
# The written notice.
# --------------------------------------------------------------------------------------------


def notice_filename(req: Request) -> str:
    return safe_filename("pemberitahuan-tertulis", req.number)


def _exemption_decisions(req: Request) -> list[dict]:
    found = []
    for decision in req.exemption_decisions.all().order_by("decided_on", "pk"):
        test = (decision.snapshot or {}).get("harm_test") or {}
        found.append({
            "number": decision.number,
            "decided_on": decision.decided_on,
            "ground": label(ExemptionGround, decision.ground),
            "exempt_until": decision.exempt_until,
            "title": ((decision.snapshot or {}).get("item") or {}).get("title")
            or decision.item.title,
            "consequence": test.get("consequence", ""),
        })
    return found


def _redacted_documents(req: Request) -> list[dict]:
    """Each redacted document given, with its blacked-out parts (page, ground, reason)."""
    from ppid.exemptions.models import RedactionRun

    versions = list(req.given_versions.filter(redacted_from__isnull=False)
                    .select_related("document").order_by("document__title", "number"))
    runs: dict[int, list] = {}
    for run in RedactionRun.objects.filter(result__in=versions).order_by("created_at", "pk"):
        runs.setdefault(run.result_id, []).extend(run.redactions or [])
    documents = []
    for version in versions:
        parts = []
        for mark in sorted(runs.get(version.pk, []),
                           key=lambda m: (m.get("page") or 0, m.get("ground") or "")):
            page = mark.get("page")
            parts.append({"page": page + 1 if isinstance(page, int) else "",
                          "ground": label(ExemptionGround, mark.get("ground")) or "—",
                          "reason": mark.get("reason") or ""})
        documents.append({"title": version.document.title, "name": version.original_name,
                          "version": version.number, "parts": parts})
    return documents


def notice_context(req: Request) -> dict:
    outcome = req.outcome
    held = req.holding == Holding.HELD
    withheld = outcome in (Outcome.REJECTED, Outcome.PARTLY_GRANTED)
    granted = outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
    calendar = work_calendar()
    notice_day = calendar.local(req.decided_at).date() if req.decided_at else None
    return {
        "req": req,
        "counted_later": _counted_later(req),
        "requester": _requester(req),
        "holding_options": [(value, text, value == req.holding)
                            for value, text in Holding.choices],
        "outcome_options": [(value, text, value == outcome)
                            for value, text in Outcome.choices if value != Outcome.NOT_HELD],
        "holding": label(Holding, req.holding),
        "outcome": label(Outcome, outcome),
        "held": held,
        "not_held": outcome == Outcome.NOT_HELD,
        "other_body": req.other_body if req.holding == Holding.OTHER_BODY else "",
        "withheld": withheld,
        "partly": outcome == Outcome.PARTLY_GRANTED,
        "granted": granted,
        "grounds": ground_labels(req.grounds),
        "decisions": _exemption_decisions(req) if withheld else [],
        "redacted": _redacted_documents(req) if outcome == Outcome.PARTLY_GRANTED else [],
        "given": [v for v in req.given_versions.select_related("document")
                  .order_by("document__title", "number")] if granted else [],
        "information_form": label(ObtainMethod, req.information_form),
        "fee": rupiah(req.fee) if req.fee else "",
        "free": granted and not req.fee,
        "delivered_by": label(DeliveryMethod, req.notice_delivered_by),
        "obtain": label(ObtainMethod, req.obtain_method),
        "delivery": label(DeliveryMethod, req.delivery_method),
        "notice_day": notice_day,
        "late": bool(req.decided_at and req.decided_at > req.due_at),
        "objection_days": OBJECTION_FILING_WORKING_DAYS,
        "answer_days": OBJECTION_ANSWER_WORKING_DAYS,
        "signer": person(req.decided_by, (Role.PPID,)),
    }


def notice_pdf(req: Request) -> bytes:
    return render_pdf("requests/pdf/notice.html", notice_context(req),
                      footer=_("Written notice on request %(number)s") % {"number": req.number})


# --------------------------------------------------------------------------------------------
# The answer to an objection.
# --------------------------------------------------------------------------------------------


def answer_filename(objection: Objection) -> str:
    return safe_filename("tanggapan-keberatan", objection.letter_number or objection.number)


def answer_context(objection: Objection) -> dict:
    from ppid.requests import objections

    req = objection.request
    requester = _requester(req)
    proxy = "" if requester["erased"] else objection.proxy_name
    answered = objection.answered_at is not None
    return {
        "objection": objection,
        "req": req,
        "requester": requester,
        "proxy": proxy,
        "proxy_address": "" if requester["erased"] else objection.proxy_address,
        "objector": proxy or requester["name"],
        "grounds": [label(ObjectionGround, g) for g in objection.grounds or []],
        "channel": label(Channel, objection.channel),
        "outcome": label(ObjectionOutcome, objection.outcome),
        "upheld": objection.outcome == ObjectionOutcome.UPHELD,
        "answered": answered,
        "late": answered and objection.answered_at > objection.due_at,
        "request_outcome": label(Outcome, req.outcome),
        "dispute_deadline": objections.dispute_deadline(objection) if answered else None,
        "signer": person(objection.answered_by, (Role.PPID_SUPERIOR,)),
    }


def answer_pdf(objection: Objection) -> bytes:
    return render_pdf("requests/pdf/answer.html", answer_context(objection),
                      footer=_("Answer to objection %(number)s") % {"number": objection.number})
