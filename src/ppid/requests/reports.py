"""Figures of the report on public-information services (laporan layanan informasi publik).

The annual report is due by 31 March for the year before; quarterly summaries use the same
figures. Everything is counted from the data: requests by the day they were received (in the
agency's zone), time to fulfil in working days of the agency's calendar from the day the request
counts as received to the written notice. No personal data leaves this module.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.requests.constants import (
    Channel,
    DisputeOutcome,
    DisputeStage,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    Outcome,
    ReportPeriod,
    RequestStatus,
)
from ppid.requests.models import Dispute, Objection, Request, ServiceReport
from ppid.requests.services import working_days_between
from ppid.worktime.services import work_calendar

# Buckets of the time to fulfil, in working days: (label, lowest, highest); None: open-ended.
FULFIL_BUCKETS = (("0–3", 0, 3), ("4–7", 4, 7), ("8–10", 8, 10), ("11–17", 11, 17),
                  ("> 17", 18, None))
QUARTERS = {ReportPeriod.Q1: (1, 3), ReportPeriod.Q2: (4, 6), ReportPeriod.Q3: (7, 9),
            ReportPeriod.Q4: (10, 12)}


def period_range(year: int, period: str = ReportPeriod.YEAR) -> tuple[date, date]:
    """First and last day of the period."""
    if period == ReportPeriod.YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    first, last = QUARTERS[ReportPeriod(period)]
    end = date(year + (last == 12), (last % 12) + 1, 1) - timedelta(days=1)
    return date(year, first, 1), end


def _bounds(start: date, end: date, tz) -> tuple[datetime, datetime]:
    return (datetime.combine(start, time.min, tzinfo=tz),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz))


@dataclass
class Figures:
    year: int
    period: str
    start: date
    end: date
    requests: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    unwritten: int = 0
    by_month: list[tuple[int, int]] = field(default_factory=list)
    decided: int = 0
    granted: int = 0
    partly_granted: int = 0
    rejected: int = 0
    not_held: int = 0
    withdrawn: int = 0
    pending: int = 0
    rejected_by_ground: dict[str, int] = field(default_factory=dict)
    partly_by_ground: dict[str, int] = field(default_factory=dict)
    extended: int = 0
    on_time: int = 0
    late: int = 0
    overdue_pending: int = 0
    fulfil_days: list[int] = field(default_factory=list)
    fulfil_distribution: list[tuple[str, int]] = field(default_factory=list)
    objections: int = 0
    objections_by_ground: dict[str, int] = field(default_factory=dict)
    objections_by_outcome: dict[str, int] = field(default_factory=dict)
    objections_pending: int = 0
    objections_answered_late: int = 0
    disputes: int = 0
    disputes_by_stage: dict[str, int] = field(default_factory=dict)
    disputes_by_outcome: dict[str, int] = field(default_factory=dict)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.fulfil_days) if self.fulfil_days else None

    @property
    def mean_days(self) -> float | None:
        return round(statistics.fmean(self.fulfil_days), 1) if self.fulfil_days else None

    @property
    def on_time_share(self) -> float | None:
        """Share of decided requests whose notice came within the (extended) deadline."""
        total = self.on_time + self.late
        return round(100 * self.on_time / total, 1) if total else None


def figures(year: int, period: str = ReportPeriod.YEAR, *, now: datetime | None = None,
            calendar=None) -> Figures:
    calendar = calendar or work_calendar()
    now = now or timezone.now()
    start, end = period_range(year, period)
    low, high = _bounds(start, end, calendar.tz)
    result = Figures(year=year, period=period, start=start, end=end)

    requests = list(Request.objects.filter(received_at__gte=low, received_at__lt=high)
                    .only("received_at", "counted_from", "due_at", "channel", "written",
                          "status", "outcome", "grounds", "decided_at", "extended_at"))
    result.requests = len(requests)
    result.by_channel = {c: n for c, n in Counter(r.channel for r in requests).items()}
    for channel in Channel.values:
        result.by_channel.setdefault(channel, 0)
    result.unwritten = sum(1 for r in requests if not r.written)
    months = Counter(calendar.local(r.received_at).month for r in requests)
    result.by_month = [(m, months.get(m, 0)) for m in range(start.month, end.month + 1)]
    rejected_grounds, partly_grounds = Counter(), Counter()
    for r in requests:
        if r.status == RequestStatus.WITHDRAWN:
            result.withdrawn += 1
            continue
        if r.extended_at:
            result.extended += 1
        if r.decided_at is None:
            result.pending += 1
            if now > r.due_at:
                result.overdue_pending += 1
            continue
        result.decided += 1
        if r.decided_at <= r.due_at:
            result.on_time += 1
        else:
            result.late += 1
        result.fulfil_days.append(working_days_between(
            r.counted_from, calendar.local(r.decided_at).date(), calendar))
        if r.outcome == Outcome.GRANTED:
            result.granted += 1
        elif r.outcome == Outcome.PARTLY_GRANTED:
            result.partly_granted += 1
            partly_grounds.update(r.grounds or [])
        elif r.outcome == Outcome.REJECTED:
            result.rejected += 1
            rejected_grounds.update(r.grounds or [])
        elif r.outcome == Outcome.NOT_HELD:
            result.not_held += 1
    result.rejected_by_ground = dict(sorted(rejected_grounds.items()))
    result.partly_by_ground = dict(sorted(partly_grounds.items()))
    result.fulfil_days.sort()
    result.fulfil_distribution = [
        (label, sum(1 for d in result.fulfil_days if d >= lo and (hi is None or d <= hi)))
        for label, lo, hi in FULFIL_BUCKETS]

    objections = list(Objection.objects.filter(filed_at__gte=low, filed_at__lt=high)
                      .only("grounds", "status", "outcome", "answered_at", "due_at"))
    result.objections = len(objections)
    grounds = Counter(g for o in objections for g in o.grounds or [])
    result.objections_by_ground = {g: grounds.get(g, 0) for g in ObjectionGround.values}
    outcomes = Counter(o.outcome for o in objections if o.status == ObjectionStatus.ANSWERED)
    result.objections_by_outcome = {o: outcomes.get(o, 0) for o in ObjectionOutcome.values}
    result.objections_pending = sum(1 for o in objections
                                    if o.status == ObjectionStatus.RECEIVED)
    result.objections_answered_late = sum(1 for o in objections
                                          if o.answered_at and o.answered_at > o.due_at)

    disputes = list(Dispute.objects.filter(filed_on__gte=start, filed_on__lte=end)
                    .only("stage", "outcome"))
    result.disputes = len(disputes)
    stages = Counter(d.stage for d in disputes)
    result.disputes_by_stage = {s: stages.get(s, 0) for s in DisputeStage.values}
    dispute_outcomes = Counter(d.outcome for d in disputes if d.outcome)
    result.disputes_by_outcome = {o: dispute_outcomes.get(o, 0) for o in DisputeOutcome.values}
    return result


def report_text(year: int, period: str = ReportPeriod.YEAR) -> ServiceReport:
    """The editable sections (unsaved and empty when nobody wrote them yet)."""
    found = ServiceReport.objects.filter(year=year, period=period).first()
    return found or ServiceReport(year=year, period=period)


REPORT_SECTIONS = ("policy", "resources", "obstacles", "follow_up")


def save_report_text(user, year: int, period: str, data: dict) -> ServiceReport:
    from ppid.core.errors import NotAllowed
    from ppid.requests import services

    if not services.may_decide(user):
        raise NotAllowed(_("Only the PPID writes the service report."))
    report, _created = ServiceReport.objects.get_or_create(year=year, period=period)
    for name in REPORT_SECTIONS:
        if name in data:
            setattr(report, name, (data[name] or "").strip())
    report.updated_by = user
    report.save()
    return report


@dataclass(frozen=True)
class PublicStatistics:
    """What the portal shows: counts and times only, never who asked or what."""

    year: int
    per_month: list[tuple[int, int]]
    requests: int
    decided: int
    median_days: float | None
    on_time_share: float | None
    granted: int
    partly_granted: int
    rejected: int
    not_held: int
    objections: int
    disputes: int


def public_statistics(year: int, *, now: datetime | None = None) -> PublicStatistics:
    f = figures(year, now=now)
    return PublicStatistics(year=year, per_month=f.by_month, requests=f.requests,
                            decided=f.decided, median_days=f.median_days,
                            on_time_share=f.on_time_share, granted=f.granted,
                            partly_granted=f.partly_granted, rejected=f.rejected,
                            not_held=f.not_held, objections=f.objections, disputes=f.disputes)


def years_with_requests() -> list[int]:
    years = set(Request.objects.values_list("number_year", flat=True).distinct())
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)
