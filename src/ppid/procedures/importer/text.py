"""Plain-text SOP reader: header and sections, then the step table(s), then suggestions."""

from __future__ import annotations

import re

from .clean import BULLET, clean_cell, squash
from .header import label_key, match_heading, parse_front, title_to_name
from .model import ParsedProcedure
from .suggest import suggest
from .table import TableReader, is_table_header, number_steps

_COMMENT = re.compile(r"^\s*#\s*source\s*:", re.IGNORECASE)
_LIST_START = re.compile(r"^\s*(?:[-\u2022\u25aa*]|\(?\d{1,2}[.)]?\s)")


def prepare_lines(text: str) -> list[str]:
    """Normalise line endings, drop the BOM and "# source:" comments, trim line ends."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for raw in text.split("\n"):
        lines.append("" if _COMMENT.match(raw) else raw.rstrip())
    return lines


def _is_title_line(raw: str) -> bool:
    """A line of a table's title block (not list content, a section heading or a field)."""
    text = clean_cell(raw.replace("\t", "  "))
    if not text or _LIST_START.match(text) or text.startswith(BULLET):
        return False
    first = clean_cell(next((cell for cell in raw.split("\t") if cell.strip()), ""))
    return match_heading(text) is None and label_key(first.split(":")[0]) is None


_DETACHED_TITLE = re.compile(
    r"^(#{1,6}\s|\*\*|<b>|<h\d)|^\W*(sop|pos|standar operasional|standar operasi|"
    r"prosedur operasional|standard operating)\b",
    re.IGNORECASE,
)


def title_start(lines: list[str], header: int) -> int:
    """Where the title block above a table header begins (at most five lines).

    Lines right above the header belong to it; across blank lines only a short single-cell
    title ("POS ...", "### SOP ...", "**POS ...**") does, so section content stays put.
    """
    start = header
    while start > 0 and header - start < 5 and lines[start - 1].strip():
        if not _is_title_line(lines[start - 1]):
            break
        start -= 1
    if start < header:
        return start
    probe = header
    while probe > 0 and not lines[probe - 1].strip():
        probe -= 1
    candidate = lines[probe - 1] if probe > 0 else ""
    single = "\t" not in candidate.strip() and len(candidate) < 160
    if single and _DETACHED_TITLE.match(candidate.strip()) and _is_title_line(candidate):
        return probe - 1
    return start


def _first_table(lines: list[str]) -> int | None:
    for index, raw in enumerate(lines):
        if is_table_header(raw):
            return index
    return None


def _fallback_name(proc: ParsedProcedure, titles: list[str], reader: TableReader) -> None:
    if proc.name:
        return
    source = " ".join(titles) if titles else ""
    if not source and reader.tables:
        source = reader.tables[0].title.replace(" / ", " ")
    if not source:
        proc.add_problem("No SOP name found ('Nama SOP' / 'Judul SOP')")
        return
    proc.name = title_to_name(source)
    proc.add_problem(f"No 'Nama SOP' field; the name was taken from the title '{squash(source)}'")


def parse_text(text: str) -> ParsedProcedure:
    """Parse an SOP (POS) given as plain text; unplaced lines are listed in ``problems``."""
    proc = ParsedProcedure()
    lines = prepare_lines(text)
    header = _first_table(lines)
    split = title_start(lines, header) if header is not None else len(lines)
    titles = parse_front(lines[:split], proc)
    reader = TableReader(proc)
    if header is None:
        proc.add_problem("No step table found (a header row with 'No', 'Kegiatan', 'Pelaksana')")
    else:
        reader.feed(lines[split:])
    number_steps(proc, reader.tables)
    _fallback_name(proc, titles, reader)
    if not proc.agency:
        proc.add_problem("No agency (Badan Publik) lines found above the header")
    if header is not None and not proc.steps:
        proc.add_problem("The step table has no numbered step rows")
    suggest(proc, reader.marks)
    return proc
