"""Exports of the registers and of the report on public-information services (PDF and XLSX).

`register_xlsx` / `register_pdf` write the rows of `ppid.requests.registers` (staff only: they
carry requesters' personal data). `report_pdf` / `report_xlsx` write the annual or quarterly
report from `reports.figures` and the editable `ServiceReport` text: counts only, no personal
data, fit for publication.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ppid.core.constants import Role
from ppid.core.models import Agency
from ppid.core.spreadsheets import landscape_bytes
from ppid.register.constants import ExemptionGround
from ppid.requests import documents, registers
from ppid.requests.constants import (
    Channel,
    DisputeOutcome,
    DisputeStage,
    ObjectionGround,
    ObjectionOutcome,
    ReportPeriod,
)
from ppid.requests.reports import Figures

DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
MONEY_FORMAT = "#,##0"
# Characters Excel refuses in sheet names.
SHEET_FORBIDDEN = set("[]:*?/\\")


def _now_local(agency: Agency | None) -> datetime:
    return timezone.now().astimezone(documents.agency_zone(agency))


# --------------------------------------------------------------------------------------------
# Registers.
# --------------------------------------------------------------------------------------------


def register_filename(kind: str, extension: str, today: date | None = None) -> str:
    stem = "register-permohonan" if kind == "requests" else "register-keberatan"
    today = today or timezone.localdate()
    return f"{stem}-{today:%Y%m%d}.{extension}"


def _xlsx_value(value, column: registers.Column):
    """A cell value for openpyxl: real dates (naive, local) and numbers."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if column.kind == "datetime" else value.date()
    return value


def _sheet_title(text: str, taken: set[str]) -> str:
    cleaned = "".join(" " if c in SHEET_FORBIDDEN else c for c in str(text)).strip() or "Sheet"
    title = cleaned[:31].strip()
    number = 2
    while title.lower() in taken:
        suffix = f" ({number})"
        title = cleaned[:31 - len(suffix)].strip() + suffix
        number += 1
    taken.add(title.lower())
    return title


def register_xlsx(kind: str, rows: list[dict], *, title: str, filters_text: str = "") -> bytes:
    """The register as a workbook: a title block, a frozen bold header, one row per entry."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    columns = registers.columns_for(kind)
    agency = Agency.current()
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(title, set())
    last_letter = get_column_letter(len(columns))

    sheet.append([str(title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([agency.name if agency else ""])
    sheet["A2"].font = Font(bold=True)
    sheet.append([filters_text or _("All entries")])
    made = _now_local(agency)
    sheet.append([_("Made on %(when)s") % {"when": date_format(made, "j F Y H:i")}])
    sheet["A4"].font = Font(italic=True, color="555555")
    for row in range(1, 5):
        sheet.merge_cells(f"A{row}:{last_letter}{row}")
    grouped = any(c.group for c in columns)
    first_head = 6  # after the title block and an empty row
    last_head = first_head + (1 if grouped else 0)
    thin = Side(style="thin", color="6B7480")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="EEF1F4")
    index = 1
    while index <= len(columns):
        column = columns[index - 1]
        if not column.group:
            sheet.cell(row=first_head, column=index, value=str(column.label))
            if grouped:
                sheet.merge_cells(start_row=first_head, start_column=index,
                                  end_row=last_head, end_column=index)
            index += 1
            continue
        end = index
        while end < len(columns) and columns[end].group == column.group:
            end += 1
        sheet.cell(row=first_head, column=index, value=str(column.group))
        sheet.merge_cells(start_row=first_head, start_column=index, end_row=first_head,
                          end_column=end)
        for member in range(index, end + 1):
            sheet.cell(row=last_head, column=member, value=str(columns[member - 1].label))
        index = end + 1
    for row in sheet.iter_rows(min_row=first_head, max_row=last_head, max_col=len(columns)):
        for cell in row:
            cell.border = border
            cell.fill = fill
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")

    wrap = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    for entry in rows:
        sheet.append([_xlsx_value(entry.get(c.key), c) for c in columns])
        for column, cell in zip(columns, sheet[sheet.max_row], strict=False):
            cell.border = border
            cell.alignment = centred if column.group or column.key == "no" else wrap
            if column.kind == "datetime":
                cell.number_format = DATETIME_FORMAT
            elif column.kind == "date":
                cell.number_format = DATE_FORMAT
            elif column.kind == "money":
                cell.number_format = MONEY_FORMAT
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = sheet.cell(row=last_head + 1, column=1)
    if rows:
        sheet.auto_filter.ref = f"A{last_head}:{last_letter}{sheet.max_row}"
    sheet.print_title_rows = f"{first_head}:{last_head}"
    return landscape_bytes(book, sheet)


def register_pdf(kind: str, rows: list[dict], *, title: str, filters_text: str = "",
                 signer=None) -> bytes:
    """The register as printed: A4 landscape, the header repeated on every page, signed PPID."""
    columns = registers.columns_for(kind)
    total = sum(c.weight for c in columns)
    agency = Agency.current()
    context = {
        "title": title,
        "filters_text": filters_text,
        "head": registers.header_rows(columns),
        "widths": [round(100 * c.weight / total, 2) for c in columns],
        "body": [registers.cells(columns, row) for row in rows],
        "made": _now_local(agency),
        "signer": documents.person(signer, (Role.PPID,)),
    }
    return documents.render_pdf("requests/pdf/register.html", context, footer=str(title),
                                agency=agency, page_size="A4 landscape")


# --------------------------------------------------------------------------------------------
# The report on public-information services.
# --------------------------------------------------------------------------------------------


@dataclass
class Line:
    """One figure: `kind` is int, days (a decimal), percent (0–100) or text."""

    label: str
    value: object
    kind: str = "int"
    level: int = 0

    @property
    def text(self) -> str:
        return format_figure(self.value, self.kind)


@dataclass
class Table:
    """A table of the report; `kinds` per column as in `Line` (text, int, percent, days)."""

    title: str
    headers: list[str]
    rows: list[list]
    kinds: tuple[str, ...] = ("text", "int")

    def display(self) -> list[list[str]]:
        return [[format_figure(cell, kind) for cell, kind in zip(row, self.kinds, strict=True)]
                for row in self.rows]


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)


def report_title(figures: Figures) -> str:
    if figures.period == ReportPeriod.YEAR:
        return _("Report on public information services for the year %(year)s") % {
            "year": figures.year}
    return _("Report on public information services, %(quarter)s of %(year)s") % {
        "quarter": documents.label(ReportPeriod, figures.period).lower(), "year": figures.year}


def report_filename(figures: Figures, extension: str) -> str:
    period = "" if figures.period == ReportPeriod.YEAR else f"-{figures.period}"
    return f"laporan-layanan-informasi-{figures.year}{period}.{extension}"


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def report_sections(figures: Figures, text) -> list[Section]:
    """What the report says, in order; both the PDF and the XLSX are written from this."""
    f = figures
    requests = Section(_("Requests for information"))
    requests.lines = [
        Line(_("Requests received"), f.requests),
        *[Line(documents.label(Channel, c), f.by_channel.get(c, 0), level=1)
          for c in Channel.values],
        Line(_("Unwritten requests recorded"), f.unwritten),
        Line(_("Written notices issued"), f.decided),
        Line(_("Granted in full"), f.granted, level=1),
        Line(_("Granted in part"), f.partly_granted, level=1),
        Line(_("Rejected"), f.rejected, level=1),
        Line(_("Not held by this agency"), f.not_held, level=1),
        Line(_("Withdrawn by the requester"), f.withdrawn),
        Line(_("Still being processed"), f.pending),
        Line(_("of which past the deadline"), f.overdue_pending, level=1),
        Line(_("Deadline extended (Pasal 22(8))"), f.extended),
        Line(_("Written notice within the deadline"), f.on_time),
        Line(_("Written notice after the deadline"), f.late),
        Line(_("Share of notices on time"), f.on_time_share, "percent"),
        Line(_("Median working days to the written notice"), f.median_days, "days"),
        Line(_("Mean working days to the written notice"), f.mean_days, "days"),
    ]
    ground_rows = [[documents.label(ExemptionGround, g), f.rejected_by_ground.get(g, 0),
                    f.partly_by_ground.get(g, 0)]
                   for g in ExemptionGround.values
                   if f.rejected_by_ground.get(g) or f.partly_by_ground.get(g)]
    requests.tables = [
        Table(_("Rejected and withheld parts by exemption ground"),
              [_("Exemption ground (Pasal 17)"), _("Requests rejected"),
               _("Requests granted in part")], ground_rows, ("text", "int", "int")),
        Table(_("Working days to the written notice"),
              [_("Working days"), _("Written notices"), _("Share")],
              [[bucket, count, _percent(count, f.decided)]
               for bucket, count in f.fulfil_distribution], ("text", "int", "percent")),
        Table(_("Requests per month"), [_("Month"), _("Requests")],
              [[str(MONTHS[month]), count] for month, count in f.by_month]),
    ]

    objections = Section(_("Objections"))
    answered = sum(f.objections_by_outcome.values())
    objections.lines = [
        Line(_("Objections filed"), f.objections),
        Line(_("Answered"), answered, level=1),
        Line(_("Still awaiting an answer"), f.objections_pending, level=1),
        Line(_("Answered after the 30 working days"), f.objections_answered_late),
    ]
    objections.tables = [
        Table(_("Objections by ground (Pasal 35(1))"), [_("Ground"), _("Objections")],
              [[documents.label(ObjectionGround, g), f.objections_by_ground.get(g, 0)]
               for g in ObjectionGround.values]),
        Table(_("Answers of the PPID superior"), [_("Answer"), _("Objections")],
              [[documents.label(ObjectionOutcome, o), f.objections_by_outcome.get(o, 0)]
               for o in ObjectionOutcome.values]),
    ]

    disputes = Section(_("Information disputes"))
    disputes.lines = [Line(_("Disputes filed with the Komisi Informasi"), f.disputes)]
    disputes.tables = [
        Table(_("Disputes by stage"), [_("Stage"), _("Disputes")],
              [[documents.label(DisputeStage, s), f.disputes_by_stage.get(s, 0)]
               for s in DisputeStage.values]),
        Table(_("Decisions on disputes"), [_("Decision"), _("Disputes")],
              [[documents.label(DisputeOutcome, o), f.disputes_by_outcome.get(o, 0)]
               for o in DisputeOutcome.values]),
    ]

    general = Section(_("General description of the public information service"))
    general.texts = [(_("Policy and regulations"), getattr(text, "policy", "") or ""),
                     (_("Facilities, staff and budget"), getattr(text, "resources", "") or "")]
    obstacles = Section(_("Obstacles"))
    obstacles.texts = [("", getattr(text, "obstacles", "") or "")]
    follow_up = Section(_("Recommendations and follow-up"))
    follow_up.texts = [("", getattr(text, "follow_up", "") or "")]
    return [general, requests, objections, disputes, obstacles, follow_up]


def format_figure(value, kind: str = "int") -> str:
    """A figure as text in the active language; “—” when there is none."""
    if value is None or value == "":
        return "—"
    if kind == "text":
        return str(value)
    if kind == "percent":
        return f"{number_format(value, 1)}%"
    if kind == "days":
        return number_format(value, 1 if value != int(value) else 0)
    if isinstance(value, float):
        return number_format(value, 1)
    if isinstance(value, int):
        return number_format(value, 0, force_grouping=True)
    return str(value)


def _period_text(figures: Figures) -> str:
    return _("Period: %(start)s – %(end)s") % {
        "start": date_format(figures.start, "j F Y"), "end": date_format(figures.end, "j F Y")}


def report_pdf(figures: Figures, text, *, signer=None) -> bytes:
    agency = Agency.current()
    sections = report_sections(figures, text)
    context = {
        "title": report_title(figures),
        "period": _period_text(figures),
        "sections": sections,
        "made": _now_local(agency),
        "signer": documents.person(signer, (Role.PPID,)),
    }
    return documents.render_pdf("requests/pdf/report.html", context,
                                footer=report_title(figures), agency=agency)


def report_xlsx(figures: Figures, text) -> bytes:
    """One sheet of figures (label and value per section), then one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    agency = Agency.current()
    sections = report_sections(figures, text)
    book = Workbook()
    sheet = book.active
    taken: set[str] = set()
    sheet.title = _sheet_title(_("Figures"), taken)
    bold = Font(bold=True)
    top = Alignment(wrap_text=True, vertical="top")
    sheet.append([report_title(figures)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([agency.name if agency else ""])
    sheet.append([_period_text(figures)])
    sheet.append([])
    sheet.append([_("Figure"), _("Value")])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.freeze_panes = sheet.cell(row=sheet.max_row + 1, column=1)
    for number, section in enumerate(sections, start=1):
        sheet.append([f"{number}. {section.title}"])
        sheet[sheet.max_row][0].font = bold
        for heading, body in section.texts:
            sheet.append([heading or section.title, body or "—"])
            for cell in sheet[sheet.max_row]:
                cell.alignment = top
        for line in section.lines:
            value = line.value
            if line.kind == "percent" and value is not None:
                value = value / 100
            sheet.append([("    " * line.level) + line.label,
                          value if value is not None else "—"])
            cell = sheet[sheet.max_row][1]
            if line.kind == "percent":
                cell.number_format = "0.0%"
            elif line.kind == "days":
                cell.number_format = "0.0"
        sheet.append([])
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 70
    for row in sheet.iter_rows(min_row=6):
        row[0].alignment = top
        if isinstance(row[1].value, str):
            row[1].alignment = top

    for section in sections:
        for table in section.tables:
            ws = book.create_sheet(_sheet_title(table.title, taken))
            ws.append([table.title])
            ws["A1"].font = bold
            ws.append(table.headers)
            for cell in ws[2]:
                cell.font = bold
                cell.alignment = top
            for row in table.rows:
                values = [value / 100 if kind == "percent" and value is not None else value
                          for value, kind in zip(row, table.kinds, strict=True)]
                ws.append(values)
                for cell, kind in zip(ws[ws.max_row], table.kinds, strict=True):
                    if kind == "percent":
                        cell.number_format = "0.0%"
                    elif kind == "days":
                        cell.number_format = "0.0"
            ws.freeze_panes = "A3"
            for index in range(1, len(table.headers) + 1):
                ws.column_dimensions[get_column_letter(index)].width = 58 if index == 1 else 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
