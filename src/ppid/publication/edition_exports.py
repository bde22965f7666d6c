"""An edition of the DIP or DIK as the official documents: the list (PDF, A4 landscape, and
XLSX) and the decree that sets it (SK penetapan, PDF, A4 portrait).

These are official documents: their text is Indonesian whatever the reader's language, with
the official column headings (PERKI 1/2010 Lampiran II for the DIP). A draft is exported from
the live preview and marked KONSEP on every page; a signed edition from its frozen rows, with
its SHA-256. The rows keep codes (category, form, Pasal 17 ground, ISO dates); their Indonesian
wording is here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from ppid.core.models import Agency
from ppid.core.spreadsheets import landscape_bytes
from ppid.publication import editions
from ppid.publication.constants import EditionKind
from ppid.publication.models import Edition
from ppid.requests.documents import render_pdf

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
CATEGORY_ID = {"periodic": "Berkala", "immediate": "Serta Merta", "on_request": "Setiap Saat",
               "exempt": "Dikecualikan"}
FORM_ID = {"soft": "Softcopy", "hard": "Hardcopy", "both": "Softcopy dan Hardcopy"}
LIST_NAMES = {EditionKind.DIP: "Daftar Informasi Publik",
              EditionKind.DIK: "Daftar Informasi yang Dikecualikan"}
PPID = "Pejabat Pengelola Informasi dan Dokumentasi"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DRAFT_MARK = "KONSEP"
# Rendered files of signed editions are kept here (a long DIP takes a while to lay out).
CACHE_FOLDER = "generated/editions"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    weight: float  # share of the PDF's width
    width: float  # XLSX column width (characters)


DIP_COLUMNS = (
    Column("no", "No.", 3, 6),
    Column("summary", "Ringkasan Isi Informasi", 27, 55),
    Column("holder", "Pejabat/Unit yang Menguasai Informasi", 13, 28),
    Column("responsible", "Penanggung Jawab Pembuatan Informasi", 12, 26),
    Column("made", "Waktu dan Tempat Pembuatan Informasi", 11, 22),
    Column("form", "Bentuk Informasi yang Tersedia", 9, 18),
    Column("retention", "Jangka Waktu Penyimpanan", 9, 16),
    Column("category", "Jenis Informasi", 9, 14),
    Column("year", "Tahun", 5, 8),
)
DIK_COLUMNS = (
    Column("no", "No.", 3, 6),
    Column("title", "Informasi yang Dikecualikan", 25, 50),
    Column("ground", "Dasar Hukum", 13, 26),
    Column("consequence", "Konsekuensi/Alasan", 24, 50),
    Column("period", "Jangka Waktu Pengecualian", 11, 22),
    Column("decision", "Nomor dan Tanggal Penetapan", 12, 24),
    Column("unit", "Unit yang Menguasai", 12, 26),
)
COLUMNS = {EditionKind.DIP: DIP_COLUMNS, EditionKind.DIK: DIK_COLUMNS}


# --------------------------------------------------------------------------------------------
# Indonesian wording of the row values.
# --------------------------------------------------------------------------------------------


def date_id(value) -> str:
    """“5 Januari 2026” from a date or an ISO date string; "" for none."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


def ground_id(code: str) -> str:
    """“Pasal 17 huruf a angka 1 UU 14/2008” from a ground code such as 17a1."""
    if not code or not code.startswith("17") or len(code) < 3:
        return code or "—"
    text = f"Pasal 17 huruf {code[2]}"
    if code[3:]:
        text += f" angka {code[3:]}"
    return text + " UU 14/2008"


def retention_id(years) -> str:
    if years is None:
        return "Permanen"
    return f"{years} tahun"


@dataclass
class Cell:
    text: str
    strong: str = ""

    @property
    def plain(self) -> str:
        return "\n".join(part for part in (self.strong, self.text) if part)


def dip_cells(position: int, data: dict) -> dict[str, Cell]:
    if data.get("withheld"):  # exempted after the decree (editions.public_rows)
        cells = {c.key: Cell("—") for c in DIP_COLUMNS}
        return {**cells, "no": Cell(str(position)),
                "summary": Cell("Dikecualikan setelah penetapan; tidak ditampilkan.")}
    holder = data.get("holder_official") or ""
    unit = data.get("unit") or ""
    made_when = date_id(data.get("made_on")) or str(data.get("year") or "")
    made = ", ".join(part for part in (made_when, data.get("made_at_place") or "") if part)
    return {
        "no": Cell(str(position)),
        "summary": Cell(data.get("summary") or "", strong=data.get("title") or ""),
        "holder": Cell("\n".join(p for p in (holder, unit) if p) or "—"),
        "responsible": Cell(data.get("responsible_official") or "—"),
        "made": Cell(made or "—"),
        "form": Cell(FORM_ID.get(data.get("form"), data.get("form") or "—")),
        "retention": Cell(retention_id(data.get("retention_years"))),
        "category": Cell(CATEGORY_ID.get(data.get("category"), data.get("category") or "—")),
        "year": Cell(str(data.get("year") or "")),
    }


def dik_cells(position: int, data: dict) -> dict[str, Cell]:
    until = data.get("until")
    number = data.get("decision_number") or ""
    decided = date_id(data.get("decision_date"))
    return {
        "no": Cell(str(position)),
        "title": Cell(data.get("title") or ""),
        "ground": Cell(ground_id(data.get("ground") or "")),
        "consequence": Cell(data.get("consequence") or "—"),
        "period": Cell(f"Sampai dengan {date_id(until)}" if until
                       else "Tidak ditentukan batas waktunya"),
        "decision": Cell("\n".join(p for p in (number, decided) if p) or "—"),
        "unit": Cell(data.get("unit") or "—"),
    }


def cells(kind: str, row) -> list[Cell]:
    make = dip_cells if kind == EditionKind.DIP else dik_cells
    by_key = make(row.position, row.data)
    return [by_key[c.key] for c in COLUMNS[kind]]


# --------------------------------------------------------------------------------------------
# What both the PDF and the XLSX say about the edition.
# --------------------------------------------------------------------------------------------


def filename(edition: Edition, what: str, extension: str) -> str:
    """e.g. dip-2026-sk-001-ppid-2026.pdf; drafts say konsep."""
    stem = edition.decree_number if edition.is_signed else DRAFT_MARK.lower()
    cleaned = "".join(c if c.isalnum() else "-" for c in (stem or "")).strip("-").lower()
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    parts = [edition.kind, what, cleaned or str(edition.pk)]
    return "-".join(p for p in parts if p) + f".{extension}"


def _decree_line(edition: Edition) -> str:
    number = edition.decree_number or "........................"
    when = date_id(edition.decree_date) or "........................"
    return f"Nomor {number} tanggal {when}"


def _context(edition: Edition, rows=None) -> dict:
    agency = Agency.current()
    rows = editions.rows_of(edition) if rows is None else rows
    columns = COLUMNS[edition.kind]
    total = sum(c.weight for c in columns)
    signed = edition.is_signed
    digest = edition.sha256 if signed else editions.rows_digest(rows)
    return {
        "agency": agency,
        "edition": edition,
        "draft": not signed,
        "list_name": LIST_NAMES[edition.kind],
        "is_dip": edition.kind == EditionKind.DIP,
        "columns": columns,
        "widths": [round(100 * c.weight / total, 2) for c in columns],
        "body": [list(zip(columns, cells(edition.kind, row), strict=True)) for row in rows],
        "row_count": len(rows),
        "sha256": digest,
        "decree_number": edition.decree_number,
        "decree_date": date_id(edition.decree_date),
        "decree_line": _decree_line(edition),
        "place": edition.decree_place or (agency.city if agency else ""),
        "signer_name": edition.decree_signer_name,
        "signer_position": edition.decree_signer_position,
        "signer_nip": edition.decree_signer_nip,
        "interval": agency.edition_interval_months if agency else 12,
        "ppid": PPID,
    }


def _footer(edition: Edition, what: str) -> str:
    if not edition.is_signed:
        return f"{DRAFT_MARK} — {what}, belum ditetapkan"
    return f"{what} · SHA-256 {edition.sha256[:16]}…"


# --------------------------------------------------------------------------------------------
# PDF.
# --------------------------------------------------------------------------------------------


def edition_pdf(edition: Edition, rows=None) -> bytes:
    """The list as the Lampiran of the decree: A4 landscape, letterhead, the header repeated
    on every page, page numbers and the signature block."""
    with translation.override("id"):
        context = _context(edition, rows)
        return render_pdf("publication/pdf/edition.html", context,
                          footer=_footer(edition, edition.title), agency=context["agency"],
                          page_size="A4 landscape")


def decree_pdf(edition: Edition, rows=None) -> bytes:
    """The decree (SK penetapan) that sets the list: A4 portrait."""
    with translation.override("id"):
        context = _context(edition, rows)
        return render_pdf("publication/pdf/decree.html", context,
                          footer=_footer(edition, f"Keputusan PPID — {edition.title}"),
                          agency=context["agency"])


# --------------------------------------------------------------------------------------------
# XLSX.
# --------------------------------------------------------------------------------------------


def edition_xlsx(edition: Edition, rows=None) -> bytes:
    """The same columns as the PDF, under a block naming the agency, the list and the decree."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    context = _context(edition, rows)
    columns = context["columns"]
    agency = context["agency"]
    last = get_column_letter(len(columns))
    book = Workbook()
    sheet = book.active
    sheet.title = "DIP" if edition.kind == EditionKind.DIP else "DIK"

    head = [
        (agency.name if agency else "", Font(bold=True, size=13)),
        (edition.title, Font(bold=True, size=12)),
        (f"Lampiran Keputusan {PPID} {context['decree_line']}", Font(bold=False)),
    ]
    if edition.is_signed:
        signer = ", ".join(p for p in (edition.decree_signer_name,
                                       edition.decree_signer_position) if p)
        head.append((f"Ditetapkan oleh {signer} · {context['row_count']} informasi · "
                     f"SHA-256 {context['sha256']}", Font(italic=True, color="555555")))
    else:
        head.append((f"{DRAFT_MARK}: belum ditetapkan; isi mengikuti daftar saat ini "
                     f"({context['row_count']} informasi).", Font(bold=True, color="A31515")))
    for number, (text, font) in enumerate(head, start=1):
        sheet.cell(row=number, column=1, value=text).font = font
        sheet.merge_cells(f"A{number}:{last}{number}")
    header_row = len(head) + 2
    thin = Side(style="thin", color="6B7480")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="EEF1F4")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in context["body"]:
        values = []
        for column, cell in row_cells:
            value = cell.plain
            if column.key in ("no", "year") and value.isdigit():
                value = int(value)
            values.append(value)
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            cell.border = border
            cell.alignment = wrap
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    if context["body"]:
        sheet.auto_filter.ref = f"A{header_row}:{last}{sheet.max_row}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    return landscape_bytes(book, sheet)


# --------------------------------------------------------------------------------------------
# Downloads: a signed edition's files are rendered once and kept.
# --------------------------------------------------------------------------------------------

RENDERERS = {"pdf": (edition_pdf, "pdf"), "xlsx": (edition_xlsx, "xlsx"),
             "sk": (decree_pdf, "pdf")}


def _cache_name(edition: Edition, what: str) -> str:
    """Named by the edition's hash and the agency's last change (the letterhead)."""
    agency = Agency.current()
    stamp = int(agency.updated_at.timestamp()) if agency and agency.updated_at else 0
    extension = RENDERERS[what][1]
    return f"{CACHE_FOLDER}/{edition.pk}/{what}-{edition.sha256[:20]}-{stamp}.{extension}"


def document(edition: Edition, what: str, *, public: bool = False) -> bytes:
    """The list (`pdf`, `xlsx`) or the decree (`sk`): a draft is rendered from the live
    register every time; a signed edition once, then read back. `public`: as the portal may
    show it (rows of items exempted since the decree withheld, editions.public_rows)."""
    render = RENDERERS[what][0]
    if not edition.is_signed:
        return render(edition)
    hidden = editions.exempted_since(edition) if public else set()
    if hidden:  # rare; rendered each time rather than kept beside the full edition
        return render(edition, rows=editions.public_rows(edition))
    name = _cache_name(edition, what)
    try:
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                return stored.read()
    except OSError:
        logger.warning("Could not read the kept file %s; rendering again.", name)
    content = render(edition)
    try:
        default_storage.save(name, ContentFile(content))
    except OSError:
        logger.warning("Could not keep the rendered file %s.", name)
    return content


def prerender(edition_id: int) -> dict:
    """Render and keep the files of a signed edition (for a background task after signing)."""
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None or not edition.is_signed:
        return {"edition": edition_id, "rendered": []}
    for what in RENDERERS:
        document(edition, what)
    return {"edition": edition_id, "rendered": list(RENDERERS)}
