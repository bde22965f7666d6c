from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ppid.worktime.constants import DayKind


class CalendarDay(models.Model):
    """The agency's own entry for a date. It overrides the national list for that date.

    National holidays and cuti bersama are not stored: they come from the `holidays` package.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True,
                            help_text=_("For example the number of the decree."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True)
                | Q(opens__isnull=False, closes__isnull=False, opens__lt=models.F("closes")),
                name="calendar_day_hours_pair",
            ),
            models.CheckConstraint(
                condition=~Q(kind=DayKind.SHORT_HOURS) | Q(opens__isnull=False),
                name="calendar_day_short_hours_need_hours",
            ),
            models.CheckConstraint(
                condition=Q(opens__isnull=True)
                | Q(kind__in=[DayKind.SHORT_HOURS, DayKind.WORKING_DAY]),
                name="calendar_day_hours_only_when_working",
            ),
        ]

    def __str__(self) -> str:
        label = self.name or self.get_kind_display()
        return f"{self.date:%Y-%m-%d} {label}"


class CalendarYear(models.Model):
    """An administrator's confirmation that a year's calendar (incl. cuti bersama) is checked."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    confirmed_at = models.DateTimeField(_("confirmed at"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("confirmed by"),
    )

    class Meta:
        verbose_name = _("confirmed calendar year")
        verbose_name_plural = _("confirmed calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)
