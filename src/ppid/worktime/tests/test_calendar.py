"""Working-time arithmetic (pure) and the calendar services (database)."""

from __future__ import annotations

import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppid.audit.models import AuditEvent
from ppid.core.errors import InvalidInput, NotAllowed
from ppid.core.models import OfficeHours
from ppid.worktime import services
from ppid.worktime.calendar import Override, WorkCalendar, national_days
from ppid.worktime.constants import DayKind
from ppid.worktime.models import CalendarDay, CalendarYear

WIB, WITA, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")
HOURS = {weekday: (time(8, 0), time(16, 0)) for weekday in range(5)}
# The common government pattern: longer Friday prayers, so Friday closes later.
GOV_HOURS = {**{weekday: (time(7, 30), time(16, 0)) for weekday in range(4)},
             4: (time(7, 30), time(16, 30))}


def cal(tz=WIB, hours=None, overrides=None, **kwargs) -> WorkCalendar:
    return WorkCalendar(tz, HOURS if hours is None else hours, overrides or {}, **kwargs)


def at(y, m, d, hh=0, mm=0, tz=WIB) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=tz)


# --- the national list ------------------------------------------------------------------------


def test_national_list_has_public_holidays_and_cuti_bersama():
    days = {d.date: d for d in national_days(2026)}
    assert days[date(2026, 1, 1)].kind == DayKind.HOLIDAY
    assert days[date(2026, 1, 1)].name == "Tahun Baru Masehi"
    assert days[date(2026, 3, 21)].kind == DayKind.HOLIDAY  # Idul Fitri
    for cuti in (date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24), date(2026, 12, 24)):
        assert days[cuti].kind == DayKind.CUTI_BERSAMA, cuti
        assert days[cuti].name.startswith("Cuti Bersama")
    english = {d.date: d.name for d in national_days(2026, "en")}
    assert english[date(2026, 12, 24)] == "Christmas Joint Holiday"


def test_cuti_bersama_of_18_august_2025_added_mid_year_is_known():
    days = {d.date: d for d in national_days(2025)}
    assert days[date(2025, 8, 18)].kind == DayKind.CUTI_BERSAMA
    assert not cal().is_working_day(date(2025, 8, 18))
    # Friday 15 August 15:00 + 2 office hours: Monday 18 is cuti bersama -> Tuesday 09:00.
    assert cal().add(at(2025, 8, 15, 15), 2, "hours") == at(2025, 8, 19, 9)


def test_without_the_national_list_only_weekends_close():
    calendar = cal(national=None)
    assert calendar.is_working_day(date(2026, 1, 1))
    assert calendar.holiday_name(date(2026, 1, 1)) is None


# --- days -------------------------------------------------------------------------------------


def test_weekends_and_holidays_are_not_working_days():
    calendar = cal()
    assert calendar.is_working_day(date(2026, 1, 2))  # Friday
    assert not calendar.is_working_day(date(2026, 1, 3))  # Saturday
    assert not calendar.is_working_day(date(2026, 1, 4))  # Sunday
    assert not calendar.is_working_day(date(2026, 1, 1))
    assert calendar.holiday_name(date(2026, 1, 1)) == "Tahun Baru Masehi"
    assert calendar.holiday_name(date(2026, 1, 3)) is None
    assert calendar.hours_on(date(2026, 1, 2)) == (time(8), time(16))
    assert calendar.hours_on(date(2026, 1, 1)) is None
    assert calendar.next_working_day(date(2026, 1, 2)) == date(2026, 1, 5)
    assert calendar.next_working_day(date(2025, 12, 31)) == date(2026, 1, 2)


def test_idul_fitri_2026_closes_a_whole_week():
    calendar = cal()
    closed = [date(2026, 3, d) for d in range(18, 25)]
    assert not any(calendar.is_working_day(d) for d in closed)
    assert calendar.next_working_day(date(2026, 3, 17)) == date(2026, 3, 25)
    # Tuesday before Nyepi, 15:00 + 2 office hours -> Wednesday 25 March 09:00.
    assert calendar.add(at(2026, 3, 17, 15), 2, "hours") == at(2026, 3, 25, 9)


def test_christmas_cuti_bersama_2026():
    calendar = cal()
    assert calendar.holiday_name(date(2026, 12, 24)) == "Cuti Bersama Hari Raya Natal"
    # Wednesday 23 December 15:30 + 1 hour: Thu cuti, Fri Christmas, weekend -> Monday.
    assert calendar.add(at(2026, 12, 23, 15, 30), 1, "hours") == at(2026, 12, 28, 8, 30)


def test_working_day_override_cancels_a_cuti_bersama():
    overrides = {date(2026, 12, 24): Override(DayKind.WORKING_DAY, "Cuti bersama dibatalkan")}
    calendar = cal(overrides=overrides)
    assert calendar.is_working_day(date(2026, 12, 24))
    assert calendar.hours_on(date(2026, 12, 24)) == (time(8), time(16))
    assert calendar.holiday_name(date(2026, 12, 24)) is None
    assert calendar.add(at(2026, 12, 23, 15, 30), 1, "hours") == at(2026, 12, 24, 8, 30)


def test_working_saturday_needs_its_own_hours():
    saturday = date(2026, 1, 10)
    calendar = cal(overrides={saturday: Override(DayKind.WORKING_DAY)})
    assert not calendar.is_working_day(saturday)  # no regular hours on Saturday
    calendar = cal(overrides={saturday: Override(DayKind.WORKING_DAY, "", time(8), time(12))})
    assert calendar.hours_on(saturday) == (time(8), time(12))
    assert calendar.add(at(2026, 1, 9, 15), 2, "hours") == at(2026, 1, 10, 9)


def test_local_holiday_and_agency_cuti_bersama():
    overrides = {
        date(2026, 2, 10): Override(DayKind.HOLIDAY, "Hari Jadi Kota"),
        date(2026, 2, 11): Override(DayKind.CUTI_BERSAMA, "Cuti bersama daerah"),
    }
    calendar = cal(overrides=overrides)
    assert calendar.holiday_name(date(2026, 2, 10)) == "Hari Jadi Kota"
    assert not calendar.is_working_day(date(2026, 2, 11))
    assert calendar.add(at(2026, 2, 9, 15), 2, "hours") == at(2026, 2, 12, 9)
    # An agency entry without a name on a national day keeps the national name.
    calendar = cal(overrides={date(2026, 1, 1): Override(DayKind.HOLIDAY)})
    assert calendar.holiday_name(date(2026, 1, 1)) == "Tahun Baru Masehi"


def test_short_hours_in_ramadan():
    monday = date(2026, 2, 23)
    calendar = cal(overrides={monday: Override(DayKind.SHORT_HOURS, "Ramadan", time(8), time(15))})
    assert calendar.hours_on(monday) == (time(8), time(15))
    assert calendar.add(at(2026, 2, 23, 14, 30), 60, "minutes") == at(2026, 2, 24, 8, 30)
    assert calendar.received_on(at(2026, 2, 23, 15, 30)) == date(2026, 2, 24)
    # Thursday evening: received Friday, day 1 is the short Monday, due at its closing time.
    assert calendar.working_days_deadline(at(2026, 2, 19, 17), 1) == at(2026, 2, 23, 15)


def test_override_validation():
    with pytest.raises(ValueError):
        Override(DayKind.SHORT_HOURS, "Ramadan")
    with pytest.raises(ValueError):
        Override(DayKind.SHORT_HOURS, "", time(15), time(8))
    with pytest.raises(ValueError):
        Override("weekend")
    with pytest.raises(ValueError):
        WorkCalendar(WIB, {0: (time(16), time(8))}, {})


# --- office-hours boundaries ------------------------------------------------------------------


@pytest.mark.parametrize(("start", "minutes", "due"), [
    (at(2026, 1, 5, 8), 60, at(2026, 1, 5, 9)),  # exactly at opening
    (at(2026, 1, 5, 6), 30, at(2026, 1, 5, 8, 30)),  # before opening: clock starts at 08:00
    (at(2026, 1, 5, 16), 1, at(2026, 1, 6, 8, 1)),  # exactly at closing
    (at(2026, 1, 5, 18), 30, at(2026, 1, 6, 8, 30)),  # after closing
    (at(2026, 1, 5, 8), 480, at(2026, 1, 5, 16)),  # a whole day ends at closing, not tomorrow
    (at(2026, 1, 5, 8), 481, at(2026, 1, 6, 8, 1)),
    (at(2026, 1, 9, 15), 120, at(2026, 1, 12, 9)),  # Friday afternoon spills into Monday
    (at(2026, 1, 10, 11), 30, at(2026, 1, 12, 8, 30)),  # Saturday
    (at(2026, 1, 5, 10, 15, tz=WIB) + timedelta(seconds=42), 1,
     at(2026, 1, 5, 10, 16) + timedelta(seconds=42)),
])
def test_office_minutes_at_the_edges(start, minutes, due):
    assert cal().add(start, minutes, "minutes") == due


def test_friday_with_longer_hours():
    calendar = cal(hours=GOV_HOURS)
    assert calendar.add(at(2026, 1, 9, 16), 60, "minutes") == at(2026, 1, 12, 8)
    assert calendar.working_days_deadline(at(2026, 1, 8, 12), 1) == at(2026, 1, 9, 16, 30)


# --- units ------------------------------------------------------------------------------------


def test_units():
    calendar = cal()
    start = at(2026, 1, 9, 10)  # Friday
    assert calendar.add(start, 90, "minutes") == at(2026, 1, 9, 11, 30)
    assert calendar.add(start, 8, "hours") == at(2026, 1, 12, 10)
    assert calendar.add(start, 1, "days") == at(2026, 1, 10, 10)  # calendar days: Saturday
    assert calendar.add(start, 3, "days") == at(2026, 1, 12, 10)
    assert calendar.add(start, 1, "working_days") == at(2026, 1, 12, 16)
    # Day 5 would be Friday 16 January, but that is Isra Mikraj.
    assert calendar.add(start, 5, "working_days") == at(2026, 1, 19, 16)
    for unit in ("minutes", "hours", "days", "working_days"):
        assert calendar.add(start.astimezone(UTC), 0, unit) == start
        assert calendar.add(start.astimezone(UTC), 0, unit).tzinfo == WIB


def test_ten_working_days_around_idul_fitri_2026():
    # Received Tuesday 17 March (working day, before closing): day 1 is 25 March; Good Friday
    # 3 April is skipped: day 10 is Wednesday 8 April, due at closing time.
    calendar = cal()
    assert calendar.received_on(at(2026, 3, 17, 10)) == date(2026, 3, 17)
    assert calendar.add(at(2026, 3, 17, 10), 10, "working_days") == at(2026, 4, 8, 16)
    # The 7 extra working days (Pasal 22) follow day 10: count from that day, not from the
    # deadline moment (closing time would count as received the next day).
    assert calendar.nth_working_day_after(date(2026, 4, 8), 7) == date(2026, 4, 17)
    assert calendar.working_days_deadline(at(2026, 4, 8, 16), 7) == at(2026, 4, 20, 16)


def test_received_on_after_hours_and_on_days_off():
    calendar = cal()
    assert calendar.received_on(at(2026, 1, 5, 6)) == date(2026, 1, 5)  # before opening
    assert calendar.received_on(at(2026, 1, 5, 15, 59)) == date(2026, 1, 5)
    assert calendar.received_on(at(2026, 1, 5, 16)) == date(2026, 1, 6)  # at closing
    assert calendar.received_on(at(2026, 1, 9, 20)) == date(2026, 1, 12)  # Friday evening
    assert calendar.received_on(at(2026, 1, 10, 9)) == date(2026, 1, 12)  # Saturday
    assert calendar.received_on(at(2025, 12, 31, 17)) == date(2026, 1, 2)  # before New Year
    # Friday evening: received Monday, so 1 working day is Tuesday's closing time.
    assert calendar.working_days_deadline(at(2026, 1, 9, 20), 1) == at(2026, 1, 13, 16)
    assert calendar.working_days_deadline(at(2026, 1, 9, 20), 0) == at(2026, 1, 12, 16)


def test_same_instant_in_three_time_zones():
    instant = datetime(2026, 1, 5, 8, 30, tzinfo=UTC)  # 15:30 WIB, 16:30 WITA, 17:30 WIT
    wib, wita, wit = cal(WIB), cal(WITA), cal(WIT)
    assert wib.received_on(instant) == date(2026, 1, 5)
    assert wita.received_on(instant) == date(2026, 1, 6)
    assert wit.received_on(instant) == date(2026, 1, 6)
    assert wib.add(instant, 60, "minutes") == at(2026, 1, 6, 8, 30, tz=WIB)
    assert wita.add(instant, 60, "minutes") == at(2026, 1, 6, 9, tz=WITA)
    assert wit.add(instant, 60, "minutes") == at(2026, 1, 6, 9, tz=WIT)
    dues = {c.add(instant, 60, "minutes").astimezone(UTC) for c in (wib, wita, wit)}
    assert len(dues) == 3
    assert wita.add(instant, 1, "working_days").tzinfo == WITA
    assert wita.add(instant, 1, "working_days") == at(2026, 1, 7, 16, tz=WITA)
    # Input in another zone than the agency's is converted first.
    assert wita.add(at(2026, 1, 5, 7, tz=WIB), 30, "minutes") == at(2026, 1, 5, 8, 30, tz=WITA)


def test_bad_input_is_refused():
    calendar = cal()
    with pytest.raises(ValueError, match="naive"):
        calendar.add(datetime(2026, 1, 5, 9), 1, "hours")
    with pytest.raises(ValueError, match="naive"):
        calendar.received_on(datetime(2026, 1, 5, 9))
    with pytest.raises(ValueError, match="naive"):
        calendar.working_minutes_between(datetime(2026, 1, 5, 9), at(2026, 1, 5, 10))
    with pytest.raises(ValueError):
        calendar.add(at(2026, 1, 5, 9), -1, "hours")
    with pytest.raises(ValueError):
        calendar.add(at(2026, 1, 5, 9), 1, "weeks")
    with pytest.raises(TypeError):
        calendar.add(at(2026, 1, 5, 9), 1.5, "hours")


def test_a_calendar_without_office_hours_does_not_loop_forever():
    with pytest.raises(ValueError, match="office hours"):
        cal(hours={}).add(at(2026, 1, 5, 9), 1, "hours")
    with pytest.raises(ValueError, match="office hours"):
        cal(hours={}).next_working_day(date(2026, 1, 5))


def test_working_minutes_between():
    calendar = cal()
    assert calendar.working_minutes_between(at(2026, 1, 9, 15), at(2026, 1, 12, 9)) == 120
    assert calendar.working_minutes_between(at(2026, 1, 5, 7), at(2026, 1, 5, 17)) == 480
    assert calendar.working_minutes_between(at(2026, 1, 5, 12), at(2026, 1, 5, 9)) == 0
    assert calendar.working_minutes_between(at(2026, 1, 10, 9), at(2026, 1, 11, 17)) == 0
    # Whole minutes only.
    end = at(2026, 1, 5, 9) + timedelta(seconds=59)
    assert calendar.working_minutes_between(at(2026, 1, 5, 9), end) == 0
    # Across Idul Fitri 2026: Tue 17 March 15:00 to Wed 25 March 09:00 = 2 hours.
    assert calendar.working_minutes_between(at(2026, 3, 17, 15), at(2026, 3, 25, 9)) == 120
    # Mixed zones.
    assert calendar.working_minutes_between(at(2026, 1, 5, 9, tz=WITA), at(2026, 1, 5, 9)) == 60


def test_large_spans_are_fast():
    calendar = cal(hours=GOV_HOURS)
    began = clock.perf_counter()
    due = calendar.add(at(2026, 1, 5, 8), 300, "hours")
    assert calendar.working_minutes_between(at(2026, 1, 5, 8), due) == 300 * 60
    deadline = calendar.add(at(2026, 1, 5, 8), 30, "working_days")
    assert calendar.add(at(2026, 1, 5, 8), 2000, "hours") > due
    assert clock.perf_counter() - began < 1.0
    assert calendar.is_working_day(deadline) and deadline.time() == time(16)


# --- properties -------------------------------------------------------------------------------

ZONES = st.sampled_from([WIB, WITA, WIT, UTC])
STARTS = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 20),
                      timezones=ZONES)
PROPERTY_CAL = {tz: cal(tz, hours=GOV_HOURS, overrides={
    date(2026, 2, 23): Override(DayKind.SHORT_HOURS, "Ramadan", time(8), time(14)),
    date(2026, 12, 24): Override(DayKind.WORKING_DAY),
}) for tz in (WIB, WITA, WIT)}
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(start=STARTS, tz=st.sampled_from([WIB, WITA, WIT]),
       a=st.integers(0, 3000), b=st.integers(0, 3000))
def test_adding_minutes_is_monotonic(start, tz, a, b):
    calendar = PROPERTY_CAL[tz]
    low, high = sorted((a, b))
    assert calendar.add(start, low, "minutes") <= calendar.add(start, high, "minutes")


@FAST
@given(start=STARTS, tz=st.sampled_from([WIB, WITA, WIT]), n=st.integers(0, 5000))
def test_minutes_between_start_and_due_is_the_amount(start, tz, n):
    calendar = PROPERTY_CAL[tz]
    due = calendar.add(start, n, "minutes")
    assert calendar.working_minutes_between(start, due) == n


@FAST
@given(day=st.dates(date(2025, 1, 1), date(2027, 12, 20)), offset=st.integers(0, 9 * 60),
       tz=st.sampled_from([WIB, WITA, WIT]), n=st.integers(0, 5000))
def test_from_inside_office_hours_the_minutes_add_up(day, offset, tz, n):
    calendar = PROPERTY_CAL[tz]
    hours = calendar.hours_on(day)
    if hours is None:
        day = calendar.next_working_day(day)
        hours = calendar.hours_on(day)
    opens = datetime.combine(day, hours[0], tzinfo=tz)
    closes = datetime.combine(day, hours[1], tzinfo=tz)
    start = min(opens + timedelta(minutes=offset), closes)
    due = calendar.add(start, n, "minutes")
    assert calendar.working_minutes_between(start, due) == n
    assert due - start >= timedelta(minutes=n)


@FAST
@given(start=STARTS, tz=st.sampled_from([WIB, WITA, WIT]), n=st.integers(1, 5000),
       unit=st.sampled_from(["minutes", "hours"]))
def test_due_is_inside_office_hours(start, tz, n, unit):
    calendar = PROPERTY_CAL[tz]
    due = calendar.add(start, n if unit == "minutes" else n // 60 + 1, unit)
    assert due.tzinfo == tz
    hours = calendar.hours_on(due.date())
    assert hours is not None
    assert hours[0] < due.time() <= hours[1]


@FAST
@given(start=STARTS, tz=st.sampled_from([WIB, WITA, WIT]), n=st.integers(0, 40))
def test_working_days_deadline_is_a_closing_time_n_working_days_later(start, tz, n):
    calendar = PROPERTY_CAL[tz]
    due = calendar.add(start, n, "working_days") if n else calendar.working_days_deadline(start, 0)
    received = calendar.received_on(start)
    assert received >= calendar.local(start).date()
    assert calendar.is_working_day(received) and calendar.is_working_day(due.date())
    assert due.time() == calendar.hours_on(due.date())[1]
    counted = sum(calendar.is_working_day(received + timedelta(days=i))
                  for i in range(1, (due.date() - received).days + 1))
    assert counted == n


# --- services (database) ----------------------------------------------------------------------


@pytest.fixture
def office_hours(agency):
    for weekday in range(5):
        OfficeHours.objects.create(agency=agency, weekday=weekday, opens=time(8),
                                   closes=time(16, 30) if weekday == 4 else time(16))


@pytest.mark.django_db
def test_work_calendar_reads_the_agency(agency, office_hours, people):
    CalendarDay.objects.create(date=date(2026, 12, 24), kind=DayKind.WORKING_DAY,
                               name="Cuti bersama dibatalkan", created_by=people["admin"])
    calendar = services.work_calendar()
    assert calendar.tz == WITA  # the test agency is in WITA
    assert calendar.hours_on(date(2026, 1, 9)) == (time(8), time(16, 30))
    assert calendar.is_working_day(date(2026, 12, 24))
    assert not calendar.is_working_day(date(2026, 12, 25))
    assert calendar.add(at(2026, 12, 23, 15, 30, tz=WITA), 1, "hours") == at(
        2026, 12, 24, 8, 30, tz=WITA)


@pytest.mark.django_db
def test_without_office_hours_a_default_week_is_assumed_and_flagged(agency):
    calendar = services.work_calendar()
    assert calendar.hours_on(date(2026, 1, 5)) == (time(8), time(16))
    codes = [w.code for w in services.calendar_warnings(date(2026, 3, 1))]
    assert "no_office_hours" in codes


@pytest.mark.django_db
def test_calendar_warnings(agency, office_hours, people):
    assert [w.code for w in services.calendar_warnings(date(2026, 9, 30))] == [
        "year_unconfirmed"]
    services.confirm_year(people["admin"], 2026)
    assert services.calendar_warnings(date(2026, 9, 30)) == []
    warnings = services.calendar_warnings(date(2026, 10, 1))
    assert [(w.code, w.year) for w in warnings] == [("next_year_unconfirmed", 2027)]
    assert "2027" in str(warnings[0].message)
    services.confirm_year(people["admin"], 2027)
    assert services.calendar_warnings(date(2026, 12, 31)) == []
    assert [w.code for w in services.calendar_warnings(date(2027, 10, 1))] == [
        "next_year_unconfirmed"]


@pytest.mark.django_db
def test_add_entry_is_checked_and_audited(agency, office_hours, people):
    admin = people["admin"]
    entry = services.add_entry(admin, {"date": date(2026, 2, 23), "kind": DayKind.SHORT_HOURS,
                                       "name": "Ramadan", "opens": time(8),
                                       "closes": time(14, 30)})
    assert entry.created_by == admin
    event = AuditEvent.objects.get(object_type="worktime.calendarday", action="create")
    assert event.actor_repr == "admin"
    assert event.after["opens"] == "08:00" and event.after["kind"] == "short_hours"
    assert services.work_calendar().hours_on(date(2026, 2, 23)) == (time(8), time(14, 30))

    def fields_of(data):
        with pytest.raises(InvalidInput) as caught:
            services.add_entry(admin, data)
        return set(caught.value.field_errors)

    assert fields_of({"date": date(2026, 2, 23), "kind": DayKind.HOLIDAY,
                      "name": "x"}) == {"date"}
    assert fields_of({"date": date(2026, 2, 24), "kind": DayKind.SHORT_HOURS,
                      "name": ""}) == {"opens", "closes"}
    assert fields_of({"date": date(2026, 2, 24), "kind": DayKind.SHORT_HOURS,
                      "opens": time(15), "closes": time(8)}) == {"closes"}
    assert fields_of({"date": date(2026, 2, 24), "kind": DayKind.HOLIDAY, "name": "",
                      "opens": time(8), "closes": time(9)}) == {"opens", "name"}
    # A working_day override is for national days off, or with hours for a weekend.
    assert fields_of({"date": date(2026, 2, 24), "kind": DayKind.WORKING_DAY}) == {"date"}
    assert fields_of({"date": date(2026, 2, 28), "kind": DayKind.WORKING_DAY}) == {"opens"}
    services.add_entry(admin, {"date": date(2026, 2, 28), "kind": DayKind.WORKING_DAY,
                               "opens": time(8), "closes": time(12)})
    services.add_entry(admin, {"date": date(2026, 12, 24), "kind": DayKind.WORKING_DAY})
    with pytest.raises(NotAllowed):
        services.add_entry(people["ppid"], {"date": date(2026, 8, 20), "kind": "holiday",
                                            "name": "x"})
    assert CalendarDay.objects.count() == 3


@pytest.mark.django_db
def test_error_messages_are_bilingual(agency, people):
    with pytest.raises(InvalidInput) as caught:
        services.add_entry(people["admin"], {"date": date(2026, 2, 24), "kind": "short_hours"})
    body = caught.value.as_dict()
    assert body["fields"]["opens"]["en"] == ["Enter the opening time of that day."]
    assert set(body["fields"]["opens"]) == {"id", "en"}


@pytest.mark.django_db
def test_cuti_bersama_added_by_the_agency_when_the_package_lags(agency, office_hours, people):
    """When a decree adds a cuti bersama the `holidays` data does not know yet (as on
    18 August 2025), the agency enters it."""
    services.add_entry(people["admin"], {"date": date(2026, 8, 18), "kind": "cuti_bersama",
                                         "name": "Cuti bersama HUT RI"})
    calendar = services.work_calendar()
    assert calendar.holiday_name(date(2026, 8, 18)) == "Cuti bersama HUT RI"
    # Friday closes 16:30: 1.5 h on Friday, Monday 17 and Tuesday 18 closed, 0.5 h Wednesday.
    assert calendar.add(at(2026, 8, 14, 15, tz=WITA), 2, "hours") == at(2026, 8, 19, 8, 30, tz=WITA)


@pytest.mark.django_db
def test_remove_and_confirm_are_audited(agency, office_hours, people):
    admin = people["admin"]
    entry = services.add_entry(admin, {"date": date(2026, 6, 2), "kind": "holiday",
                                       "name": "Hari Jadi"})
    with pytest.raises(NotAllowed):
        services.remove_entry(people["ppid"], entry.pk)
    services.remove_entry(admin, entry.pk)
    assert not CalendarDay.objects.exists()
    event = AuditEvent.objects.get(object_type="worktime.calendarday", action="delete")
    assert event.before["name"] == "Hari Jadi"
    first = services.confirm_year(admin, 2027)
    again = services.confirm_year(admin, "2027")
    assert first.pk == again.pk and CalendarYear.objects.count() == 1
    actions = list(AuditEvent.objects.filter(object_type="worktime.calendaryear")
                   .values_list("action", flat=True))
    assert actions == ["create", "update"]
    with pytest.raises(InvalidInput):
        services.confirm_year(admin, "20x7")
    with pytest.raises(NotAllowed):
        services.confirm_year(people["officer"], 2027)


@pytest.mark.django_db
def test_year_rows_merge_national_days_and_entries(agency, office_hours, people):
    services.add_entry(people["admin"], {"date": date(2026, 12, 24), "kind": "working_day",
                                         "name": "Dibatalkan"})
    services.add_entry(people["admin"], {"date": date(2026, 7, 1), "kind": "holiday",
                                         "name": "Hari Jadi"})
    rows = {row.date: row for row in services.year_rows(2026)}
    assert rows[date(2026, 12, 24)].working and rows[date(2026, 12, 24)].national is not None
    assert rows[date(2026, 12, 24)].source == "agency"
    assert not rows[date(2026, 7, 1)].working and rows[date(2026, 7, 1)].national is None
    assert rows[date(2026, 1, 1)].source == "national" and not rows[date(2026, 1, 1)].working
    assert rows[date(2026, 3, 21)].weekend  # Idul Fitri on a Saturday
    assert all(d.year == 2026 for d in rows)
    # 261 weekdays in 2026, 18 national days off on weekdays, minus/plus the two entries.
    weekdays_off = sum(1 for d in national_days(2026) if d.date.weekday() < 5)
    assert services.working_days_in(2026) == 261 - weekdays_off + 1 - 1
