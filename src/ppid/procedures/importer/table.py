"""The step table: header rows (No, Kegiatan, Pelaksana..., Mutu Baku: Kelengkapan, Waktu,
Output, Keterangan), step rows, page-break repeats and a second table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import clean_cell, squash
from .header import read_signoff
from .model import ParsedProcedure, ParsedStep
from .times import parse_time

_NO = {"no", "nomor", "no urut"}
_ACTIVITY = {
    "kegiatan", "langkah kegiatan", "aktivitas", "uraian", "uraian proses", "uraian kegiatan",
    "uraian tugas", "kegiatan / aktivitas", "uraian aktivitas", "prosedur", "langkah",
}  # fmt: skip
_INPUTS = {"kelengkapan", "syarat", "persyaratan", "kelengkapan / persyaratan", "input"}
_TIME = {"waktu", "waktu penyelesaian", "durasi"}
_OUTPUT = {"output", "keluaran", "hasil", "output / hasil"}
_NOTES = {"keterangan", "ket", "catatan"}
_QUALITY = re.compile(r"^(mutu ba?ku|mutu buku|pendukung|mutu baku / pendukung)$")
_START_END = {"mulai", "selesai", "start", "end", "stop", "mulai / selesai", "akhir"}
_TITLE_IN_CELL = re.compile(r"^(nama|judul)\s+(pos|sop)\s*:", re.IGNORECASE)
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def norm(cell: str) -> str:
    text = clean_cell(cell).lower().strip(" :.")
    return squash(re.sub(r"\s*/\s*", " / ", text))


def cells_of(raw: str) -> list[str]:
    return [clean_cell(cell) for cell in raw.split("\t")]


def is_table_header(raw: str) -> bool:
    names = [norm(cell) for cell in raw.split("\t")]
    if sum(1 for name in names if name) < 3:
        return False
    has_activity = any(name in _ACTIVITY for name in names)
    has_actors = any("pelaksana" in name for name in names)
    has_no = bool(names) and names[0] in _NO
    return has_activity and (has_actors or has_no)


def is_sub_header(raw: str) -> bool:
    names = [norm(cell) for cell in raw.split("\t")]
    known = _INPUTS | _TIME | _OUTPUT
    return any(name in known for name in names) and not re.fullmatch(r"\d+", names[0] or "")


@dataclass
class Layout:
    """Which column holds what."""

    activity: int
    number: int | None = None
    inputs: int | None = None
    time: int | None = None
    output: int | None = None
    notes: int | None = None
    actors: list[tuple[int, str]] = field(default_factory=list)
    width: int = 0

    @property
    def actor_names(self) -> list[str]:
        return [name for _, name in self.actors]


def _first(names: list[str], wanted: set[str], default: int | None = None) -> int | None:
    for index, name in enumerate(names):
        if name in wanted:
            return index
    return default


def build_layout(top_raw: str, sub_raw: str | None) -> Layout:
    top = [norm(cell) for cell in top_raw.split("\t")]
    sub = [norm(cell) for cell in sub_raw.split("\t")] if sub_raw is not None else top
    sub_cells = cells_of(sub_raw) if sub_raw is not None else cells_of(top_raw)
    width = max(len(top), len(sub))
    top += [""] * (width - len(top))
    sub += [""] * (width - len(sub))
    sub_cells += [""] * (width - len(sub_cells))
    merged = [s or t for t, s in zip(top, sub, strict=True)]
    layout = Layout(activity=_first(merged, _ACTIVITY, 1), width=width)
    layout.number = _first(top, _NO)
    layout.inputs = _first(sub, _INPUTS, _first(top, _INPUTS))
    layout.time = _first(sub, _TIME, _first(top, _TIME))
    layout.output = _first(sub, _OUTPUT, _first(top, _OUTPUT))
    layout.notes = _first(sub, _NOTES, _first(top, _NOTES))
    quality = next((i for i, name in enumerate(top) if _QUALITY.match(name)), None)
    ends = [i for i in (layout.inputs, layout.time, layout.output, quality) if i is not None]
    ends = [i for i in ends if i > layout.activity]
    end = min(ends) if ends else width
    for index in range(layout.activity + 1, end):
        name = sub_cells[index]
        if name and index not in (layout.notes, layout.number):
            layout.actors.append((index, name))
    return layout


@dataclass
class Row:
    number: int
    activity: str
    cells: list[str]


def read_row(raw: str, layout: Layout) -> Row | None | str:
    """A step row, None if the line is not one, or "columns" for a column-number row."""
    cells = cells_of(raw)
    filled = [cell for cell in cells if cell]
    if len(filled) >= 3 and all(re.fullmatch(r"\d{1,2}", cell) for cell in filled):
        return "columns"
    cells += [""] * (layout.width - len(cells))
    if layout.number is not None:
        match = re.fullmatch(r"(\d{1,3})\s*[.)]?", cells[layout.number])
        if not match:
            return None
        return Row(int(match.group(1)), cells[layout.activity], cells)
    match = re.match(r"^(\d{1,3})\s*[.)]\s*(.*)$", cells[layout.activity])
    if not match:
        return None
    return Row(int(match.group(1)), match.group(2), cells)


@dataclass
class Table:
    layout: Layout
    title: str
    rows: list[tuple[Row, ParsedStep | None]] = field(default_factory=list)


@dataclass
class TableReader:
    """Walks the lines from the first table title to the end of the text."""

    proc: ParsedProcedure
    tables: list[Table] = field(default_factory=list)
    pending: list[list[str]] = field(default_factory=lambda: [[]])
    marks: dict[int, dict[str, str]] = field(default_factory=dict)

    def feed(self, lines: list[str]) -> None:
        index = 0
        while index < len(lines):
            raw = lines[index]
            index += 1
            if not raw.strip():
                if self.pending[-1]:
                    self.pending.append([])
                continue
            if is_table_header(raw):
                index = self._start_table(raw, lines, index)
                continue
            self._row(raw)
        self._flush_trailer()

    def _start_table(self, raw: str, lines: list[str], index: int) -> int:
        sub = None
        probe = index
        while probe < len(lines) and not lines[probe].strip():
            probe += 1
        if probe < len(lines) and is_sub_header(lines[probe]) and not is_table_header(lines[probe]):
            sub = lines[probe]
            index = probe + 1
        layout = build_layout(raw, sub)
        title = self._take_title()
        header_text = squash(clean_cell(raw.replace("\t", " | ")))
        if sub is not None:
            header_text += " / " + squash(clean_cell(sub.replace("\t", " | ")))
        current = self.tables[-1] if self.tables else None
        if current and current.layout.actor_names == layout.actor_names:
            if title:
                self.proc.read("page_header", title)
            current.layout = layout
            return index
        self.tables.append(Table(layout, title))
        self.proc.read("table_header", header_text)
        if title:
            self.proc.read("table_title", title)
        self._check_layout(layout, len(self.tables))
        return index

    def _check_layout(self, layout: Layout, count: int) -> None:
        where = f"step table {count}"
        if layout.time is None:
            self.proc.add_problem(f"The {where} has no 'Waktu' column; no time standards read")
        if not layout.actors:
            self.proc.add_problem(f"The {where} names no actors (Pelaksana columns)")

    def _take_title(self) -> str:
        blocks = [block for block in self.pending if block]
        self.pending = [[]]
        if not blocks:
            return ""
        for block in blocks[:-1]:
            self._unplaced(block)
        return " / ".join(squash(clean_cell(line.replace("\t", "  "))) for line in blocks[-1])

    def _unplaced(self, block: list[str]) -> None:
        if read_signoff(self.proc, block):
            return
        text = " / ".join(squash(clean_cell(line.replace("\t", "  "))) for line in block)
        text = squash(text)
        if text:
            self.proc.add_problem(f"Text outside the step table was not read: '{text}'")

    def _row(self, raw: str) -> None:
        table = self.tables[-1] if self.tables else None
        row = read_row(raw, table.layout) if table else None
        if row == "columns":
            return
        if row is None:
            self.pending[-1].append(raw)
            return
        for block in self.pending:
            if block:
                self._unplaced(block)
        self.pending = [[]]
        table.rows.append((row, self._step(row, table.layout)))

    def _flush_trailer(self) -> None:
        for block in self.pending:
            if block:
                self._unplaced(block)
        self.pending = [[]]

    def _step(self, row: Row, layout: Layout) -> ParsedStep | None:
        cell = lambda index: row.cells[index] if index is not None else ""  # noqa: E731
        activity = squash(row.activity)
        if norm(activity) in _START_END:
            where = self._where(row.number).replace("Step", "Row")
            self.proc.add_problem(
                f"{where} '{activity}' is a flowchart start/end marker, not a step"
            )
            return None
        step = ParsedStep(
            number=row.number,
            activity=activity,
            required_inputs=cell(layout.inputs),
            time_raw=cell(layout.time),
            output=cell(layout.output),
            notes=cell(layout.notes),
        )
        self._fix_title_activity(step)
        reading = parse_time(step.time_raw)
        step.time_standard = reading.standard
        if reading.problem:
            self.proc.add_problem(f"{self._where(row.number)}: {reading.problem}")
        self._actor_cells(row, layout, step)
        self._extra_cells(row, layout)
        return step

    def _where(self, number: int) -> str:
        if len(self.tables) > 1:
            return f"Step {number} of table {len(self.tables)}"
        return f"Step {number}"

    def _fix_title_activity(self, step: ParsedStep) -> None:
        if not _TITLE_IN_CELL.match(step.activity):
            return
        rebuilt = re.sub(r"^(hasil|laporan)\s+", "", step.output, flags=re.IGNORECASE)
        rebuilt = rebuilt[:1].upper() + rebuilt[1:]
        self.proc.add_problem(
            f"{self._where(step.number)}: the activity cell holds a title ('{step.activity}'), "
            f"not an activity; activity rebuilt from the output as '{rebuilt}' (check it)"
        )
        step.activity = rebuilt

    def _actor_cells(self, row: Row, layout: Layout, step: ParsedStep) -> None:
        texts = []
        for index, name in layout.actors:
            value = row.cells[index] if index < len(row.cells) else ""
            if not value:
                continue
            if not _ASCII_ALNUM.search(value):
                self.marks.setdefault(id(step), {})[name] = value
            else:
                texts.append(f"{name}: '{value}'")
        if texts:
            self.proc.add_problem(
                f"{self._where(row.number)}: text in actor columns not read as actors "
                f"(decision labels?): {', '.join(texts)}"
            )

    def _extra_cells(self, row: Row, layout: Layout) -> None:
        extra = [cell for cell in row.cells[layout.width :] if cell]
        if extra:
            self.proc.add_problem(
                f"{self._where(row.number)}: cells beyond the table's columns not read: {extra}"
            )


def number_steps(proc: ParsedProcedure, tables: list[Table]) -> None:
    """Collect steps; flag gaps, number restarts (second table, page) on continuously."""
    last = 0
    offset = 0
    for count, table in enumerate(tables, start=1):
        previous_written = None
        for row, step in table.rows:
            written = row.number
            if previous_written is not None and written > previous_written + 1:
                proc.add_problem(f"Step numbers jump from {previous_written} to {written}")
            if written + offset <= last:
                offset = last - written + 1
                label = f"table {count} ('{table.title}')" if table.title else f"table {count}"
                proc.add_problem(
                    f"Step numbering restarts at {written} in {label}; "
                    f"numbered on from {written + offset}"
                )
            previous_written = written
            number = written + offset
            last = max(last, number)
            if step is not None:
                step.number = number
                proc.steps.append(step)
        for name in table.layout.actor_names:
            if name not in proc.actors:
                proc.actors.append(name)
