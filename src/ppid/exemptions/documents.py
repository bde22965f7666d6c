"""The exemption decision (Keputusan PPID tentang penetapan informasi yang dikecualikan) as a PDF.

One decision document in the official layout: letterhead, title block, Menimbang, Mengingat,
Memutuskan (numbered parts), the signature block and, for decisions resting on a harm test, the
harm-test worksheet (lembar uji konsekuensi) as an attachment page. Everything read from the
decision's frozen snapshot, so the document reads the same whatever happens to the item later.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ppid.core.constants import ExemptionSigner
from ppid.core.models import Agency
from ppid.exemptions.constants import DecisionKind, Scope, Trigger
from ppid.exemptions.models import ExemptionDecision
from ppid.procedures.documents import css_string, page_counter_css
from ppid.register.constants import GROUNDS_REQUIRING_END_DATE, Category, ExemptionGround


def pdf_filename(decision: ExemptionDecision) -> str:
    number = (decision.number or f"draft-{decision.pk}").replace("/", "-").replace("\\", "-")
    return f"SK-{number}.pdf"


def _label(choices, value) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _signer_title(decision: ExemptionDecision, agency: Agency | None, signer: dict) -> str:
    if signer.get("title"):
        return signer["title"]
    if decision.kind == DecisionKind.OPEN:
        return _("Information and Documentation Officer (PPID)")
    if agency is not None and agency.exemption_signer == ExemptionSigner.HEAD:
        return _("Head of the agency")
    return _("PPID superior")


def context(decision: ExemptionDecision) -> dict:
    snapshot = decision.snapshot or {}
    item = snapshot.get("item") or {}
    signer = snapshot.get("signer") or {}
    test = snapshot.get("harm_test")
    agency = Agency.current()
    kind = decision.kind
    titles = {
        DecisionKind.EXEMPT: _("The determination of exempt information"),
        DecisionKind.EXTEND: _("The extension of an exemption"),
        DecisionKind.OPEN: _("The opening of previously exempt information"),
    }
    # The automatic opening at the end date (agency setting) has nobody who signed it.
    automatic = (kind == DecisionKind.OPEN and decision.signed_by_id is None
                 and not signer.get("title"))
    footer = _("Decision %(number)s") % {"number": decision.number or "—"}
    return {
        "decision": decision,
        "agency": agency,
        "snapshot": snapshot,
        "item": item,
        "documents": snapshot.get("documents") or [],
        "test": test,
        "is_open": kind == DecisionKind.OPEN,
        "is_extend": kind == DecisionKind.EXTEND,
        "is_part": decision.scope == Scope.PART,
        "subject": titles.get(kind, decision.get_kind_display()),
        "ground_label": _label(ExemptionGround, decision.ground),
        "ground_without_end": decision.ground not in GROUNDS_REQUIRING_END_DATE,
        "scope_label": _label(Scope, decision.scope),
        "category_label": _label(Category, decision.category_after),
        "previous_category_label": _label(Category, item.get("category")),
        "trigger_label": _label(Trigger, (test or {}).get("trigger")),
        "signer": signer,
        "signer_title": _signer_title(decision, agency, signer),
        "automatic": automatic,
        "page_counter_css": mark_safe(page_counter_css()),  # noqa: S308 - built and escaped
        "footer_css": mark_safe(css_string(footer)),  # noqa: S308
    }


def render_pdf(decision: ExemptionDecision, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    html = render_to_string("exemptions/decision_pdf.html", context(decision))
    return HTML(string=html, base_url=base_url).write_pdf()
