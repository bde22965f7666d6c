"""The legal clock of requests, objections and disputes, table by table (no database).

Every calendar here is built directly: office hours Monday–Thursday 08:00–16:00 and Friday
08:00–16:30, the national list of the `holidays` package (public + government categories, as
`ppid.worktime.calendar.national_days` reads it) and the agency's own entries.

National days relied on (printed from `national_days(2025)`, `(2026)`, `(2027)`, holidays 0.108):
2025: 08-17 Sun Independence Day, 08-18 Mon cuti bersama (added by the August 2025 decree),
      09-05 Fri Prophet's Birthday, 12-25 Thu Christmas, 12-26 Fri cuti bersama.
2026: 01-01 Thu New Year, 01-16 Fri Isra Mi'raj, 02-16 Mon cuti bersama, 02-17 Tue Lunar New
      Year, 03-18 Wed cuti bersama, 03-19 Thu Nyepi, 03-20 Fri cuti bersama, 03-21/22 Idulfitri
      (weekend), 03-23 Mon and 03-24 Tue cuti bersama, 04-03 Fri Good Friday, 05-14 Thu
      Ascension, 05-15 Fri cuti bersama, 05-27 Wed Iduladha, 05-28 Thu cuti bersama, 06-01 Mon
      Pancasila, 12-24 Thu cuti bersama, 12-25 Fri Christmas.
2027: 01-01 Fri New Year, 01-05 Tue Isra Mi'raj.

Counting (Pasal 22(7) UU 14/2008): a request counts as received on its own day when that is a
working day and the office has not closed yet, else on the next working day; day 1 is the first
working day after that; the notice is due at the closing time of day 10.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppid.requests import objections, services
from ppid.requests.models import Objection
from ppid.worktime.calendar import Override, WorkCalendar, national_days, national_holiday_names
from ppid.worktime.constants import DayKind

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
UTC = ZoneInfo("UTC")
HOURS = {0: (time(8), time(16)), 1: (time(8), time(16)), 2: (time(8), time(16)),
         3: (time(8), time(16)), 4: (time(8), time(16, 30))}


def cal(tz=WIB, overrides=None, national=national_holiday_names) -> WorkCalendar:
    return WorkCalendar(tz, HOURS, overrides or {}, national=national)


def at(y, m, d, hh=9, mm=0, tz=WIB) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=tz)


def closing(d: date, tz=WIB, hh=None, mm=0) -> datetime:
    if hh is None:
        hh, mm = (16, 30) if d.weekday() == 4 else (16, 0)
    return datetime.combine(d, time(hh, mm), tzinfo=tz)


def without_18_august_2025(year):
    """A national list as an older `holidays` release had it, before the August 2025 decree."""
    return {d: n for d, n in national_holiday_names(year).items() if d != date(2025, 8, 18)}


# --------------------------------------------------------------------------------------------
# The national list we rely on is what the package says (so a package update that moves a
# date fails here, not deep inside a deadline case).
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "kind"), [
    pytest.param(date(2025, 8, 18), DayKind.CUTI_BERSAMA, id="2025-08-18-cuti-bersama"),
    pytest.param(date(2025, 12, 25), DayKind.HOLIDAY, id="2025-christmas"),
    pytest.param(date(2025, 12, 26), DayKind.CUTI_BERSAMA, id="2025-12-26-cuti-bersama"),
    pytest.param(date(2026, 1, 1), DayKind.HOLIDAY, id="2026-new-year"),
    pytest.param(date(2026, 1, 16), DayKind.HOLIDAY, id="2026-isra-miraj"),
    pytest.param(date(2026, 2, 16), DayKind.CUTI_BERSAMA, id="2026-lunar-new-year-cuti"),
    pytest.param(date(2026, 2, 17), DayKind.HOLIDAY, id="2026-lunar-new-year"),
    pytest.param(date(2026, 3, 18), DayKind.CUTI_BERSAMA, id="2026-nyepi-cuti"),
    pytest.param(date(2026, 3, 19), DayKind.HOLIDAY, id="2026-nyepi"),
    pytest.param(date(2026, 3, 20), DayKind.CUTI_BERSAMA, id="2026-idulfitri-cuti-fri"),
    pytest.param(date(2026, 3, 23), DayKind.CUTI_BERSAMA, id="2026-idulfitri-cuti-mon"),
    pytest.param(date(2026, 3, 24), DayKind.CUTI_BERSAMA, id="2026-idulfitri-cuti-tue"),
    pytest.param(date(2026, 4, 3), DayKind.HOLIDAY, id="2026-good-friday"),
    pytest.param(date(2026, 5, 14), DayKind.HOLIDAY, id="2026-ascension"),
    pytest.param(date(2026, 5, 15), DayKind.CUTI_BERSAMA, id="2026-ascension-cuti"),
    pytest.param(date(2026, 5, 27), DayKind.HOLIDAY, id="2026-iduladha"),
    pytest.param(date(2026, 5, 28), DayKind.CUTI_BERSAMA, id="2026-iduladha-cuti"),
    pytest.param(date(2026, 6, 1), DayKind.HOLIDAY, id="2026-pancasila"),
    pytest.param(date(2026, 12, 24), DayKind.CUTI_BERSAMA, id="2026-christmas-cuti"),
    pytest.param(date(2026, 12, 25), DayKind.HOLIDAY, id="2026-christmas"),
    pytest.param(date(2027, 1, 1), DayKind.HOLIDAY, id="2027-new-year"),
    pytest.param(date(2027, 1, 5), DayKind.HOLIDAY, id="2027-isra-miraj"),
])
def test_national_days_relied_on(day, kind):
    found = {d.date: d.kind for d in national_days(day.year)}
    assert found.get(day) == kind


def test_nothing_else_closes_the_weeks_used_below():
    """The plain weeks of the tables have no national day (checked, not assumed)."""
    listed = {d.date for y in (2025, 2026, 2027) for d in national_days(y)}
    plain = [date(2026, 3, 2) + timedelta(days=i) for i in range(16)]  # 2–17 March 2026
    plain += [date(2026, 4, 6) + timedelta(days=i) for i in range(25)]  # 6–30 April 2026
    plain += [date(2027, 1, 6) + timedelta(days=i) for i in range(25)]  # 6–30 January 2027
    plain += [date(2026, 5, 2) + timedelta(days=i) for i in range(12)]  # 2–13 May 2026
    plain += [date(2025, 8, 19) + timedelta(days=i) for i in range(15)]  # 19 Aug – 2 Sep 2025
    assert not listed.intersection(plain)


# --------------------------------------------------------------------------------------------
# Notice deadline: (counted from, due at) for a receipt.
# --------------------------------------------------------------------------------------------

LOCAL_HOLIDAY = {date(2026, 3, 12): Override(DayKind.HOLIDAY, "Hari Jadi Kota")}
SATURDAY_OPEN = {date(2026, 3, 7): Override(DayKind.WORKING_DAY, "Pelayanan Sabtu",
                                            time(8), time(12))}
WORKS_ON_CUTI = {date(2026, 3, 23): Override(DayKind.WORKING_DAY, "Masuk kerja")}
RAMADAN_2_MARCH = {date(2026, 3, 2): Override(DayKind.SHORT_HOURS, "Ramadan", time(8), time(15))}
RAMADAN_16_MARCH = {date(2026, 3, 16): Override(DayKind.SHORT_HOURS, "Ramadan", time(8),
                                                time(15))}
CUTI_18_AUGUST = {date(2025, 8, 18): Override(DayKind.CUTI_BERSAMA, "Cuti bersama HUT RI")}

NOTICE_CASES = [
    # --- ordinary weeks and weekends ---
    pytest.param(at(2026, 3, 2, 9), {}, date(2026, 3, 2), closing(date(2026, 3, 16)),
                 id="monday-during-hours-two-weekends"),
    pytest.param(at(2026, 3, 2, 6, 30), {}, date(2026, 3, 2), closing(date(2026, 3, 16)),
                 id="before-opening-counts-the-same-day"),
    pytest.param(at(2026, 3, 2, 15, 59), {}, date(2026, 3, 2), closing(date(2026, 3, 16)),
                 id="a-minute-before-closing"),
    pytest.param(at(2026, 3, 2, 16, 0), {}, date(2026, 3, 3), closing(date(2026, 3, 17)),
                 id="exactly-at-closing-counts-next-day"),
    pytest.param(at(2026, 3, 2, 19, 0), {}, date(2026, 3, 3), closing(date(2026, 3, 17)),
                 id="after-hours-counts-next-day"),
    pytest.param(at(2026, 3, 6, 16, 15), {}, date(2026, 3, 6), closing(date(2026, 3, 27)),
                 id="friday-16-15-inside-longer-friday-hours"),
    pytest.param(at(2026, 3, 6, 16, 30), {}, date(2026, 3, 9), closing(date(2026, 3, 30)),
                 id="friday-at-its-closing-counts-monday"),
    pytest.param(at(2026, 3, 7, 10), {}, date(2026, 3, 9), closing(date(2026, 3, 30)),
                 id="saturday-counts-monday"),
    pytest.param(at(2026, 3, 8, 23, 59), {}, date(2026, 3, 9), closing(date(2026, 3, 30)),
                 id="sunday-night-counts-monday"),
    # --- national holidays and cuti bersama ---
    pytest.param(at(2026, 1, 9, 10), {}, date(2026, 1, 9), closing(date(2026, 1, 26)),
                 id="isra-miraj-friday-skipped"),
    pytest.param(at(2026, 2, 6, 10), {}, date(2026, 2, 6), closing(date(2026, 2, 24)),
                 id="lunar-new-year-and-its-cuti-bersama"),
    pytest.param(at(2026, 3, 17, 10), {}, date(2026, 3, 17), closing(date(2026, 4, 8)),
                 id="holiday-eve-during-hours-nyepi-idulfitri-good-friday"),
    pytest.param(at(2026, 3, 17, 17), {}, date(2026, 3, 25), closing(date(2026, 4, 9)),
                 id="holiday-eve-after-hours-waits-a-week"),
    pytest.param(at(2026, 3, 19, 10), {}, date(2026, 3, 25), closing(date(2026, 4, 9)),
                 id="received-on-nyepi"),
    pytest.param(at(2026, 3, 23, 10), {}, date(2026, 3, 25), closing(date(2026, 4, 9)),
                 id="received-on-cuti-bersama"),
    pytest.param(at(2026, 5, 15, 10), {}, date(2026, 5, 18), closing(date(2026, 6, 4)),
                 id="ascension-cuti-iduladha-cuti-pancasila"),
    # --- the agency's own entries ---
    pytest.param(at(2026, 3, 2, 9), LOCAL_HOLIDAY, date(2026, 3, 2), closing(date(2026, 3, 17)),
                 id="local-holiday-adds-a-day"),
    pytest.param(at(2026, 3, 7, 10), SATURDAY_OPEN, date(2026, 3, 7), closing(date(2026, 3, 27)),
                 id="saturday-declared-working-day"),
    pytest.param(at(2026, 3, 7, 12, 0), SATURDAY_OPEN, date(2026, 3, 9),
                 closing(date(2026, 3, 30)), id="saturday-working-day-after-its-closing"),
    pytest.param(at(2026, 3, 17, 17), WORKS_ON_CUTI, date(2026, 3, 23), closing(date(2026, 4, 8)),
                 id="agency-works-on-a-cuti-bersama-day"),
    pytest.param(at(2026, 3, 2, 15, 0), RAMADAN_2_MARCH, date(2026, 3, 3),
                 closing(date(2026, 3, 17)), id="ramadan-15-00-is-after-short-closing"),
    pytest.param(at(2026, 3, 2, 14, 59), RAMADAN_2_MARCH, date(2026, 3, 2),
                 closing(date(2026, 3, 16)), id="ramadan-14-59-still-inside"),
    pytest.param(at(2026, 3, 2, 9), RAMADAN_16_MARCH, date(2026, 3, 2),
                 closing(date(2026, 3, 16), hh=15), id="due-on-a-short-day-closes-early"),
    # --- year boundaries ---
    pytest.param(at(2026, 12, 21, 10), {}, date(2026, 12, 21), closing(date(2027, 1, 8)),
                 id="december-across-christmas-new-year-isra-miraj"),
    pytest.param(at(2025, 12, 24, 17), {}, date(2025, 12, 29), closing(date(2026, 1, 13)),
                 id="christmas-eve-after-hours-counts-29-december"),
    pytest.param(at(2026, 12, 31, 16, 15), {}, date(2027, 1, 4), closing(date(2027, 1, 19)),
                 id="new-years-eve-after-hours-counts-next-year"),
]


@pytest.mark.parametrize(("received_at", "overrides", "counted_from", "due_at"), NOTICE_CASES)
def test_notice_deadline(received_at, overrides, counted_from, due_at):
    calendar = cal(WIB, overrides)
    got = services.notice_deadline(received_at, calendar)
    assert got == (counted_from, due_at)
    assert got[1].tzinfo == WIB
    assert services.working_days_between(counted_from, due_at.date(), calendar) == 10


@pytest.mark.parametrize(("national", "overrides", "due"), [
    pytest.param(without_18_august_2025, {}, date(2025, 8, 28),
                 id="package-without-the-decree-counts-18-august"),
    pytest.param(without_18_august_2025, CUTI_18_AUGUST, date(2025, 8, 29),
                 id="cuti-bersama-added-mid-year-as-agency-entry"),
    pytest.param(national_holiday_names, {}, date(2025, 8, 29),
                 id="current-package-has-it-already"),
    pytest.param(national_holiday_names, CUTI_18_AUGUST, date(2025, 8, 29),
                 id="entry-and-package-agree"),
])
def test_cuti_bersama_added_mid_year(national, overrides, due):
    # Thursday 14 August 2025; 17 August is a Sunday.
    calendar = cal(WIB, overrides, national=national)
    assert services.notice_deadline(at(2025, 8, 14, 10), calendar) == (date(2025, 8, 14),
                                                                      closing(due))


# The same instant in the three zones of Indonesia: what counts is the agency's own clock.
MONDAY_0830_UTC = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)  # 15:30 WIB, 16:30 WITA, 17:30 WIT
MONDAY_0730_UTC = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)  # 14:30 WIB, 15:30 WITA, 16:30 WIT


@pytest.mark.parametrize(("instant", "tz", "counted_from", "due_day"), [
    pytest.param(MONDAY_0830_UTC, WIB, date(2026, 3, 2), date(2026, 3, 16),
                 id="15-30-WIB-inside-hours"),
    pytest.param(MONDAY_0830_UTC, WITA, date(2026, 3, 3), date(2026, 3, 17),
                 id="16-30-WITA-after-hours"),
    pytest.param(MONDAY_0830_UTC, WIT, date(2026, 3, 3), date(2026, 3, 17),
                 id="17-30-WIT-after-hours"),
    pytest.param(MONDAY_0730_UTC, WIB, date(2026, 3, 2), date(2026, 3, 16),
                 id="14-30-WIB-inside-hours"),
    pytest.param(MONDAY_0730_UTC, WITA, date(2026, 3, 2), date(2026, 3, 16),
                 id="15-30-WITA-inside-hours"),
    pytest.param(MONDAY_0730_UTC, WIT, date(2026, 3, 3), date(2026, 3, 17),
                 id="16-30-WIT-after-hours"),
    # Tuesday 17 March 2026, 15:30 WIB: inside hours in Jakarta; after hours further east,
    # where the next working day is a week later (Nyepi and Idulfitri).
    pytest.param(at(2026, 3, 17, 15, 30, WIB), WIB, date(2026, 3, 17), date(2026, 4, 8),
                 id="holiday-eve-WIB-inside"),
    pytest.param(at(2026, 3, 17, 15, 30, WIB), WITA, date(2026, 3, 25), date(2026, 4, 9),
                 id="holiday-eve-WITA-after"),
])
def test_same_instant_in_three_zones(instant, tz, counted_from, due_day):
    counted, due_at = services.notice_deadline(instant, cal(tz))
    assert counted == counted_from
    assert due_at == closing(due_day, tz)
    assert due_at.utcoffset() == {WIB: timedelta(hours=7), WITA: timedelta(hours=8),
                                  WIT: timedelta(hours=9)}[tz]


def test_the_same_wall_clock_in_another_zone_is_another_instant():
    """16:30 written in WIB is 17:30 WITA: after hours for a WITA agency as well."""
    calendar = cal(WITA)
    assert services.notice_deadline(at(2026, 3, 2, 15, 30, WIB), calendar)[0] == date(2026, 3, 3)
    assert services.notice_deadline(at(2026, 3, 2, 14, 59, WIB), calendar)[0] == date(2026, 3, 2)


# --------------------------------------------------------------------------------------------
# Extension: one extension of 1 to 7 working days from the due day.
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("due_at", "days", "overrides", "extended"), [
    pytest.param(closing(date(2026, 3, 16)), 7, {}, closing(date(2026, 4, 1)),
                 id="7-days-across-nyepi-and-idulfitri"),
    pytest.param(closing(date(2026, 3, 17)), 1, {}, closing(date(2026, 3, 25)),
                 id="1-day-across-a-closed-week"),
    pytest.param(closing(date(2026, 3, 27)), 1, {}, closing(date(2026, 3, 30)),
                 id="1-day-from-friday-closing-16-30"),
    pytest.param(closing(date(2026, 4, 1)), 7, {}, closing(date(2026, 4, 13)),
                 id="7-days-across-good-friday"),
    pytest.param(closing(date(2026, 3, 16), hh=15), 1, RAMADAN_16_MARCH,
                 closing(date(2026, 3, 17)), id="from-a-short-day"),
    pytest.param(closing(date(2026, 3, 10)), 3, LOCAL_HOLIDAY, closing(date(2026, 3, 16)),
                 id="3-days-across-a-local-holiday"),
    pytest.param(closing(date(2026, 12, 22)), 7, {}, closing(date(2027, 1, 6)),
                 id="7-days-across-the-new-year"),
    pytest.param(closing(date(2025, 12, 24)), 1, {}, closing(date(2025, 12, 29)),
                 id="1-day-across-christmas-2025"),
])
def test_extended_deadline(due_at, days, overrides, extended):
    calendar = cal(WIB, overrides)
    assert services.extended_deadline(due_at, days, calendar) == extended
    assert services.working_days_between(due_at.date(), extended.date(), calendar) == days


# --------------------------------------------------------------------------------------------
# Countdown.
# --------------------------------------------------------------------------------------------

DUE_16_MARCH = closing(date(2026, 3, 16))


@pytest.mark.parametrize(("now", "left"), [
    pytest.param(at(2026, 3, 2, 9), 11, id="day-of-receipt-counts-today-too"),
    pytest.param(at(2026, 3, 13, 10), 2, id="friday-before"),
    pytest.param(at(2026, 3, 14, 10), 1, id="saturday-before-today-not-counted"),
    pytest.param(at(2026, 3, 16, 10), 1, id="last-day-morning"),
    pytest.param(at(2026, 3, 16, 16, 0), 1, id="last-day-at-closing"),
    pytest.param(at(2026, 3, 16, 16, 1), 0, id="last-day-evening"),
    pytest.param(at(2026, 3, 17, 9), -1, id="one-working-day-late"),
    pytest.param(at(2026, 3, 22, 9), -1, id="closed-week-adds-no-lateness"),
    pytest.param(at(2026, 3, 25, 9), -2, id="two-working-days-late"),
    pytest.param(datetime(2026, 3, 16, 9, 30, tzinfo=UTC), 0,
                 id="16-30-WIB-written-in-UTC-is-late-evening"),
])
def test_working_days_left(now, left):
    assert services.working_days_left(DUE_16_MARCH, now, cal(WIB)) == left


# --------------------------------------------------------------------------------------------
# Objections (30 working days from the cause) and disputes (14 after the answer or its lapse).
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cause_on", "overrides", "last_day"), [
    pytest.param(date(2026, 3, 2), {}, date(2026, 4, 21), id="march-across-nyepi-idulfitri"),
    pytest.param(date(2026, 3, 2), LOCAL_HOLIDAY, date(2026, 4, 22), id="with-a-local-holiday"),
    pytest.param(date(2026, 3, 21), {}, date(2026, 5, 7),
                 id="cause-on-idulfitri-saturday-and-labour-day"),
    pytest.param(date(2026, 12, 11), {}, date(2027, 1, 28), id="across-the-new-year"),
])
def test_objection_filing_deadline(cause_on, overrides, last_day):
    calendar = cal(WIB, overrides)
    assert objections.filing_deadline(cause_on, calendar) == last_day
    assert services.working_days_between(cause_on, last_day, calendar) == 30


@pytest.mark.parametrize(("answered_at", "due_at", "tz", "last_day"), [
    pytest.param(at(2026, 4, 7, 10), closing(date(2026, 5, 20)), WIB, date(2026, 4, 27),
                 id="answered"),
    pytest.param(None, closing(date(2026, 5, 13)), WIB, date(2026, 6, 9),
                 id="unanswered-lapse-across-ascension-iduladha-pancasila"),
    pytest.param(at(2026, 4, 7, 23, 30), closing(date(2026, 5, 20)), WIB, date(2026, 4, 27),
                 id="answered-late-evening-WIB"),
    pytest.param(at(2026, 4, 7, 23, 30), closing(date(2026, 5, 20)), WIT, date(2026, 4, 28),
                 id="the-same-instant-is-already-8-april-in-WIT"),
    pytest.param(at(2026, 12, 18, 10), closing(date(2027, 1, 29)), WIB, date(2027, 1, 13),
                 id="answered-before-christmas"),
])
def test_dispute_deadline(answered_at, due_at, tz, last_day):
    objection = Objection(answered_at=answered_at, due_at=due_at)
    assert objections.dispute_deadline(objection, cal(tz)) == last_day


# --------------------------------------------------------------------------------------------
# Naive datetimes are refused: a naive time could be WIB, WITA or WIT.
# --------------------------------------------------------------------------------------------

NAIVE = datetime(2026, 3, 2, 9, 0)


@pytest.mark.parametrize("call", [
    pytest.param(lambda c: services.notice_deadline(NAIVE, c), id="notice_deadline"),
    pytest.param(lambda c: services.extended_deadline(NAIVE, 3, c), id="extended_deadline"),
    pytest.param(lambda c: services.working_days_left(DUE_16_MARCH, NAIVE, c),
                 id="working_days_left-now"),
    pytest.param(lambda c: services.working_days_left(NAIVE, at(2026, 3, 2), c),
                 id="working_days_left-due"),
    pytest.param(lambda c: objections.dispute_deadline(Objection(answered_at=NAIVE,
                                                                 due_at=NAIVE), c),
                 id="dispute_deadline"),
])
def test_naive_datetimes_are_refused(call):
    with pytest.raises(ValueError, match="naive"):
        call(cal(WIB))


# --------------------------------------------------------------------------------------------
# Properties.
# --------------------------------------------------------------------------------------------

ZONES = [WIB, WITA, WIT]
PROPERTY_OVERRIDES = {**LOCAL_HOLIDAY, **SATURDAY_OPEN, **WORKS_ON_CUTI, **RAMADAN_16_MARCH,
                      date(2026, 12, 31): Override(DayKind.CUTI_BERSAMA, "Cuti tambahan"),
                      date(2025, 3, 27): Override(DayKind.SHORT_HOURS, "Ramadan", time(8),
                                                  time(14, 30))}
PROPERTY_CAL = {tz: cal(tz, PROPERTY_OVERRIDES) for tz in ZONES}
MOMENTS = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 11, 30),
                       timezones=st.sampled_from([WIB, WITA, WIT, UTC]))
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(received_at=MOMENTS, tz=st.sampled_from(ZONES))
def test_deadline_is_closing_time_of_the_tenth_working_day_after(received_at, tz):
    calendar = PROPERTY_CAL[tz]
    counted_from, due_at = services.notice_deadline(received_at, calendar)
    local_due = calendar.local(due_at)
    hours = calendar.hours_on(local_due.date())
    assert hours is not None, "the deadline falls on a working day"
    assert local_due.timetz().replace(tzinfo=None) == hours[1], "at closing time"
    assert due_at > received_at
    assert calendar.is_working_day(counted_from)
    assert counted_from >= calendar.local(received_at).date()
    assert services.working_days_between(counted_from, local_due.date(), calendar) == 10


@FAST
@given(received_at=MOMENTS, tz=st.sampled_from(ZONES), k=st.integers(1, 7))
def test_extension_adds_exactly_k_working_days(received_at, tz, k):
    calendar = PROPERTY_CAL[tz]
    _counted, due_at = services.notice_deadline(received_at, calendar)
    extended = services.extended_deadline(due_at, k, calendar)
    day = calendar.local(extended).date()
    assert calendar.local(extended).timetz().replace(tzinfo=None) == calendar.hours_on(day)[1]
    assert services.working_days_between(calendar.local(due_at).date(), day, calendar) == k


@FAST
@given(received_at=MOMENTS, tz=st.sampled_from(ZONES),
       a=st.integers(0, 40 * 24 * 60), b=st.integers(0, 40 * 24 * 60))
def test_working_days_left_never_increases(received_at, tz, a, b):
    calendar = PROPERTY_CAL[tz]
    _counted, due_at = services.notice_deadline(received_at, calendar)
    early, late = sorted((a, b))
    first = services.working_days_left(due_at, received_at + timedelta(minutes=early), calendar)
    second = services.working_days_left(due_at, received_at + timedelta(minutes=late), calendar)
    assert first >= second
    assert services.working_days_left(due_at, received_at, calendar) >= 1
