"""The berita acara pemusnahan (disposal record) as a PDF, in the style of the SOP documents."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ppid.core.models import Agency
from ppid.procedures.documents import css_string, page_counter_css
from ppid.records.models import Disposal, FileSource


def pdf_filename(disposal: Disposal) -> str:
    return f"{(disposal.number or f'usulan-{disposal.pk}').replace('/', '-')}.pdf"


def context(disposal: Disposal) -> dict:
    snapshot = disposal.snapshot or {}
    disposed_on = disposal.disposed_on
    made_on = date.fromisoformat(snapshot["made_on"]) if snapshot.get("made_on") else None
    end = (date.fromisoformat(snapshot["retention_end"]) if snapshot.get("retention_end")
           else None)
    labels = dict(FileSource.choices)
    files = [{**entry, "kind_label": labels.get(entry.get("kind"), entry.get("kind"))}
             for entry in disposal.files]
    footer = _("Disposal record %(number)s") % {"number": disposal.number or "—"}
    return {
        "disposal": disposal,
        "agency": Agency.current(),
        "snapshot": snapshot,
        "made_on": made_on,
        "retention_end": end,
        "disposed_on": disposed_on,
        "day_name": date_format(disposed_on, "l") if disposed_on else "",
        "files": files,
        "total_size": disposal.total_size,
        "page_counter_css": mark_safe(page_counter_css()),  # noqa: S308 - built and escaped
        "footer_css": mark_safe(css_string(footer)),  # noqa: S308
    }


def render_pdf(disposal: Disposal, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    html = render_to_string("records/berita_acara_pdf.html", context(disposal))
    return HTML(string=html, base_url=base_url).write_pdf()
