"""Compliance with the procedures' quality standard (Mutu Baku: Waktu) over a period.

Counts the steps completed in the period, in the cases the user may see: on time or late
(late = completed after the step's due time), how long they took in working minutes against the
working minutes the standard allowed, and the deviations the executors gave reasons for; plus the
steps still open past their due time. Steps without a time standard count as on time and are
marked "no standard".
"""

from __future__ import annotations

import io
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.constants import TimeZone
from ppid.core.errors import InvalidInput, NotAllowed
from ppid.core.i18n import lazy
from ppid.core.models import Agency
from ppid.procedures import services
from ppid.procedures.constants import TaskStatus
from ppid.procedures.models import Deviation, Procedure, Task
from ppid.worktime.services import work_calendar

MAX_DAYS = 366 * 3


def can_view(user) -> bool:
    access = Access.for_user(user)
    return access.can_anywhere(C.VIEW_AUDIT) or access.can_anywhere(C.MANAGE_PROCEDURES)


def agency_zone() -> ZoneInfo:
    agency = Agency.current()
    return ZoneInfo(agency.time_zone if agency and agency.time_zone else TimeZone.WIB)


def default_period(today: date | None = None) -> tuple[date, date]:
    """The current month in the agency's time zone."""
    today = today or timezone.now().astimezone(agency_zone()).date()
    first = today.replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    return first, next_month - timedelta(days=1)


# --------------------------------------------------------------------------------------------
# Figures.
# --------------------------------------------------------------------------------------------


@dataclass
class Figures:
    """Completed tasks of one group: counts, on-time rate, durations against the standard."""

    count: int = 0
    on_time: int = 0
    minutes: list[int] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    standards: list[int] = field(default_factory=list)
    no_standard: int = 0
    deviations: int = 0

    def add(self, task: Task) -> None:
        self.count += 1
        if not is_late(task):
            self.on_time += 1
        if task.working_minutes is not None:
            self.minutes.append(task.working_minutes)
        if task.due_at is None:
            self.no_standard += 1
        elif task.standard_minutes:
            self.standards.append(task.standard_minutes)
            if task.working_minutes is not None:
                self.ratios.append(task.working_minutes / task.standard_minutes)

    @property
    def late(self) -> int:
        return self.count - self.on_time

    @property
    def rate(self) -> float | None:
        return self.on_time / self.count if self.count else None

    @property
    def has_standard(self) -> bool:
        return self.no_standard < self.count

    @property
    def median_minutes(self) -> float | None:
        return statistics.median(self.minutes) if self.minutes else None

    @property
    def worst_minutes(self) -> int | None:
        return max(self.minutes) if self.minutes else None

    @property
    def standard_minutes(self) -> float | None:
        """The working minutes the standard allowed (median: it varies with the calendar)."""
        return statistics.median(self.standards) if self.standards else None

    @property
    def median_ratio(self) -> float | None:
        return statistics.median(self.ratios) if self.ratios else None

    @property
    def worst_ratio(self) -> float | None:
        return max(self.ratios) if self.ratios else None

    # As shown on the page and in the PDF.
    @property
    def rate_display(self) -> str:
        return format_rate(self.rate)

    @property
    def median_display(self) -> str:
        return format_minutes(self.median_minutes)

    @property
    def worst_display(self) -> str:
        return format_minutes(self.worst_minutes)

    @property
    def standard_display(self) -> str:
        return format_minutes(self.standard_minutes)

    @property
    def median_ratio_display(self) -> str:
        return format_ratio(self.median_ratio)

    @property
    def worst_ratio_display(self) -> str:
        return format_ratio(self.worst_ratio)


def is_late(task: Task) -> bool:
    return (task.due_at is not None and task.completed_at is not None
            and task.completed_at > task.due_at)


@dataclass
class StepRow:
    step_id: int
    number: int
    activity: str
    revision: int
    time_display: str
    figures: Figures = field(default_factory=Figures)


@dataclass
class ExecutorRow:
    user_id: int
    name: str
    figures: Figures = field(default_factory=Figures)


@dataclass
class ProcedureRow:
    procedure_id: int
    name: str
    code: str
    figures: Figures = field(default_factory=Figures)
    steps: list[StepRow] = field(default_factory=list)
    executors: list[ExecutorRow] = field(default_factory=list)

    @property
    def several_revisions(self) -> bool:
        return len({step.revision for step in self.steps}) > 1


@dataclass
class DeviationRow:
    recorded_at: datetime
    procedure: str
    case_number: str
    case_id: int
    step_number: int
    activity: str
    executor: str
    kind: str
    standard: str
    actual: str
    overrun_minutes: int | None
    reason: str

    @property
    def overrun_display(self) -> str:
        return format_minutes(self.overrun_minutes)


@dataclass
class OverdueRow:
    procedure: str
    case_number: str
    case_id: int
    step_number: int
    activity: str
    assignee: str
    started_at: datetime
    due_at: datetime
    overdue_minutes: int

    @property
    def overdue_display(self) -> str:
        return format_minutes(self.overdue_minutes)


@dataclass
class ComplianceReport:
    start: date
    end: date
    procedure_id: int | None
    zone: ZoneInfo
    generated_at: datetime
    totals: Figures
    procedures: list[ProcedureRow]
    executors: list[ExecutorRow]
    deviations: list[DeviationRow]
    overdue: list[OverdueRow]

    @property
    def procedure_name(self) -> str:
        for row in self.procedures:
            if row.procedure_id == self.procedure_id:
                return row.name
        if self.procedure_id:
            procedure = Procedure.objects.filter(pk=self.procedure_id).first()
            return str(procedure) if procedure else ""
        return ""


def person_name(user) -> str:
    if user is None:
        return "–"
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{full} ({user.get_username()})" if full else user.get_username()


def compliance(user, *, start: date, end: date, procedure_id: int | None = None,
               now: datetime | None = None) -> ComplianceReport:
    """The compliance report for `user` over the days `start`..`end` (agency time zone)."""
    if not can_view(user):
        raise NotAllowed(lazy("You may not see the compliance report."))
    if end < start:
        raise InvalidInput(lazy("The period ends before it starts."),
                           field_errors={"end": [lazy("The period ends before it starts.")]})
    if (end - start).days > MAX_DAYS:
        raise InvalidInput(lazy("Choose a period of at most three years."))
    zone = agency_zone()
    now = now or timezone.now()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    cases = services.visible_cases(user)
    if procedure_id:
        cases = cases.filter(revision__procedure_id=procedure_id)
    tasks = list(
        Task.objects.filter(case__in=cases, status__in=(TaskStatus.DONE, TaskStatus.SENT_BACK),
                            completed_at__gte=since, completed_at__lt=until)
        .select_related("case", "case__revision", "case__revision__procedure", "step",
                        "assignee")
        .order_by("case__revision__name", "step__position", "completed_at"))

    totals = Figures()
    by_procedure: dict[int, ProcedureRow] = {}
    by_step: dict[tuple[int, int], StepRow] = {}
    by_executor: dict[tuple[int, int], ExecutorRow] = {}
    everyone: dict[int, ExecutorRow] = {}
    for task in tasks:
        revision = task.case.revision
        procedure = by_procedure.setdefault(revision.procedure_id, ProcedureRow(
            revision.procedure_id, revision.name, revision.procedure.code))
        step = by_step.get((revision.procedure_id, task.step_id))
        if step is None:
            step = StepRow(task.step_id, task.step.number, task.step.activity, revision.number,
                           task.step.time_display)
            by_step[(revision.procedure_id, task.step_id)] = step
            procedure.steps.append(step)
        executor = by_executor.get((revision.procedure_id, task.assignee_id))
        if executor is None:
            executor = ExecutorRow(task.assignee_id, person_name(task.assignee))
            by_executor[(revision.procedure_id, task.assignee_id)] = executor
            procedure.executors.append(executor)
        overall = everyone.setdefault(task.assignee_id,
                                      ExecutorRow(task.assignee_id, person_name(task.assignee)))
        for figures in (totals, procedure.figures, step.figures, executor.figures,
                        overall.figures):
            figures.add(task)

    deviations = []
    deviation_counts: dict[int, int] = defaultdict(int)
    for deviation in (Deviation.objects.filter(task__in=[t.pk for t in tasks])
                      .select_related("task", "task__case", "task__case__revision",
                                      "task__step", "executor")
                      .order_by("recorded_at", "pk")):
        task = deviation.task
        deviation_counts[task.pk] += 1
        deviations.append(DeviationRow(
            recorded_at=deviation.recorded_at, procedure=task.case.revision.name,
            case_number=task.case.number, case_id=task.case_id, step_number=task.step.number,
            activity=task.step.activity, executor=person_name(deviation.executor),
            kind=deviation.get_kind_display(), standard=deviation.standard,
            actual=deviation.actual, overrun_minutes=deviation.overrun_minutes,
            reason=deviation.reason))
    for task in tasks:
        count = deviation_counts.get(task.pk, 0)
        if not count:
            continue
        revision = task.case.revision
        for figures in (totals, by_procedure[revision.procedure_id].figures,
                        by_step[(revision.procedure_id, task.step_id)].figures,
                        by_executor[(revision.procedure_id, task.assignee_id)].figures,
                        everyone[task.assignee_id].figures):
            figures.deviations += count

    calendar = work_calendar()
    overdue = []
    for task in (Task.objects.filter(case__in=cases, status=TaskStatus.ACTIVE,
                                     due_at__lt=now)
                 .select_related("case", "case__revision", "step", "assignee")
                 .order_by("due_at")):
        overdue.append(OverdueRow(
            procedure=task.case.revision.name, case_number=task.case.number,
            case_id=task.case_id, step_number=task.step.number, activity=task.step.activity,
            assignee=person_name(task.assignee), started_at=task.started_at,
            due_at=task.due_at,
            overdue_minutes=calendar.working_minutes_between(task.due_at, now)))

    procedures = sorted(by_procedure.values(), key=lambda row: (row.name.lower(), row.code))
    for row in procedures:
        row.steps.sort(key=lambda s: (-s.revision, s.number))
        row.executors.sort(key=lambda e: e.name.lower())
    return ComplianceReport(
        start=start, end=end, procedure_id=procedure_id, zone=zone, generated_at=now,
        totals=totals, procedures=procedures,
        executors=sorted(everyone.values(), key=lambda e: e.name.lower()),
        deviations=deviations, overdue=overdue)


# --------------------------------------------------------------------------------------------
# Display helpers (templates and exports).
# --------------------------------------------------------------------------------------------


def format_minutes(minutes: float | None) -> str:
    """Working minutes as hours and minutes: "2 h 05 min", "40 min"."""
    if minutes is None:
        return "–"
    minutes = int(round(minutes))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(m)d min") % {"m": rest}
    return _("%(h)d h %(m)02d min") % {"h": hours, "m": rest}


def format_ratio(ratio: float | None) -> str:
    """Time taken as a multiple of the standard: "0.50×", "1.25×"."""
    return "–" if ratio is None else f"{ratio:.2f}×"


def format_rate(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"


# --------------------------------------------------------------------------------------------
# XLSX.
# --------------------------------------------------------------------------------------------


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    """openpyxl stores naive datetimes: the agency's local time."""
    return moment.astimezone(zone).replace(tzinfo=None) if moment else None


def to_xlsx(report: ComplianceReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, headers: list[tuple[str, int]], rows: list[list], formats=None,
              first: bool = False):
        ws = book.active if first else book.create_sheet()
        ws.title = title
        ws.append([label for label, _width in headers])
        for cell in ws[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for index, (_label, width) in enumerate(headers, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        for row in rows:
            ws.append(row)
        for column, number_format in (formats or {}).items():
            for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
                cell.number_format = number_format
        ws.freeze_panes = "A2"
        return ws

    zone = report.zone
    summary_rows = [[row.name, row.figures.count, row.figures.on_time, row.figures.late,
                     row.figures.rate, row.figures.deviations] for row in report.procedures]
    summary_rows.append([_("Total"), report.totals.count, report.totals.on_time,
                         report.totals.late, report.totals.rate, report.totals.deviations])
    summary = sheet("Ringkasan", [
        (_("Procedure"), 48), (_("Steps completed"), 14), (_("On time"), 12), (_("Late"), 10),
        (_("On-time rate"), 14), (_("Deviations"), 12)], summary_rows,
        formats={5: "0.0%"}, first=True)
    summary.append([])
    summary.append([_("Period from"), report.start])
    summary.append([_("Period to"), report.end])
    summary.append([_("Open steps past their due time"), len(report.overdue)])
    summary.append([_("Generated"), _local(report.generated_at, zone)])
    for row in summary.iter_rows(min_row=summary.max_row - 3, max_row=summary.max_row):
        row[0].font = bold
        if isinstance(row[1].value, datetime):
            row[1].number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(row[1].value, date):
            row[1].number_format = "yyyy-mm-dd"

    step_rows = []
    for procedure in report.procedures:
        for step in procedure.steps:
            f = step.figures
            step_rows.append([
                procedure.name, step.revision, step.number, step.activity,
                step.time_display or _("no standard"), f.count, f.on_time, f.rate,
                f.standard_minutes, f.median_minutes, f.worst_minutes, f.median_ratio,
                f.worst_ratio, f.deviations])
    sheet("Per langkah", [
        (_("Procedure"), 36), (_("Revision"), 9), (_("Step"), 7), (_("Activity"), 50),
        (_("Time standard"), 16), (_("Completed"), 11), (_("On time"), 10),
        (_("On-time rate"), 12), (_("Allowed (working minutes)"), 14),
        (_("Median (working minutes)"), 14), (_("Worst (working minutes)"), 14),
        (_("Median vs standard"), 12), (_("Worst vs standard"), 12), (_("Deviations"), 11)],
        step_rows, formats={8: "0.0%", 9: "0", 10: "0", 11: "0", 12: "0.00", 13: "0.00"})

    executor_rows = []
    for procedure in report.procedures:
        for executor in procedure.executors:
            f = executor.figures
            executor_rows.append([
                procedure.name, executor.name, f.count, f.on_time, f.rate, f.median_minutes,
                f.worst_minutes, f.median_ratio, f.worst_ratio, f.deviations])
    sheet("Per pelaksana", [
        (_("Procedure"), 36), (_("Executor"), 28), (_("Completed"), 11), (_("On time"), 10),
        (_("On-time rate"), 12), (_("Median (working minutes)"), 14),
        (_("Worst (working minutes)"), 14), (_("Median vs standard"), 12),
        (_("Worst vs standard"), 12), (_("Deviations"), 11)],
        executor_rows, formats={5: "0.0%", 6: "0", 7: "0", 8: "0.00", 9: "0.00"})

    sheet("Penyimpangan", [
        (_("Recorded"), 18), (_("Procedure"), 36), (_("Case"), 15), (_("Step"), 7),
        (_("Activity"), 40), (_("Executor"), 24), (_("Kind"), 10), (_("Standard"), 14),
        (_("Completed"), 18), (_("Over (working minutes)"), 14), (_("Reason"), 60)],
        [[_local(d.recorded_at, zone), d.procedure, d.case_number, d.step_number, d.activity,
          d.executor, d.kind, d.standard, d.actual, d.overrun_minutes, d.reason]
         for d in report.deviations],
        formats={1: "yyyy-mm-dd hh:mm"})

    sheet("Lewat waktu", [
        (_("Procedure"), 36), (_("Case"), 15), (_("Step"), 7), (_("Activity"), 40),
        (_("Executor"), 24), (_("Started"), 18), (_("Due"), 18),
        (_("Overdue (working minutes)"), 14)],
        [[o.procedure, o.case_number, o.step_number, o.activity, o.assignee,
          _local(o.started_at, zone), _local(o.due_at, zone), o.overdue_minutes]
         for o in report.overdue],
        formats={6: "yyyy-mm-dd hh:mm", 7: "yyyy-mm-dd hh:mm"})

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_filename(report: ComplianceReport) -> str:
    return f"kepatuhan-sop-{report.start:%Y%m%d}-{report.end:%Y%m%d}.xlsx"


def pdf_filename(report: ComplianceReport) -> str:
    return f"kepatuhan-sop-{report.start:%Y%m%d}-{report.end:%Y%m%d}.pdf"
