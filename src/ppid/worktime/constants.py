from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """What an agency calendar entry says about a date."""

    HOLIDAY = "holiday", _("Holiday")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    WORKING_DAY = "working_day", _("Working day after all")
    SHORT_HOURS = "short_hours", _("Different office hours")


# Kinds that make a day a non-working day.
CLOSED_KINDS = frozenset({DayKind.HOLIDAY, DayKind.CUTI_BERSAMA})


class TimeUnit(models.TextChoices):
    """Units of a time standard (Waktu, Mutu Baku)."""

    MINUTES = "minutes", _("minutes (office hours)")
    HOURS = "hours", _("hours (office hours)")
    DAYS = "days", _("calendar days")
    WORKING_DAYS = "working_days", _("working days")


# From this day of the year on, next year's calendar should be confirmed.
NEXT_YEAR_WARNING_FROM = (10, 1)  # (month, day)
