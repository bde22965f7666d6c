"""The working-time calendar page. Thin: every rule lives in ppid.worktime.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.core.errors import InvalidInput
from ppid.workspace.auth import staff_required
from ppid.worktime import services
from ppid.worktime.forms import CalendarDayForm


def _year_url(year: int) -> str:
    return f"{reverse('worktime:calendar')}?year={year}"


@staff_required
def calendar(request):
    today = timezone.localdate()
    year = today.year
    if request.GET.get("year"):
        try:
            year = services.check_year(request.GET["year"])
        except InvalidInput as exc:
            messages.error(request, str(exc.message))
    can_manage = services.may_manage(request.user)
    form = CalendarDayForm(initial={"date": None})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Only an administrator may change the working-day calendar."))
        form = CalendarDayForm(request.POST)
        if form.is_valid():
            try:
                entry = services.add_entry(request.user, form.cleaned_data, request=request)
            except InvalidInput as exc:
                exc.add_to_form(form)
            else:
                messages.success(request, _("%(date)s added to the calendar.") % {
                    "date": entry.date.strftime("%d-%m-%Y")})
                return redirect(_year_url(entry.date.year))
        if form.is_bound and form.cleaned_data.get("date"):
            year = form.cleaned_data["date"].year
    work = services.work_calendar(request.agency)
    return render(request, "worktime/calendar.html", {
        "year": year,
        "years": range(max(year - 2, services.MIN_YEAR), min(year + 3, services.MAX_YEAR + 1)),
        "today": today,
        "rows": services.year_rows(year, work),
        "working_days": services.working_days_in(year, work),
        "hours": services.office_hours_summary(request.agency),
        "confirmation": services.year_confirmation(year),
        "warnings": services.calendar_warnings(today, request.agency),
        "can_manage": can_manage,
        "form": form,
        "time_zone": work.tz.key,
    })


@staff_required
@require_POST
def remove_entry(request, pk: int):
    entry = services.remove_entry(request.user, pk, request=request)
    messages.success(request, _("The entry for %(date)s was removed.") % {
        "date": entry.date.strftime("%d-%m-%Y")})
    return redirect(_year_url(entry.date.year))


@staff_required
@require_POST
def confirm_year(request):
    try:
        confirmation = services.confirm_year(request.user, request.POST.get("year"),
                                             request=request)
    except InvalidInput as exc:
        messages.error(request, str(exc.message))
        return redirect("worktime:calendar")
    messages.success(request, _("The calendar of %(year)s is confirmed.") % {
        "year": confirmation.year})
    return redirect(_year_url(confirmation.year))
