"""Working-time arithmetic for time standards (Waktu, Mutu Baku). Pure: no database.

A day is a working day when it has office hours: the weekday's regular hours, unless a national
holiday or cuti bersama closes it, unless the agency's own entry says otherwise (agency entries
always win). `ppid.worktime.services.work_calendar()` builds a `WorkCalendar` from the database.

Every moment is aware. Inputs in any zone are converted to the agency zone; naive datetimes are
refused (a naive time could be WIB, WITA or WIT). Results are aware in the agency zone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

from ppid.worktime.constants import CLOSED_KINDS, DayKind, TimeUnit

# How many consecutive non-working days we accept before deciding the calendar has none left
# (for instance an agency without any office hours). Longer than any real closure.
MAX_CLOSED_RUN = 400

HOLIDAY_LANGUAGES = {"id": "id", "en": "en_US"}
ONE_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Override:
    """An agency entry for one date (see DayKind)."""

    kind: str
    name: str = ""
    opens: time | None = None
    closes: time | None = None

    def __post_init__(self):
        if self.kind not in DayKind.values:
            raise ValueError(f"unknown calendar day kind {self.kind!r}")
        if (self.opens is None) != (self.closes is None):
            raise ValueError("an override needs both opening and closing time, or neither")
        if self.opens is not None and not self.opens < self.closes:
            raise ValueError("opening time must be before closing time")
        if self.kind == DayKind.SHORT_HOURS and self.opens is None:
            raise ValueError("short_hours needs opening and closing time")


@dataclass(frozen=True)
class NationalDay:
    """A day of the national list: a public holiday or a cuti bersama day."""

    date: date
    name: str
    kind: str  # DayKind.HOLIDAY or DayKind.CUTI_BERSAMA


@lru_cache(maxsize=64)
def _national_days(year: int, language: str) -> tuple[NationalDay, ...]:
    public = holidays.country_holidays(
        "ID", years=year, categories=("public",), language=language)
    government = holidays.country_holidays(
        "ID", years=year, categories=("government",), language=language)
    days = {d: NationalDay(d, name, DayKind.CUTI_BERSAMA) for d, name in government.items()}
    # A date that is both (rare) is a public holiday first.
    days.update({d: NationalDay(d, name, DayKind.HOLIDAY) for d, name in public.items()})
    return tuple(days[d] for d in sorted(days))


def national_days(year: int, language: str = "id") -> list[NationalDay]:
    """Public holidays and cuti bersama of a year from the `holidays` package, by date.

    `language` is a Django language code ("id", "en"); names follow it.
    """
    return list(_national_days(year, HOLIDAY_LANGUAGES.get(language[:2], "id")))


def national_holiday_names(year: int, language: str = "id") -> Mapping[date, str]:
    """The default national lookup of WorkCalendar: date -> name of every non-working day."""
    return MappingProxyType({day.date: day.name for day in national_days(year, language)})


def _as_date(value, tz: ZoneInfo) -> date:
    if isinstance(value, datetime):
        return _require_aware(value).astimezone(tz).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date, got {type(value).__name__}")


def _require_aware(moment: datetime) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"expected a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: give a time zone (WIB, WITA or WIT)")
    return moment


class WorkCalendar:
    """Office hours, national days and agency overrides of one agency."""

    def __init__(
        self,
        tz: str | ZoneInfo,
        office_hours: Mapping[int, tuple[time, time]],
        overrides: Mapping[date, Override] | None = None,
        national: Callable[[int], Mapping[date, str]] | None = national_holiday_names,
    ):
        """`office_hours`: weekday (0 = Monday) -> (opens, closes); a missing weekday is closed.

        `national`: year -> {date: name} of national non-working days; None for no national
        list (the default reads the `holidays` package, public + government categories).
        """
        self.tz = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
        self.office_hours: dict[int, tuple[time, time]] = {}
        for weekday, (opens, closes) in office_hours.items():
            if weekday not in range(7):
                raise ValueError(f"weekday must be 0..6, got {weekday!r}")
            if not opens < closes:
                raise ValueError("opening time must be before closing time")
            self.office_hours[weekday] = (opens, closes)
        self.overrides: dict[date, Override] = dict(overrides or {})
        self._national = national
        self._national_years: dict[int, Mapping[date, str]] = {}

    # --- days -------------------------------------------------------------------------------

    def national_name(self, d: date) -> str | None:
        """Name on the national list, whatever the agency says about the day."""
        if self._national is None:
            return None
        d = _as_date(d, self.tz)
        if d.year not in self._national_years:
            self._national_years[d.year] = self._national(d.year)
        return self._national_years[d.year].get(d)

    def hours_on(self, d: date) -> tuple[time, time] | None:
        """Office hours of the day (local wall-clock), None when it is not a working day."""
        d = _as_date(d, self.tz)
        override = self.overrides.get(d)
        if override is not None:
            if override.kind in CLOSED_KINDS:
                return None
            if override.opens is not None:
                return override.opens, override.closes
            # A working_day without its own hours keeps the weekday's hours.
            return self.office_hours.get(d.weekday())
        if self.national_name(d) is not None:
            return None
        return self.office_hours.get(d.weekday())

    def is_working_day(self, d: date) -> bool:
        return self.hours_on(d) is not None

    def holiday_name(self, d: date) -> str | None:
        """Why a day is closed (agency entry or national list); None on working days.

        A regular weekend without a holiday gives None as well.
        """
        d = _as_date(d, self.tz)
        override = self.overrides.get(d)
        if override is not None:
            if override.kind in CLOSED_KINDS:
                return override.name or self.national_name(d) or ""
            return None
        return self.national_name(d)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after d."""
        d = _as_date(d, self.tz)
        for _ in range(MAX_CLOSED_RUN):
            d += timedelta(days=1)
            if self.is_working_day(d):
                return d
        raise ValueError(f"no working day within {MAX_CLOSED_RUN} days: check the office hours")

    def nth_working_day_after(self, d: date, n: int) -> date:
        """Day n counted from d (exclusive); n = 0 gives d itself."""
        d = _as_date(d, self.tz)
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    def _span(self, d: date) -> tuple[datetime, datetime] | None:
        hours = self.hours_on(d)
        if hours is None:
            return None
        return (datetime.combine(d, hours[0], tzinfo=self.tz),
                datetime.combine(d, hours[1], tzinfo=self.tz))

    # --- moments ----------------------------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        """The moment in the agency zone (refuses naive datetimes)."""
        return _require_aware(moment).astimezone(self.tz)

    def received_on(self, moment: datetime) -> date:
        """The working day a request arriving at `moment` counts as received.

        Its own date when that is a working day and the office has not closed yet (arriving
        before opening counts for the same day); otherwise the next working day.
        """
        moment = self.local(moment)
        span = self._span(moment.date())
        if span is not None and moment < span[1]:
            return moment.date()
        return self.next_working_day(moment.date())

    def working_days_deadline(self, start: datetime, n: int) -> datetime:
        """Closing time of the n-th working day after the day `start` counts as received.

        Day 1 is the first working day after the day of receipt (UU 14/2008 counting);
        n = 0 gives the closing time of the day of receipt itself.
        """
        _check_amount(n)
        day = self.nth_working_day_after(self.received_on(start), n)
        return self._span(day)[1]

    def add(self, start: datetime, amount: int, unit: str) -> datetime:
        """When a time standard of `amount` `unit` that starts at `start` falls due.

        minutes / hours: office time only; outside office hours the clock waits for the next
        opening. days: calendar days (24 h each). working_days: `working_days_deadline`.
        Amount 0 gives `start` itself, in the agency zone.
        """
        start = self.local(start)
        _check_amount(amount)
        if unit not in TimeUnit.values:
            raise ValueError(f"unknown time unit {unit!r}; use one of {TimeUnit.values}")
        if amount == 0:
            return start
        if unit == TimeUnit.MINUTES:
            return self._add_office_time(start, timedelta(minutes=amount))
        if unit == TimeUnit.HOURS:
            return self._add_office_time(start, timedelta(hours=amount))
        if unit == TimeUnit.DAYS:
            return (start + timedelta(days=amount)).astimezone(self.tz)
        return self.working_days_deadline(start, amount)

    def _add_office_time(self, start: datetime, remaining: timedelta) -> datetime:
        day, closed_run = start.date(), 0
        while True:
            span = self._span(day)
            if span is None:
                closed_run += 1
                if closed_run > MAX_CLOSED_RUN:
                    raise ValueError(
                        f"no working day within {MAX_CLOSED_RUN} days: check the office hours")
            else:
                closed_run = 0
                begin = max(start, span[0])
                if begin < span[1]:
                    available = span[1] - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            day += timedelta(days=1)

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Whole office minutes from start to end (0 when end is not after start)."""
        start, end = self.local(start), self.local(end)
        if end <= start:
            return 0
        total = timedelta(0)
        day = start.date()
        while day <= end.date():
            span = self._span(day)
            if span is not None:
                begin, finish = max(start, span[0]), min(end, span[1])
                if begin < finish:
                    total += finish - begin
            day += timedelta(days=1)
        return total // ONE_MINUTE


def _check_amount(amount: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be a whole number, got {amount!r}")
    if amount < 0:
        raise ValueError("amount must not be negative")
