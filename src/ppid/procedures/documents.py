"""The procedure as the printable SOP of PermenPAN-RB 35/2012.

Page 1: the identity table (agency lines, number, dates, approval, name) and the paired boxes
(Dasar Hukum | Kualifikasi Pelaksana, Keterkaitan | Peralatan/Perlengkapan, Peringatan |
Pencatatan dan Pendataan). Then the step table: No · Kegiatan · one column per Pelaksana
(holding the flowchart) · Mutu Baku (Kelengkapan · Waktu · Output) · Keterangan.

The step table is drawn as one SVG per page, text included: the flowchart rows then line up with
the text rows by construction, in WeasyPrint and in browsers alike (an HTML table with an SVG laid
over it would drift as soon as a renderer wraps a cell differently). Long procedures continue
on the next page through off-page connectors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ppid.core.models import Agency
from ppid.procedures.constants import RevisionStatus
from ppid.procedures.flowchart import (
    BAND,
    GRID,
    INK,
    Lanes,
    Rows,
    _connector_label,
    _hline,
    _svg_open,
    _vline,
    draw_flow,
    flow_steps,
    fmt,
    row_height,
    text_lines,
    wrap,
)

# A4 landscape with 10 mm side margins, in points; the height one page of the table may take.
PAGE_WIDTH = 785.0
PAGE_HEIGHT = 492.0
TEXT_SIZE = 7.5
LINE_HEIGHT = 9.2
PAD = 4.5
HEAD_SIZE = 7.0
MAX_LINES = 34
LANE_MIN, LANE_MAX = 52.0, 92.0
NUMBER_W = 22.0
# Shares of the width left after the lanes and the number column.
TEXT_COLUMNS = (("activity", 0.37), ("inputs", 0.19), ("time", 0.09), ("output", 0.175),
                ("notes", 0.175))


@dataclass(frozen=True)
class Column:
    key: str
    x: float
    width: float

    @property
    def right(self) -> float:
        return self.x + self.width


def _columns(lane_count: int, width: float = PAGE_WIDTH) -> tuple[dict[str, Column], Lanes]:
    lanes_share = (width - NUMBER_W - 500.0) / max(lane_count, 1)
    lane_w = max(LANE_MIN, min(LANE_MAX, lanes_share))
    text_w = width - NUMBER_W - lane_w * lane_count
    columns = {"number": Column("number", 0.0, NUMBER_W)}
    x = NUMBER_W
    widths = {key: text_w * share for key, share in TEXT_COLUMNS}
    columns["activity"] = Column("activity", x, widths["activity"])
    x += widths["activity"]
    lanes = Lanes(x, lane_w, lane_count)
    x = lanes.right
    for key in ("inputs", "time", "output", "notes"):
        columns[key] = Column(key, x, widths[key])
        x += widths[key]
    return columns, lanes


def _cells(step) -> dict[str, str]:
    return {"number": str(step.number), "activity": step.activity,
            "inputs": step.required_inputs, "time": step.time_display,
            "output": step.output, "notes": step.notes}


def step_table_svgs(revision, *, page_height: float | None = PAGE_HEIGHT,
                    printable: bool = False) -> list[str]:
    """The step table with its flowchart: one SVG per page (one in all without a page height).

    `printable` gives the SVGs their size in points (for WeasyPrint); otherwise they take the
    width of their container.
    """
    names, flow = flow_steps(revision)
    steps = list(revision.ordered_steps())
    lane_names = names or ["—"]
    columns, lanes = _columns(len(lane_names))
    # Header: two rows, the second holding the actor names and the Mutu Baku parts.
    name_lines = [wrap(name, lanes.width - 6, HEAD_SIZE, bold=True, max_lines=5)
                  for name in lane_names]
    head_top = 18.0
    head_bottom = max(20.0, max(len(lines) for lines in name_lines) * HEAD_SIZE * 1.2 + 8)
    head_h = head_top + head_bottom

    cell_lines: list[dict[str, list[str]]] = []
    base_heights: list[float] = []
    for step, flow_step in zip(steps, flow, strict=True):
        lines = {}
        for key, text in _cells(step).items():
            column = columns[key]
            lines[key] = wrap(text, column.width - 2 * PAD, TEXT_SIZE, bold=key == "number",
                              max_lines=MAX_LINES)
        cell_lines.append(lines)
        tallest = max((len(v) for v in lines.values()), default=1)
        base_heights.append(row_height(flow_step, tallest * LINE_HEIGHT + 2 * PAD))

    pages = _paginate(base_heights, head_h, page_height)
    labels = {page[0]: _connector_label(number) for number, page in enumerate(pages[1:])}
    svgs = []
    for page in pages:
        heights = [base_heights[i] for i in page]
        heights[0] += BAND
        heights[-1] += BAND
        tops, y = [], head_h
        for height in heights:
            tops.append(y)
            y += height
        total_h = y
        size = (f"{fmt(PAGE_WIDTH)}pt", f"{fmt(total_h)}pt") if printable else None
        parts = [_svg_open(PAGE_WIDTH, total_h, revision.name, css_class="sop-table",
                           size=size)]
        parts.append(_header(columns, lanes, lane_names, name_lines, head_top, head_h))
        for top, height, index in zip(tops, heights, page, strict=True):
            parts.append(_row_text(columns, cell_lines[index], top))
            parts.append(_hline(0, PAGE_WIDTH, top + height, GRID, 0.5))
        parts.append(_grid(columns, lanes, head_top, head_h, total_h))
        if flow:
            rows = Rows(tops, heights, first=page[0])
            parts.append(draw_flow(flow, lanes, rows, page_break_labels=labels).svg())
        parts.append("</svg>")
        svgs.append("".join(parts))
    return svgs


def _paginate(heights: list[float], head_h: float, page_height: float | None) -> list[list[int]]:
    if not heights:
        return []
    if page_height is None:
        return [list(range(len(heights)))]
    pages: list[list[int]] = [[]]
    used = head_h + BAND
    for index, height in enumerate(heights):
        if pages[-1] and used + height + BAND > page_height:
            pages.append([])
            used = head_h + BAND
        pages[-1].append(index)
        used += height
    return pages


def _header(columns, lanes: Lanes, names, name_lines, head_top: float, head_h: float) -> str:
    parts = [f'<rect x="0" y="0" width="{fmt(PAGE_WIDTH)}" height="{fmt(head_h)}" '
             f'fill="#e6eaee"/>']

    def label(text: str, x1: float, x2: float, y1: float, y2: float) -> None:
        lines = wrap(text, x2 - x1 - 4, HEAD_SIZE, bold=True, max_lines=3)
        first = (y1 + y2) / 2 - (len(lines) - 1) * HEAD_SIZE * 0.6 + HEAD_SIZE * 0.36
        parts.append(text_lines(lines, (x1 + x2) / 2, first, size=HEAD_SIZE, anchor="middle",
                                bold=True, line_height=HEAD_SIZE * 1.2))

    label("No.", 0, NUMBER_W, 0, head_h)
    label("Kegiatan", columns["activity"].x, columns["activity"].right, 0, head_h)
    label("Pelaksana", lanes.x, lanes.right, 0, head_top)
    label("Mutu Baku", columns["inputs"].x, columns["output"].right, 0, head_top)
    label("Keterangan", columns["notes"].x, columns["notes"].right, 0, head_h)
    for lane, lines in enumerate(name_lines):
        x = lanes.x + lane * lanes.width
        first = ((head_top + head_h) / 2 - (len(lines) - 1) * HEAD_SIZE * 0.6
                 + HEAD_SIZE * 0.36)
        parts.append(text_lines(lines, x + lanes.width / 2, first, size=HEAD_SIZE,
                                anchor="middle", bold=True, line_height=HEAD_SIZE * 1.2,
                                css_class="fc-lane-name"))
    label("Kelengkapan", columns["inputs"].x, columns["inputs"].right, head_top, head_h)
    label("Waktu", columns["time"].x, columns["time"].right, head_top, head_h)
    label("Output", columns["output"].x, columns["output"].right, head_top, head_h)
    return "".join(parts)


def _row_text(columns, lines: dict[str, list[str]], top: float) -> str:
    parts = []
    baseline = top + PAD + TEXT_SIZE * 0.85
    for key, column in columns.items():
        if not lines.get(key):
            continue
        centered = key in ("number", "time")
        x = column.x + column.width / 2 if centered else column.x + PAD
        parts.append(text_lines(lines[key], x, baseline, size=TEXT_SIZE,
                                anchor="middle" if centered else "start",
                                bold=key == "number", line_height=LINE_HEIGHT,
                                css_class=f"sop-{key}"))
    return "".join(parts)


def _grid(columns, lanes: Lanes, head_top: float, head_h: float, total_h: float) -> str:
    parts = [_hline(lanes.x, lanes.right, head_top, INK, 0.6),
             _hline(columns["inputs"].x, columns["output"].right, head_top, INK, 0.6),
             _hline(0, PAGE_WIDTH, head_h, INK, 0.9)]
    for x in (NUMBER_W, columns["activity"].right, lanes.right, columns["inputs"].right,
              columns["time"].right, columns["output"].right):
        parts.append(_vline(x, 0 if x in (NUMBER_W, columns["activity"].right, lanes.right,
                                          columns["output"].right) else head_top,
                            total_h, INK, 0.6))
    for lane in range(1, lanes.count):
        x = lanes.x + lane * lanes.width
        parts.append(_vline(x, head_top, head_h, INK, 0.6))
        parts.append(_vline(x, head_h, total_h, GRID, 0.5))
    parts.append(f'<rect x="0.5" y="0.5" width="{fmt(PAGE_WIDTH - 1)}" '
                 f'height="{fmt(total_h - 1)}" fill="none" stroke="{INK}" stroke-width="1"/>')
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# The document.
# --------------------------------------------------------------------------------------------


def css_string(text: str) -> str:
    """`text` as a CSS string literal (for `content:` in @page margin boxes)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def page_counter_css() -> str:
    """'Page x of y' in the active language as a CSS `content` value."""
    message = _("Page %(page)s of %(pages)s")
    parts = []
    for piece in re.split(r"(%\((?:page|pages)\)s)", message):
        if piece == "%(page)s":
            parts.append("counter(page)")
        elif piece == "%(pages)s":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def identity_rows(revision) -> list[tuple[str, str]]:
    def day(value) -> str:
        return date_format(value, "j F Y") if value else "–"

    return [
        ("Nomor SOP", revision.sop_number or "–"),
        ("Tanggal Pembuatan", day(revision.made_on)),
        ("Tanggal Revisi", day(revision.revised_on)),
        ("Tanggal Efektif", day(revision.effective_on)),
        ("Disahkan oleh", revision.approved_by or "–"),
        ("Nama SOP", revision.name),
    ]


def section_pairs(revision) -> list[tuple[tuple[str, list[str]], tuple[str, list[str]]]]:
    return [
        (("Dasar Hukum", list(revision.legal_basis or [])),
         ("Kualifikasi Pelaksana", list(revision.qualifications or []))),
        (("Keterkaitan", list(revision.related or [])),
         ("Peralatan/Perlengkapan", list(revision.equipment or []))),
        (("Peringatan", list(revision.warnings or [])),
         ("Pencatatan dan Pendataan", list(revision.recording or []))),
    ]


def footer_text(revision) -> str:
    number = revision.sop_number or revision.procedure.code
    return _("SOP %(number)s · revision %(revision)s") % {"number": number,
                                                           "revision": revision.number}


def pdf_filename(revision) -> str:
    return f"SOP-{revision.procedure.code}-rev{revision.number}.pdf"


def document_context(revision, *, printable: bool = False) -> dict:
    agency = Agency.current()
    agency_lines = [line.strip() for line in (revision.agency_name or "").splitlines()
                    if line.strip()]
    if not agency_lines and agency is not None:
        agency_lines = [agency.name]
    tables = step_table_svgs(revision, page_height=PAGE_HEIGHT if printable else None,
                             printable=printable)
    return {
        "revision": revision,
        "letterhead": agency,
        "agency_lines": agency_lines,
        "identity_rows": identity_rows(revision),
        "section_pairs": section_pairs(revision),
        "steps": list(revision.ordered_steps()),
        "actors": list(revision.actors.order_by("position")),
        "tables": [mark_safe(svg) for svg in tables],  # noqa: S308 - built and escaped here
        "is_effective": revision.status == RevisionStatus.EFFECTIVE,
        "page_counter_css": mark_safe(page_counter_css()),  # noqa: S308
        "footer_css": mark_safe(css_string(footer_text(revision))),  # noqa: S308
        "status_css": mark_safe(css_string(  # noqa: S308
            "" if revision.status == RevisionStatus.EFFECTIVE
            else revision.get_status_display().upper())),
        "pdf_filename": pdf_filename(revision),
    }


def render_pdf(revision, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    html = render_to_string("procedures/document_pdf.html",
                            document_context(revision, printable=True))
    return HTML(string=html, base_url=base_url).write_pdf()
