"""The agency's working-time calendar: building a WorkCalendar, editing entries, confirming years.

Every change is checked here (MANAGE_AGENCY) and lands in the audit log with the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.constants import TimeZone, Weekday
from ppid.core.errors import InvalidInput, NotAllowed, NotFound
from ppid.core.i18n import LazyText
from ppid.core.models import Agency
from ppid.worktime.calendar import (
    NationalDay,
    Override,
    WorkCalendar,
    national_days,
    national_holiday_names,
)
from ppid.worktime.constants import CLOSED_KINDS, NEXT_YEAR_WARNING_FROM, DayKind
from ppid.worktime.models import CalendarDay, CalendarYear

# Used only when the agency has not entered any office hours (the OfficeHours defaults).
DEFAULT_OFFICE_HOURS = {weekday: (time(8, 0), time(16, 0)) for weekday in range(5)}
MIN_YEAR, MAX_YEAR = 2000, 2100
EDITABLE_FIELDS = ("date", "kind", "name", "opens", "closes", "note")


def _language() -> str:
    return (get_language() or "id")[:2]


def office_hours_of(agency: Agency | None) -> dict[int, tuple[time, time]]:
    """weekday -> (opens, closes) as entered in the agency settings; {} when none."""
    if agency is None or agency.pk is None:
        return {}
    return {h.weekday: (h.opens, h.closes) for h in agency.office_hours.all()}


def work_calendar(agency: Agency | None = None) -> WorkCalendar:
    """The agency's calendar: its zone and office hours, the national list, its own entries.

    Without any office hours entered, Monday–Friday 08:00–16:00 is assumed (and
    `calendar_warnings` says so). Holiday names follow the active language.
    """
    agency = agency if agency is not None else Agency.current()
    tz = agency.time_zone if agency is not None and agency.time_zone else TimeZone.WIB
    hours = office_hours_of(agency) or DEFAULT_OFFICE_HOURS
    overrides = {
        entry.date: Override(entry.kind, entry.name, entry.opens, entry.closes)
        for entry in CalendarDay.objects.all()
    }
    language = _language()
    return WorkCalendar(tz, hours, overrides,
                        national=lambda year: national_holiday_names(year, language))


# --- warnings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarWarning:
    code: str  # "year_unconfirmed", "next_year_unconfirmed", "no_office_hours", "no_cuti_bersama"
    message: str  # lazy translation
    year: int | None = None


def calendar_warnings(today: date | None = None, agency: Agency | None = None
                      ) -> list[CalendarWarning]:
    """What an administrator should look at: unconfirmed years, missing office hours.

    The current year must be confirmed; from 1 October on, next year as well.
    """
    if today is None:
        today = timezone.localdate()
    agency = agency if agency is not None else Agency.current()
    warnings: list[CalendarWarning] = []
    if not office_hours_of(agency):
        warnings.append(CalendarWarning("no_office_hours", _(
            "No office hours are set for the agency: Monday to Friday 08:00–16:00 is assumed. "
            "Set them in the agency settings.")))
    years = [today.year]
    if (today.month, today.day) >= NEXT_YEAR_WARNING_FROM:
        years.append(today.year + 1)
    confirmed = set(CalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
    for year in years:
        if year in confirmed:
            continue
        if year == today.year:
            message = _("The working-day calendar of %(year)s has not been confirmed. Check the "
                        "holidays and the cuti bersama decree, then confirm the year.")
            code = "year_unconfirmed"
        else:
            message = _("The working-day calendar of next year (%(year)s) has not been confirmed "
                        "yet. Check the holidays and the cuti bersama decree, then confirm it.")
            code = "next_year_unconfirmed"
        warnings.append(CalendarWarning(code, LazyText(message, {"year": year}), year))
    return warnings


# --- the year view ----------------------------------------------------------------------------


@dataclass
class YearRow:
    """One date of the year view: a national day, an agency entry, or both."""

    date: date
    national: NationalDay | None
    entry: CalendarDay | None
    working: bool
    hours: tuple[time, time] | None
    weekend: bool  # no regular office hours on that weekday

    @property
    def source(self) -> str:
        return "agency" if self.entry is not None else "national"


def check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InvalidInput(_("The year must be a number.")) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(LazyText(_("The year must be between %(min)s and %(max)s."),
                                    {"min": MIN_YEAR, "max": MAX_YEAR}))
    return year


def year_rows(year: int, calendar: WorkCalendar | None = None) -> list[YearRow]:
    """Every national day and every agency entry of the year, by date."""
    calendar = calendar or work_calendar()
    nationals = {day.date: day for day in national_days(year, _language())}
    entries = {e.date: e for e in CalendarDay.objects.filter(date__year=year)
               .select_related("created_by")}
    rows = []
    for d in sorted(nationals.keys() | entries.keys()):
        hours = calendar.hours_on(d)
        rows.append(YearRow(d, nationals.get(d), entries.get(d), hours is not None, hours,
                            d.weekday() not in calendar.office_hours))
    return rows


def working_days_in(year: int, calendar: WorkCalendar | None = None) -> int:
    calendar = calendar or work_calendar()
    day, count = date(year, 1, 1), 0
    while day.year == year:
        count += calendar.is_working_day(day)
        day += timedelta(days=1)
    return count


def office_hours_summary(
    agency: Agency | None = None,
) -> list[tuple[str, tuple[time, time] | None]]:
    """(weekday label, hours or None) Monday..Sunday, as the calendar uses them."""
    agency = agency if agency is not None else Agency.current()
    hours = office_hours_of(agency) or DEFAULT_OFFICE_HOURS
    return [(label, hours.get(value)) for value, label in Weekday.choices]


def year_confirmation(year: int) -> CalendarYear | None:
    return CalendarYear.objects.filter(year=year).select_related("confirmed_by").first()


# --- changes ----------------------------------------------------------------------------------


def may_manage(user) -> bool:
    return Access.for_user(user).can(C.MANAGE_AGENCY)


def _require_manage(user) -> None:
    if not may_manage(user):
        raise NotAllowed(_("Only an administrator may change the working-day calendar."))


def snapshot(entry: CalendarDay) -> dict:
    return {
        "date": entry.date.isoformat(),
        "kind": entry.kind,
        "name": entry.name,
        "opens": entry.opens.strftime("%H:%M") if entry.opens else None,
        "closes": entry.closes.strftime("%H:%M") if entry.closes else None,
        "note": entry.note,
    }


def _validate(entry: CalendarDay, calendar: WorkCalendar) -> None:
    errors: dict[str, list] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if entry.date is None:
        add("date", _("This field is required."))
    elif not MIN_YEAR <= entry.date.year <= MAX_YEAR:
        add("date", LazyText(_("The date must fall between %(min)s and %(max)s."),
                             {"min": MIN_YEAR, "max": MAX_YEAR}))
    if entry.kind not in DayKind.values:
        add("kind", _("Choose what kind of day this is."))
    has_opens, has_closes = entry.opens is not None, entry.closes is not None
    if entry.kind in CLOSED_KINDS:
        if has_opens or has_closes:
            add("opens", _("A holiday has no office hours: leave the times empty."))
        if not entry.name.strip():
            add("name", _("Give the holiday a name, for example “Hari Jadi Kabupaten”."))
    elif entry.kind == DayKind.SHORT_HOURS and not (has_opens and has_closes):
        if not has_opens:
            add("opens", _("Enter the opening time of that day."))
        if not has_closes:
            add("closes", _("Enter the closing time of that day."))
    elif has_opens != has_closes:
        add("opens" if not has_opens else "closes",
            _("Enter both the opening and the closing time, or neither."))
    if has_opens and has_closes and not entry.opens < entry.closes:
        add("closes", _("The office must close after it opens."))
    if (entry.kind == DayKind.WORKING_DAY and entry.date is not None and not errors
            and not has_opens):
        if entry.date.weekday() not in calendar.office_hours:
            add("opens", _("The office has no regular hours on this weekday: enter the hours "
                           "it is open that day."))
        elif calendar.national_name(entry.date) is None:
            add("date", _("This date is already a working day; an override is only needed "
                          "for a national holiday or cuti bersama."))
    if entry.date is not None and CalendarDay.objects.filter(date=entry.date).exists():
        add("date", _("This date already has an entry. Remove it first to replace it."))
    if errors:
        raise InvalidInput(_("Please correct the fields marked below."), field_errors=errors)


def add_entry(user, data: dict, request=None) -> CalendarDay:
    """Add the agency's entry for one date (a holiday, cuti bersama, override or short hours)."""
    _require_manage(user)
    entry = CalendarDay(**{k: v for k, v in data.items() if k in EDITABLE_FIELDS})
    entry.name = (entry.name or "").strip()
    entry.note = (entry.note or "").strip()
    entry.created_by = user
    _validate(entry, work_calendar())
    try:
        with transaction.atomic():
            entry.save()
            audit.record(Action.CREATE, actor=user, obj=entry, after=snapshot(entry),
                         request=request)
    except IntegrityError:  # a concurrent entry for the same date
        raise InvalidInput(_("Please correct the fields marked below."), field_errors={
            "date": [_("This date already has an entry. Remove it first to replace it.")]
        }) from None
    return entry


def remove_entry(user, pk: int, request=None) -> CalendarDay:
    """Remove an agency entry: the date falls back to the national list and office hours."""
    _require_manage(user)
    with transaction.atomic():
        entry = CalendarDay.objects.select_for_update().filter(pk=pk).first()
        if entry is None:
            raise NotFound(_("This calendar entry does not exist."))
        before = snapshot(entry)
        audit.record(Action.DELETE, actor=user, obj=entry, before=before, request=request)
        entry.delete()
    return entry


def confirm_year(user, year, request=None) -> CalendarYear:
    """Record that an administrator checked the year's calendar (again)."""
    _require_manage(user)
    year = check_year(year)
    with transaction.atomic():
        confirmation = CalendarYear.objects.select_for_update().filter(year=year).first()
        before = None
        if confirmation is None:
            confirmation = CalendarYear(year=year)
        else:
            before = {"confirmed_at": confirmation.confirmed_at,
                      "confirmed_by": confirmation.confirmed_by_id}
        confirmation.confirmed_at = timezone.now()
        confirmation.confirmed_by = user
        confirmation.save()
        audit.record(Action.CREATE if before is None else Action.UPDATE, actor=user,
                     obj=confirmation, object_repr=f"Kalender kerja {year}", before=before,
                     after={"year": year, "confirmed_at": confirmation.confirmed_at,
                            "confirmed_by": user.pk},
                     request=request)
    return confirmation
