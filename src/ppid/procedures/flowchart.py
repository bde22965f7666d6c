"""The flowchart of a procedure: swimlanes drawn as inline SVG from the steps.

The SOP texts lost the flowchart symbols of the PermenPAN-RB 35/2012 form; this restores them.
One lane per actor (Pelaksana column), one row per step, in the standard symbols: terminators
(Mulai/Selesai), activity rectangles in the lane of each actor of the step (repeated and joined
when several actors share a step), a decision diamond for review steps with a dashed "No" arrow
back to the step it may send the case back to, and orthogonal arrows (down, across, down).

Pure string building: no dependency, text escaped, the same input always gives the same output.
Geometry is in points so the printable document (documents.py) can draw the whole step table
around the lanes with rows that line up by construction.

Text widths come from a table of DejaVu Sans advance widths (the font WeasyPrint uses here;
browsers without it fall back to narrower fonts), so wrapping is decided here, not by the
renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ppid.procedures.constants import StepKind

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
INK = "#1b1f24"
LINE = "#6b7480"
GRID = "#9aa3ad"
LANE_FILL = ("#ffffff", "#f4f6f8")

# Sizes in points.
FONT_SIZE = 8.0
SMALL_SIZE = 6.5
SYMBOL_H = 22.0
DIAMOND_H = 34.0
TERMINATOR_H = 16.0
BAND = 26.0          # room above the first / below the last symbol for the terminators
ROW_MIN = 42.0       # a row always fits a symbol with arrows in and out
HEAD_MIN = 26.0
ARROW = 4.5          # arrow head length

# Advance widths of DejaVu Sans (1/100 em) for U+0020..U+00FF, and a few common extras.
_REGULAR = (
    32, 40, 46, 84, 64, 95, 78, 28, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 78, 75, 30, 30, 66, 56, 86,
    75, 79, 60, 79, 70, 64, 61, 73, 68, 99, 68, 61, 68, 39, 34, 39, 84, 50, 50, 61, 64, 55, 64,
    62, 35, 64, 63, 28, 28, 58, 28, 97, 63, 61, 64, 64, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64,
    34, 64, 84, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60,
    60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 32, 40, 64, 64, 64, 64, 34, 50, 50, 100,
    47, 61, 84, 36, 100, 50, 50, 84, 40, 40, 50, 64, 64, 32, 50, 40, 47, 61, 97, 97, 97, 53, 68,
    68, 68, 68, 68, 68, 97, 70, 63, 63, 63, 63, 30, 30, 30, 30, 78, 75, 79, 79, 79, 79, 79, 84,
    79, 73, 73, 73, 73, 61, 60, 63, 61, 61, 61, 61, 61, 61, 98, 55, 62, 62, 62, 62, 28, 28, 28,
    28, 61, 63, 61, 61, 61, 61, 61, 84, 61, 63, 63, 63, 63, 59, 64, 59
)
_REGULAR_EXTRA = {
    '‘': 32, '’': 32, '“': 52, '”': 52, '–': 50,
    '—': 100, '…': 100, '•': 59, '·': 32, '→': 84,
}
_BOLD = (
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 36, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 78, 64,
    100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 72, 46, 36, 46, 84, 50, 50, 68, 72,
    59, 72, 68, 44, 72, 71, 34, 34, 66, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 64, 65,
    58, 71, 36, 71, 84, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60,
    60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 35, 46, 70, 70, 64, 70, 36, 50,
    50, 100, 56, 65, 84, 42, 100, 50, 50, 84, 44, 44, 50, 74, 64, 38, 50, 44, 56, 65, 104, 104,
    104, 58, 77, 77, 77, 77, 77, 77, 108, 73, 68, 68, 68, 68, 37, 37, 37, 37, 84, 84, 85, 85,
    85, 85, 85, 84, 85, 81, 81, 81, 81, 72, 74, 72, 68, 68, 68, 68, 68, 68, 105, 59, 68, 68, 68,
    68, 34, 34, 34, 34, 69, 71, 69, 69, 69, 69, 69, 84, 69, 71, 71, 71, 71, 65, 72, 65
)
_BOLD_EXTRA = {
    '‘': 38, '’': 38, '“': 66, '”': 66, '–': 50,
    '—': 100, '…': 100, '•': 64, '·': 38, '→': 84,
}


def _char_width(char: str, bold: bool) -> float:
    table, extra = (_BOLD, _BOLD_EXTRA) if bold else (_REGULAR, _REGULAR_EXTRA)
    code = ord(char)
    if 32 <= code < 256:
        return table[code - 32] / 100
    if char in extra:
        return extra[char] / 100
    return 0.62 if code < 0x2E80 else 1.0


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Width in points of `text` set in DejaVu Sans at `size` points (no kerning)."""
    return sum(_char_width(c, bold) for c in text) * size


def wrap(text: str, width: float, size: float = FONT_SIZE, bold: bool = False,
         max_lines: int | None = None) -> list[str]:
    """Break `text` into lines no wider than `width` points; over-long words are split."""
    lines: list[str] = []
    for paragraph in (text or "").replace("\r", "").split("\n"):
        words = paragraph.split()
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while text_width(word, size, bold) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut] + "-", size, bold) > width:
                    cut -= 1
                lines.append(word[:cut] + "-")
                word = word[cut:]
            current = word
        if current:
            lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def fmt(value: float) -> str:
    """Numbers in SVG: at most two decimals, no trailing zeros (deterministic)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_lines(lines: list[str], x: float, y: float, *, size: float = FONT_SIZE,
               anchor: str = "start", bold: bool = False, line_height: float | None = None,
               fill: str = INK, css_class: str = "") -> str:
    """One <text> per line (the most portable form across SVG renderers); y = first baseline."""
    step = line_height or size * 1.22
    attrs = (f' font-size="{fmt(size)}"' + (' font-weight="bold"' if bold else "")
             + (f' text-anchor="{anchor}"' if anchor != "start" else "")
             + (f' fill="{fill}"' if fill != INK else "")
             + (f' class="{css_class}"' if css_class else ""))
    return "".join(
        f'<text x="{fmt(x)}" y="{fmt(y + i * step)}"{attrs}>{escape(line)}</text>'
        for i, line in enumerate(lines))


# --------------------------------------------------------------------------------------------
# The steps as the flowchart sees them.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FlowStep:
    number: int
    activity: str
    lanes: tuple[int, ...] = ()      # lane indexes, first = the executor; empty: no actor yet
    kind: str = StepKind.OTHER
    back_to: int | None = None       # index of the step a review sends back to

    @property
    def is_decision(self) -> bool:
        return self.kind == StepKind.REVIEW


def flow_steps(revision) -> tuple[list[str], list[FlowStep]]:
    """(lane names, steps) of a revision. A review step sends back to the previous step."""
    actors = list(revision.actors.order_by("position"))
    lane_of = {actor.pk: index for index, actor in enumerate(actors)}
    steps = []
    for index, step in enumerate(revision.ordered_steps()):
        lanes = tuple(sorted(lane_of[a.pk] for a in step.actors.all() if a.pk in lane_of))
        back = index - 1 if step.kind == StepKind.REVIEW and index > 0 else None
        steps.append(FlowStep(step.number, step.activity, lanes, step.kind, back))
    return [actor.name for actor in actors], steps


# --------------------------------------------------------------------------------------------
# Geometry and drawing.
# --------------------------------------------------------------------------------------------


@dataclass
class Lanes:
    """Where the lanes are: x of the first lane, width of each, how many."""

    x: float
    width: float
    count: int

    def center(self, lane: int) -> float:
        return self.x + (lane + 0.5) * self.width

    @property
    def right(self) -> float:
        return self.x + self.width * self.count

    @property
    def middle(self) -> float:
        return self.x + self.width * self.count / 2


@dataclass
class Rows:
    """Rows of one page of the table: `first` is the index of the step in the first row."""

    tops: list[float]
    heights: list[float]
    first: int = 0
    lead_in: bool = True     # room at the top of the first row (terminator or connector)
    lead_out: bool = True    # room at the bottom of the last row

    def index(self, step_index: int) -> int | None:
        local = step_index - self.first
        return local if 0 <= local < len(self.tops) else None

    def center_y(self, step_index: int) -> float:
        local = self.index(step_index)
        top, height = self.tops[local], self.heights[local]
        band_top = BAND if local == 0 and self.lead_in else 0.0
        band_bottom = BAND if local == len(self.tops) - 1 and self.lead_out else 0.0
        return top + band_top + (height - band_top - band_bottom) / 2


def row_height(step: FlowStep, text_height: float = 0.0, *, first: bool = False,
               last: bool = False) -> float:
    """A row fits its symbol, the text beside it, and the terminator bands."""
    symbol = DIAMOND_H if step.is_decision else SYMBOL_H
    height = max(ROW_MIN, symbol + 18.0, text_height)
    return height + (BAND if first else 0.0) + (BAND if last else 0.0)


@dataclass
class _Symbol:
    xs: list[float]
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2


@dataclass
class Drawing:
    """SVG fragments of the flowchart, by layer, and counts the tests look at."""

    connectors: list[str] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def svg(self) -> str:
        return ("".join(self.connectors) + "".join(self.symbols) + "".join(self.labels))


def _arrow(points: list[tuple[float, float]], *, dashed: bool = False,
           css: str = "fc-arrow") -> str:
    """An orthogonal polyline with a filled arrow head at its last point."""
    path = "M" + " L".join(f"{fmt(x)} {fmt(y)}" for x, y in points)
    (x1, y1), (x2, y2) = points[-2], points[-1]
    dx, dy = (x2 > x1) - (x2 < x1), (y2 > y1) - (y2 < y1)
    # The head: a triangle pointing along the last segment.
    bx, by = x2 - dx * ARROW, y2 - dy * ARROW
    px, py = -dy * ARROW * 0.55, dx * ARROW * 0.55
    head = (f"{fmt(x2)},{fmt(y2)} {fmt(bx + px)},{fmt(by + py)} "
            f"{fmt(bx - px)},{fmt(by - py)}")
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return (f'<g class="{css}"><path d="{path}" fill="none" stroke="{INK}" '
            f'stroke-width="0.9"{dash}/><polygon points="{head}" fill="{INK}"/></g>')


def _terminator(x: float, y: float, width: float, label: str) -> str:
    h = TERMINATOR_H
    return (f'<g class="fc-terminator"><rect x="{fmt(x - width / 2)}" y="{fmt(y - h / 2)}" '
            f'width="{fmt(width)}" height="{fmt(h)}" rx="{fmt(h / 2)}" ry="{fmt(h / 2)}" '
            f'fill="#fff" stroke="{INK}" stroke-width="1"/>'
            + text_lines([label], x, y + SMALL_SIZE * 0.36, size=SMALL_SIZE, anchor="middle",
                         bold=True) + "</g>")


def _connector(x: float, y: float, label: str, *, pointing_down: bool) -> str:
    """Off-page connector: a pentagon (home plate) with the letter that pairs the pages."""
    w, h = 16.0, 14.0
    top, bottom, left, right = y - h / 2, y + h / 2, x - w / 2, x + w / 2
    if pointing_down:
        pts = [(left, top), (right, top), (right, bottom - 5), (x, bottom), (left, bottom - 5)]
        text_y = top + 7.5
    else:
        pts = [(left, top + 5), (x, top), (right, top + 5), (right, bottom), (left, bottom)]
        text_y = bottom - 3.5
    points = " ".join(f"{fmt(px)},{fmt(py)}" for px, py in pts)
    return (f'<g class="fc-connector"><polygon points="{points}" fill="#fff" stroke="{INK}" '
            f'stroke-width="1"/>' + text_lines([label], x, text_y, size=SMALL_SIZE,
                                                anchor="middle", bold=True) + "</g>")


def _activity(x: float, y: float, width: float, number: int, *, dashed: bool) -> str:
    h = SYMBOL_H
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return (f'<g class="fc-activity"><rect x="{fmt(x - width / 2)}" y="{fmt(y - h / 2)}" '
            f'width="{fmt(width)}" height="{fmt(h)}" fill="#fff" stroke="{INK}" '
            f'stroke-width="1"{dash}/>'
            + text_lines([str(number)], x, y + FONT_SIZE * 0.36, anchor="middle", bold=True)
            + "</g>")


def _decision(x: float, y: float, width: float, number: int) -> str:
    h = DIAMOND_H
    points = (f"{fmt(x)},{fmt(y - h / 2)} {fmt(x + width / 2)},{fmt(y)} "
              f"{fmt(x)},{fmt(y + h / 2)} {fmt(x - width / 2)},{fmt(y)}")
    return (f'<g class="fc-decision"><polygon points="{points}" fill="#fff" stroke="{INK}" '
            f'stroke-width="1"/>'
            + text_lines([str(number)], x, y + FONT_SIZE * 0.36, anchor="middle", bold=True)
            + "</g>")


def _connector_label(index: int) -> str:
    """A, B, … Z, AA, AB, … for the off-page connectors."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(65 + rest) + label
    return label


def draw_flow(steps: list[FlowStep], lanes: Lanes, rows: Rows, *,
              page_break_labels: dict[int, str] | None = None) -> Drawing:
    """Draw the steps of `rows` (a page of the table) into the lanes.

    `page_break_labels` maps the index of a step that starts a page to the letter of the
    off-page connector pairing it with the end of the previous page.
    """
    labels = page_break_labels or {}
    drawing = Drawing()
    count = len(rows.tops)
    first, last = rows.first, rows.first + count - 1
    symbols: dict[int, _Symbol] = {}
    rect_w = max(24.0, min(lanes.width - 14.0, 96.0))
    diamond_w = max(30.0, min(lanes.width - 10.0, 84.0))
    for index in range(first, last + 1):
        step = steps[index]
        y = rows.center_y(index)
        xs = [lanes.center(lane) for lane in step.lanes] or [lanes.middle]
        width = diamond_w if step.is_decision else rect_w
        symbols[index] = _Symbol(xs, y, width, DIAMOND_H if step.is_decision else SYMBOL_H)
        if len(xs) > 1:
            drawing.connectors.append(
                f'<line class="fc-join" x1="{fmt(xs[0])}" y1="{fmt(y)}" x2="{fmt(xs[-1])}" '
                f'y2="{fmt(y)}" stroke="{INK}" stroke-width="0.9"/>')
        for x in xs:
            if step.is_decision:
                drawing.symbols.append(_decision(x, y, width, step.number))
            else:
                drawing.symbols.append(_activity(x, y, width, step.number,
                                                 dashed=not step.lanes))

    term_w = max(30.0, min(lanes.width - 16.0, 64.0))
    first_symbol, last_symbol = symbols[first], symbols[last]
    top_y = rows.tops[0] + BAND / 2 - 2
    if first == 0:
        drawing.symbols.append(_terminator(first_symbol.xs[0], top_y, term_w,
                                           pgettext("flowchart", "Start")))
        start = top_y + TERMINATOR_H / 2
    else:
        drawing.symbols.append(_connector(first_symbol.xs[0], top_y, labels.get(first, "?"),
                                          pointing_down=True))
        start = top_y + 7
    drawing.connectors.append(_arrow([(first_symbol.xs[0], start),
                                      (first_symbol.xs[0], first_symbol.top)]))

    for index in range(first, last):
        source, target = symbols[index], symbols[index + 1]
        sx, tx = source.xs[0], target.xs[0]
        if abs(sx - tx) < 0.01:
            points = [(sx, source.bottom), (tx, target.top)]
        else:
            local = rows.index(index + 1)
            turn = (rows.tops[local] + target.top) / 2
            points = [(sx, source.bottom), (sx, turn), (tx, turn), (tx, target.top)]
        drawing.connectors.append(_arrow(points))
        if steps[index].is_decision:
            drawing.labels.append(_yes_label(sx, source.bottom))

    bottom_y = rows.tops[-1] + rows.heights[-1] - BAND / 2 + 2
    x_end = last_symbol.xs[0]
    if last == len(steps) - 1:
        drawing.symbols.append(_terminator(x_end, bottom_y, term_w,
                                           pgettext("flowchart", "End")))
        end = bottom_y - TERMINATOR_H / 2
    else:
        drawing.symbols.append(_connector(x_end, bottom_y, labels.get(last + 1, "?"),
                                          pointing_down=True))
        end = bottom_y - 7
    drawing.connectors.append(_arrow([(x_end, last_symbol.bottom), (x_end, end)]))
    if steps[last].is_decision:
        drawing.labels.append(_yes_label(x_end, last_symbol.bottom))

    for index in range(first, last + 1):
        step = steps[index]
        if step.is_decision and step.back_to is not None:
            _draw_back(drawing, steps, lanes, rows, symbols, index)
    return drawing


def _yes_label(x: float, y: float) -> str:
    return text_lines([pgettext("flowchart decision", "Yes")], x + 3, y + SMALL_SIZE + 1,
                      size=SMALL_SIZE, css_class="fc-yes")


def _draw_back(drawing: Drawing, steps, lanes: Lanes, rows: Rows, symbols, index: int) -> None:
    """The dashed "No" arrow from a review's diamond back to the step it sends back to."""
    step, source = steps[index], symbols[index]
    target_index = step.back_to
    lane = step.lanes[0] if step.lanes else None
    target_step = steps[target_index]
    target_lane = target_step.lanes[0] if target_step.lanes else None
    sx = source.xs[0]
    target = symbols.get(target_index)
    if target is not None:
        nearest = min(target.xs, key=lambda x: (abs(x - sx), x))
        direction = -1 if nearest < sx - 0.01 else 1
    else:
        direction = -1 if (lane is not None and target_lane is not None
                           and target_lane < lane) else 1
    vertex = sx + direction * source.width / 2
    gutter = lanes.width / 2 - 4.0
    label_x = vertex + direction * 2
    drawing.labels.append(text_lines([pgettext("flowchart decision", "No")], label_x,
                                     source.y - 3, size=SMALL_SIZE,
                                     anchor="start" if direction > 0 else "end",
                                     css_class="fc-no"))
    if target is None:
        # The target is on an earlier page: go up to the top of this page and say where to.
        gx = sx + direction * gutter
        top = rows.tops[0] + 3
        drawing.connectors.append(_arrow([(vertex, source.y), (gx, source.y), (gx, top)],
                                         dashed=True, css="fc-arrow fc-back"))
        drawing.labels.append(text_lines(
            [_("to %(n)s") % {"n": target_step.number}], gx - direction * 2, top + 8,
            size=SMALL_SIZE, anchor="end" if direction > 0 else "start", css_class="fc-no"))
        return
    # Of several symbols of the target (several actors), aim at the nearest one.
    tx = min(target.xs, key=lambda x: (abs(x - sx), x))
    if abs(tx - sx) < 0.01:
        gx, edge = sx + direction * gutter, tx + direction * target.width / 2
    else:
        gx, edge = tx - direction * gutter, tx - direction * target.width / 2
    points = [(vertex, source.y), (gx, source.y), (gx, target.y), (edge, target.y)]
    drawing.connectors.append(_arrow(points, dashed=True, css="fc-arrow fc-back"))


# --------------------------------------------------------------------------------------------
# The flowchart on its own.
# --------------------------------------------------------------------------------------------

LANE_W = 120.0


def flowchart_svg(revision, *, lane_width: float = LANE_W, title: str = "") -> str:
    """The procedure's flowchart as inline SVG: one lane per actor, one row per step.

    Rows have a fixed height (the first and last are taller by the terminator band), the same
    rule the printable SOP uses, so the symbols line up with the table rows beside them.
    """
    names, steps = flow_steps(revision)
    return render_flowchart(names, steps, lane_width=lane_width,
                            title=title or getattr(revision, "name", ""))


def render_flowchart(names: list[str], steps: list[FlowStep], *, lane_width: float = LANE_W,
                     title: str = "") -> str:
    names = names or ["—"]
    lanes = Lanes(0.0, lane_width, len(names))
    head_lines = [wrap(name, lane_width - 8, FONT_SIZE, bold=True, max_lines=4)
                  for name in names]
    head_h = max(HEAD_MIN, max(len(lines) for lines in head_lines) * FONT_SIZE * 1.22 + 10)
    tops, heights, y = [], [], head_h
    for index, step in enumerate(steps):
        height = row_height(step, first=index == 0, last=index == len(steps) - 1)
        tops.append(y)
        heights.append(height)
        y += height
    total_w, total_h = lanes.right, max(y, head_h + ROW_MIN)
    parts = [_svg_open(total_w, total_h, title)]
    for lane, lines in enumerate(head_lines):
        x = lanes.x + lane * lane_width
        parts.append(f'<rect class="fc-lane" x="{fmt(x)}" y="0" width="{fmt(lane_width)}" '
                     f'height="{fmt(total_h)}" fill="{LANE_FILL[lane % 2]}"/>')
        parts.append(f'<rect class="fc-head" x="{fmt(x)}" y="0" width="{fmt(lane_width)}" '
                     f'height="{fmt(head_h)}" fill="#e6eaee"/>')
        first_baseline = (head_h - (len(lines) - 1) * FONT_SIZE * 1.22) / 2 + FONT_SIZE * 0.36
        parts.append(text_lines(lines, x + lane_width / 2, first_baseline, anchor="middle",
                                bold=True, css_class="fc-lane-name"))
    for top in tops[1:]:
        parts.append(_hline(0, total_w, top, GRID, 0.4))
    parts.append(_hline(0, total_w, head_h, INK, 0.8))
    for lane in range(1, lanes.count):
        parts.append(_vline(lanes.x + lane * lane_width, 0, total_h, GRID, 0.6))
    parts.append(f'<rect x="0.5" y="0.5" width="{fmt(total_w - 1)}" '
                 f'height="{fmt(total_h - 1)}" fill="none" stroke="{INK}" stroke-width="1"/>')
    if steps:
        parts.append(draw_flow(steps, lanes, Rows(tops, heights)).svg())
    parts.append("</svg>")
    return "".join(parts)


def _svg_open(width: float, height: float, title: str, *, css_class: str = "flowchart",
              size: tuple[str, str] | None = None) -> str:
    dims = (f' width="{size[0]}" height="{size[1]}"' if size
            else ' width="100%"')
    label = escape(title or _("Flowchart"))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" '
            f'viewBox="0 0 {fmt(width)} {fmt(height)}"{dims} role="img" '
            f'aria-label="{label}" font-family="{FONT_FAMILY}" '
            f'preserveAspectRatio="xMinYMin meet"><title>{label}</title>')


def _hline(x1: float, x2: float, y: float, color: str, width: float) -> str:
    return (f'<line x1="{fmt(x1)}" y1="{fmt(y)}" x2="{fmt(x2)}" y2="{fmt(y)}" '
            f'stroke="{color}" stroke-width="{fmt(width)}"/>')


def _vline(x: float, y1: float, y2: float, color: str, width: float) -> str:
    return (f'<line x1="{fmt(x)}" y1="{fmt(y1)}" x2="{fmt(x)}" y2="{fmt(y2)}" '
            f'stroke="{color}" stroke-width="{fmt(width)}"/>')
