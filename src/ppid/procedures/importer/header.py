"""The part before the step table: header fields (Nomor, Tanggal, Disahkan oleh, Nama) and
the sections (Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan, Peralatan, Peringatan,
Pencatatan dan Pendataan), in one or two columns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import cell_lines, clean_cell, split_items, squash
from .model import ParsedProcedure
from .times import parse_date

SECTION_FIELDS = ("legal_basis", "qualifications", "related", "equipment", "warnings", "recording")
SECTION_LABELS = {
    "legal_basis": "Dasar Hukum",
    "qualifications": "Kualifikasi Pelaksana",
    "related": "Keterkaitan",
    "equipment": "Peralatan/Perlengkapan",
    "warnings": "Peringatan",
    "recording": "Pencatatan dan Pendataan",
}
_SECTION_PATTERNS = [
    ("legal_basis", r"dasar hukum( / referensi)?"),
    ("qualifications", r"(kompetensi / )?kualifikasi( pelaksana(an)?)?"),
    ("related", r"keterkaitan|kerterkaitan|keterikatan|keterkaitan( dengan)? (sop|pos)"),
    ("equipment", r"(peralatan( / | )?perle\w+|peralatan|perlengkapan)( dan biaya)?"),
    ("warnings", r"peringatan"),
    ("recording", r"pencatatan( (dan|/) pendataan)?( / lampiran)?"),
]
_UNKNOWN_HEADING = re.compile(r"^[A-Z]\.\s+[A-Z][A-Z0-9 ,/&().'-]{2,80}$")
_LETTER_PREFIX = re.compile(r"^[A-Za-z]\.\s+")

_LABELS = {
    "number": ("nomor pos", "nomor sop", "no sop", "no pos", "nomor dokumen", "no dokumen",
               "no dok", "nomor prosedur"),
    "made_on": ("tanggal pembuatan", "tgl pembuatan", "tanggal dibuat", "tgl dibuat"),
    "revised_on": ("tanggal revisi", "tgl revisi"),
    "effective_on": ("tanggal efektif", "tgl efektif", "tanggal berlaku", "tgl berlaku"),
    "ratified_on": ("tanggal pengesahan", "tgl pengesahan", "tanggal disahkan", "tgl disahkan"),
    "approved_by": ("disahkan oleh", "disahkan olah", "ditetapkan oleh"),
    "name": ("nama pos", "nama sop", "judul sop", "judul pos", "nama prosedur"),
    "other": ("nomor revisi", "no revisi", "status dokumen", "revisi", "rev"),
}  # fmt: skip
_LABEL_KEYS = {label: key for key, labels in _LABELS.items() for label in labels}
_AGENCY_WORDS = re.compile(
    r"\b(pemerintah|kementerian|kementrian|badan|dinas|balai|lembaga|sekretariat|biro|"
    r"direktorat|kantor|universitas|kabupaten|kota|provinsi|inspektorat|rumah sakit)\b",
    re.IGNORECASE,
)
_UNIT_WORDS = re.compile(
    r"^(bidang|bagian|sub ?bagian|subbag|seksi|sub ?bidang|upt|unit)\b", re.IGNORECASE
)
_TITLE_LINE = re.compile(
    r"^(standar operasional prosedur|standar operasi prosedur|prosedur operasional standar|"
    r"standard operating procedure|sop|pos)\b",
    re.IGNORECASE,
)
_ADDRESS_LINE = re.compile(
    r"^(jl\.?|jalan|telp|telepon|faks|faksimile|fax|email|e-mail|http|www\.)|kode ?pos",
    re.IGNORECASE,
)
_NAME_PREFIX = re.compile(r"^(pos|sop)\s+(?=\S)", re.IGNORECASE)


def normalise_label(text: str) -> str:
    text = text.lower().replace(".", " ").replace(":", " ")
    return squash(text)


def label_key(text: str) -> str | None:
    return _LABEL_KEYS.get(normalise_label(text))


def normalise_heading(text: str) -> str:
    text = _LETTER_PREFIX.sub("", squash(text)).lower()
    text = re.sub(r"\s*/\s*", " / ", text)
    return squash(text.strip(" :.-"))


def section_key(text: str) -> str | None:
    head = normalise_heading(text)
    for key, pattern in _SECTION_PATTERNS:
        if re.fullmatch(pattern, head):
            return key
    return None


def match_heading(line: str) -> tuple[str, str] | None:
    """(section field, inline content) when ``line`` opens a known section."""
    text = line.strip()
    key = section_key(text)
    if key:
        return key, ""
    if ":" in text:
        head, rest = text.split(":", 1)
        key = section_key(head)
        if key:
            return key, rest.strip()
    return None


def looks_like_number(value: str) -> bool:
    """A document number ("270 / ADPIM. II/ III/ 2024") rather than a title."""
    if not re.search(r"\d", value):
        return False
    return not re.search(r"[A-Za-z]{4,}\s+[A-Za-z]{4,}", value)


def tidy_name(value: str) -> str:
    """Drop a leading "POS "/"SOP " (the field already says it is a POS)."""
    value = squash(value)
    stripped = _NAME_PREFIX.sub("", value)
    return stripped if len(stripped.split()) >= 1 else value


def title_to_name(title: str) -> str:
    """A name from a title line ("STANDAR OPERASIONAL PROSEDUR (SOP) PENYUSUNAN DIP")."""
    text = squash(title)
    text = re.sub(
        r"^(standar operasional prosedur|standar operasi prosedur|prosedur operasional standar)"
        r"(\s*\((sop|pos)\))?\s*",
        "",
        text,
        flags=re.IGNORECASE,
    )
    return tidy_name(text) or text


def _raw(line: str) -> str:
    return squash(clean_cell(line.replace("\t", "  ")))


@dataclass
class FrontState:
    """What the header/section reader has seen so far."""

    pre_blocks: list[list[str]] = field(default_factory=lambda: [[]])
    field_seen: bool = False
    section_seen: bool = False
    columns: dict[int, str] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)
    section_raw: dict[str, list[str]] = field(default_factory=dict)
    left_lines: list[str] = field(default_factory=list)
    ratified: tuple | None = None
    title_blocks: list[str] = field(default_factory=list)


def _field_cells(cells: list[str]) -> tuple[list[str], str, str, str] | None:
    """(left cells, key, label, value) when a label sits in the first or second cell."""
    seen = 0
    for index, cell in enumerate(cells):
        if not cell:
            continue
        seen += 1
        if seen > 2:
            return None
        rest = " ".join(c for c in cells[index + 1 :] if c)
        key = label_key(cell)
        if key:
            return [c for c in cells[:index] if c], key, cell, rest.lstrip(": ").strip()
        match = re.match(r"^([^:]{2,40}?)\s*:\s*(.*)$", cell)
        if match and label_key(match.group(1)):
            value = squash(f"{match.group(2)} {rest}")
            return [c for c in cells[:index] if c], label_key(match.group(1)), match.group(1), value
    return None


def _apply_date(proc: ParsedProcedure, key: str, value: str, state: FrontState) -> None:
    found, understood = parse_date(value)
    if not understood:
        proc.add_problem(f"Could not read the date '{value}' ({key.replace('_', ' ')})")
    if key == "ratified_on":
        state.ratified = (found, value)
    elif getattr(proc, key) is None:
        setattr(proc, key, found)


def _apply_name(proc: ParsedProcedure, value: str) -> str:
    """Set the name (or the number, when a "Nama SOP" line holds one); return the field."""
    if not value:
        return "name"
    if looks_like_number(value) and not proc.number:
        proc.number = value
        proc.add_problem(f"The 'Nama SOP' line '{value}' holds a number; read as the SOP number")
        return "number"
    if proc.name:
        proc.add_problem(f"A second SOP name '{value}' was not used (kept '{proc.name}')")
    else:
        proc.name = tidy_name(value)
    return "name"


def _apply_field(proc: ParsedProcedure, key: str, value: str, state: FrontState) -> str:
    """Apply one header field; return the field it ended up in."""
    if key == "name":
        return _apply_name(proc, value)
    if key == "number":
        if proc.number and value and value != proc.number:
            proc.add_problem(f"A second SOP number '{value}' was not used")
        elif value:
            proc.number = value
    elif key in ("made_on", "revised_on", "effective_on", "ratified_on"):
        _apply_date(proc, key, value, state)
        return "effective_on" if key == "ratified_on" else key
    elif key == "approved_by":
        proc.approved_by = proc.approved_by or value
    return key if key != "other" else "other_header_field"


def _read_field(proc: ParsedProcedure, raw: str, state: FrontState) -> bool:
    cells = [clean_cell(cell) for cell in raw.split("\t")]
    found = _field_cells(cells)
    if not found:
        return False
    left, key, label, value = found
    state.field_seen = True
    state.left_lines.extend(left)
    used = _apply_field(proc, key, value, state)
    label_at = raw.find(label.split()[0]) if label else -1
    proc.read(used, _raw(raw[label_at:] if label_at > 0 else raw))
    return True


def _heading_cells(raw: str) -> list[tuple[int, str, list[str]]] | None:
    """Headings on a line: [(column, field, inline lines)], or None if it is not a heading line."""
    found: list[tuple[int, str, list[str]]] = []
    for index, cell in enumerate(raw.split("\t")):
        lines = cell_lines(cell)
        if not lines:
            continue
        heading = match_heading(lines[0].strip())
        if heading:
            inline = ([heading[1]] if heading[1] else []) + lines[1:]
            found.append((index, heading[0], inline))
        elif not found:
            return None
        else:
            found[-1][2].extend(lines)
    return found or None


def _column_for(index: int, columns: dict[int, str]) -> str:
    usable = [col for col in columns if col <= index]
    return columns[max(usable)] if usable else columns[min(columns)]


def _add_content(state: FrontState, key: str, lines: list[str], raw: str) -> None:
    state.sections.setdefault(key, []).extend(lines)
    state.section_raw.setdefault(key, []).append(raw)


def _read_section_line(raw: str, state: FrontState) -> bool:
    headings = _heading_cells(raw)
    if headings:
        state.section_seen = True
        state.columns = {index: key for index, key, _ in headings}
        for _index, key, inline in headings:
            state.sections.setdefault(key, [])
            _add_content(state, key, inline, f"{SECTION_LABELS[key]}: {squash(' '.join(inline))}")
        return True
    text = clean_cell(raw)
    if "\t" not in raw.strip() and _UNKNOWN_HEADING.match(text) and not section_key(text):
        state.section_seen = True
        key = "other:" + text
        state.columns = {0: key}
        state.sections.setdefault(key, [])
        return True
    if not state.columns:
        return False
    for index, cell in enumerate(raw.split("\t")):
        lines = cell_lines(cell)
        if lines:
            _add_content(state, _column_for(index, state.columns), lines, _raw(cell))
    return True


def _signoff_column(raw: str) -> int | None:
    for index, cell in enumerate(raw.split("\t")):
        if normalise_label(cell) == "disetujui oleh":
            return index
    return None


def read_signoff(proc: ParsedProcedure, block: list[str]) -> bool:
    """ISO-style "Dibuat oleh / Diperiksa oleh / Disetujui oleh" block: read the approver."""
    column = _signoff_column(block[0]) if block else None
    if column is None:
        return False
    values = []
    for raw in block[1:]:
        cells = raw.split("\t")
        value = clean_cell(cells[column]) if column < len(cells) else ""
        if value and not parse_date(value)[0]:
            values.append(value)
    proc.read("signoff", " / ".join(_raw(line) for line in block))
    if values and not proc.approved_by:
        proc.approved_by = ", ".join(values)
    return True


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for raw in lines:
        if raw.strip():
            blocks[-1].append(raw)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def parse_front(lines: list[str], proc: ParsedProcedure) -> list[str]:
    """Read header fields and sections; return title lines found before the header."""
    state = FrontState()
    unplaced: list[str] = []
    blocks = _blocks(lines)
    for block in blocks:
        if read_signoff(proc, block):
            continue
        for raw in block:
            if _read_line(proc, raw, state):
                continue
            if not state.field_seen and not state.section_seen:
                state.pre_blocks[-1].append(clean_cell(raw.replace("\t", "  ")))
            else:
                unplaced.append(raw)
        if state.pre_blocks[-1]:
            state.pre_blocks.append([])
    for raw in unplaced:
        proc.add_problem(f"Line not read (not a header field or section): '{_raw(raw)}'")
    _finish_sections(proc, state)
    _finish_dates(proc, state)
    return _resolve_preamble(proc, state)


def _read_line(proc: ParsedProcedure, raw: str, state: FrontState) -> bool:
    if not state.section_seen and _read_field(proc, raw, state):
        return True
    return _read_section_line(raw, state)


def _finish_sections(proc: ParsedProcedure, state: FrontState) -> None:
    for key, lines in state.sections.items():
        raw = squash(" ".join(state.section_raw.get(key, [])))
        if key.startswith("other:"):
            title = key[len("other:") :]
            proc.read("other_section", f"{title}: {raw}".strip())
            if lines:
                proc.add_problem(
                    f"Section '{title}' is not part of the POS format; its text was not imported"
                )
            continue
        loose: list[str] = []
        items = split_items(lines, loose)
        getattr(proc, key).extend(items)
        proc.read(key, raw)
        for item in loose:
            proc.add_problem(
                f"{SECTION_LABELS[key]}: unnumbered line kept as its own item: '{item}'"
            )


def _finish_dates(proc: ParsedProcedure, state: FrontState) -> None:
    if state.ratified is None:
        return
    found, _raw_value = state.ratified
    if proc.effective_on is None:
        proc.effective_on = found


def _is_title_block(block: list[str]) -> bool:
    return bool(block) and bool(_TITLE_LINE.match(block[0]))


def _agency_lines(block: list[str]) -> tuple[list[str], list[str]]:
    keep, dropped = [], []
    for line in block:
        text = squash(line)
        if _TITLE_LINE.match(text) or _ADDRESS_LINE.search(text) or text.upper() == "PPID":
            dropped.append(text)
        else:
            keep.append(text)
    distinct = [line for line in keep if not any(line != other and line in other for other in keep)]
    result: list[str] = []
    for line in distinct:
        if line not in result:
            result.append(line)
    dropped.extend(line for line in keep if line not in result)
    return result, dropped


def _resolve_preamble(proc: ParsedProcedure, state: FrontState) -> list[str]:
    """Pick the agency block from the text before the first field; flag the rest."""
    blocks = [block for block in state.pre_blocks if block]
    titles: list[str] = []
    agency_index = None
    for index, block in enumerate(blocks):
        if not _is_title_block(block) and _AGENCY_WORDS.search(" ".join(block)):
            agency_index = index
    agency: list[str] = []
    for index, block in enumerate(blocks):
        if index == agency_index:
            agency, dropped = _agency_lines(block)
            if dropped:
                proc.read("preamble", " / ".join(dropped))
        elif _is_title_block(block) and not titles:
            titles = block
            proc.read("title", " / ".join(block))
        else:
            proc.read("preamble", " / ".join(block))
            proc.add_problem(f"Text before the header was not used: '{' / '.join(block)}'")
    for line in state.left_lines:
        if _UNIT_WORDS.match(line) and not proc.unit_name:
            proc.unit_name = line
            proc.read("unit_name", line)
        elif _AGENCY_WORDS.search(line):
            agency.append(line)
        else:
            proc.add_problem(f"Text beside a header field was not used: '{line}'")
    proc.agency = "\n".join(agency)
    if proc.agency:
        proc.read("agency", " / ".join(agency))
    return titles
