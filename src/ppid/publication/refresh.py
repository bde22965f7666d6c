"""Berkala information is refreshed at least every 6 months (Pasal 9 UU 14/2008).

An item's period is its own `refresh_months`, else the agency's `periodic_refresh_months`
(default 6). It falls due that many months after it was last refreshed (`refreshed_at`: set on
publishing, on each new document version and when staff confirm it is still current), or after
it was published. Past the due date it is stale: flagged once to its unit and the PPID (again
only after a refresh that later goes stale too) and listed on the berkala dashboard.

Dates are counted in the agency's time zone.
"""

from __future__ import annotations

import calendar
import hashlib
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core import notifications
from ppid.core.access import ALL_UNITS, Access
from ppid.core.constants import ROLE_CAPABILITIES, UNIT_SCOPED_ROLES, Role
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, NotAllowed
from ppid.core.models import Agency, Position, Unit
from ppid.publication.models import RefreshReminder
from ppid.register import services as register
from ppid.register.constants import Category, Status
from ppid.register.models import InformationItem

DEFAULT_MONTHS = 6
# The dashboard also lists what falls due this soon.
DUE_SOON_DAYS = 30
# A notification names at most this many items; the dashboard has them all.
NOTIFY_LIST_LIMIT = 15


# --------------------------------------------------------------------------------------------
# Dates.
# --------------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), at the month's end if that month is shorter:
    31 August + 6 months = 28 (or 29) February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _zone():
    agency = Agency.current()
    return zoneinfo.ZoneInfo(agency.time_zone) if agency else timezone.get_current_timezone()


def today_local() -> date:
    return timezone.localdate(timezone.now(), _zone())


def default_months(agency: Agency | None = None) -> int:
    agency = agency if agency is not None else Agency.current()
    return (agency.periodic_refresh_months if agency else None) or DEFAULT_MONTHS


def period_months(item: InformationItem, agency: Agency | None = None) -> int:
    return item.refresh_months or default_months(agency)


def last_refreshed(item: InformationItem) -> datetime | None:
    return item.refreshed_at or item.published_at


def due_date(item: InformationItem, agency: Agency | None = None, zone=None) -> date | None:
    """The last day the item counts as current (None: never published)."""
    base = last_refreshed(item)
    if base is None:
        return None
    return add_months(timezone.localdate(base, zone or _zone()), period_months(item, agency))


def is_stale(item: InformationItem, today: date | None = None) -> bool:
    """A published berkala item past its due date."""
    if item.status != Status.PUBLISHED or item.category != Category.PERIODIC:
        return False
    due = due_date(item)
    return due is not None and due < (today or today_local())


@dataclass
class RefreshState:
    period_months: int
    last_refreshed: datetime | None
    due_on: date | None
    stale: bool
    days_left: int | None  # negative when overdue

    @property
    def days_overdue(self) -> int:
        return max(0, -(self.days_left or 0))

    @property
    def due_soon(self) -> bool:
        return (not self.stale and self.days_left is not None
                and self.days_left <= DUE_SOON_DAYS)


def state(item: InformationItem, today: date | None = None, agency: Agency | None = None,
          zone=None) -> RefreshState:
    agency = agency if agency is not None else Agency.current()
    zone = zone or _zone()
    today = today or timezone.localdate(timezone.now(), zone)
    due = due_date(item, agency, zone)
    return RefreshState(
        period_months=period_months(item, agency),
        last_refreshed=last_refreshed(item),
        due_on=due,
        stale=(item.status == Status.PUBLISHED and item.category == Category.PERIODIC
               and due is not None and due < today),
        days_left=(due - today).days if due is not None else None,
    )


# --------------------------------------------------------------------------------------------
# In the database.
# --------------------------------------------------------------------------------------------


def _first_base_date_due_on_or_after(day: date, months: int) -> date:
    """The earliest refresh date whose due date is `day` or later.

    `add_months` never decreases, so "due before `day`" is exactly "refreshed before this date".
    """
    cutoff = add_months(day, -months)
    while add_months(cutoff, months) < day:
        cutoff += timedelta(days=1)
    while add_months(cutoff - timedelta(days=1), months) >= day:
        cutoff -= timedelta(days=1)
    return cutoff


def periodic_items() -> QuerySet[InformationItem]:
    """Published berkala items, with their period and last refresh computed in the database."""
    return (register.public_items().filter(category=Category.PERIODIC)
            .annotate(refresh_base=Coalesce(F("refreshed_at"), F("published_at")),
                      refresh_period=Coalesce(F("refresh_months"), Value(default_months()),
                                              output_field=IntegerField())))


def _due_before(queryset: QuerySet, day: date) -> QuerySet:
    """Items of `periodic_items()` whose due date is before `day`: one condition per period."""
    zone = _zone()
    periods = {p for p in queryset.order_by().values_list("refresh_period", flat=True)
               .distinct() if p}
    condition = Q(pk__in=[])
    for months in sorted(periods):
        cutoff = _first_base_date_due_on_or_after(day, months)
        start = datetime.combine(cutoff, time.min, tzinfo=zone)
        condition |= Q(refresh_period=months, refresh_base__lt=start)
    return queryset.filter(condition)


def stale_items(today: date | None = None) -> QuerySet[InformationItem]:
    """Published berkala items past their due date."""
    return _due_before(periodic_items(), today or today_local())


def due_items(today: date | None = None, within_days: int = DUE_SOON_DAYS):
    """Stale items and those falling due within `within_days` days."""
    today = today or today_local()
    return _due_before(periodic_items(), today + timedelta(days=within_days + 1))


# --------------------------------------------------------------------------------------------
# Confirming an item is still current.
# --------------------------------------------------------------------------------------------


def may_confirm(user, item: InformationItem) -> bool:
    """Its unit's staff (who edit it) and the publishers may confirm it is still current."""
    if item.status != Status.PUBLISHED or item.category == Category.EXEMPT:
        return False
    access = Access.for_user(user)
    return (access.can(C.PUBLISH, item.holder_unit_id)
            or access.can(C.EDIT_ITEMS, item.holder_unit_id))


def confirm_current(user, item: InformationItem, note: str = "",
                    request=None) -> InformationItem:
    """The item was checked and is still current: its refresh period starts again now."""
    if not register.staff_items(user).filter(pk=item.pk).exists():
        raise NotAllowed(_("You may not handle this information."))
    with transaction.atomic():
        item = InformationItem.objects.select_for_update().get(pk=item.pk)
        if item.status != Status.PUBLISHED:
            raise Conflict(_("Only published information can be confirmed as current."))
        if not may_confirm(user, item):
            raise NotAllowed(_("Only the unit's staff, the PPID or the web manager may confirm "
                               "that this information is current."))
        before = item.refreshed_at
        item.refreshed_at = timezone.now()
        # Only the refresh date: nothing the portal or the change feed shows has changed.
        InformationItem.objects.filter(pk=item.pk).update(refreshed_at=item.refreshed_at)
        audit.record(Action.REFRESH_CONFIRM, actor=user, obj=item, request=request,
                     before={"refreshed_at": before},
                     after={"refreshed_at": item.refreshed_at, "note": (note or "").strip()})
    return item


# --------------------------------------------------------------------------------------------
# Flagging stale items (daily, publication.tasks.flag_stale_periodic).
# --------------------------------------------------------------------------------------------


def flag_stale(today: date | None = None) -> dict:
    """Notify each stale item's unit staff and the PPID once per staleness; returns counts."""
    today = today or today_local()
    stale = list(stale_items(today).select_related("holder_unit").order_by("holder_unit", "pk"))
    known = {r.item_id: r for r in RefreshReminder.objects.filter(
        item_id__in=[i.pk for i in stale])}
    new = [i for i in stale if i.pk not in known
           or known[i.pk].for_refreshed_at != i.refresh_base]
    if not new:
        return {"stale": len(stale), "flagged": 0, "notified": 0}
    recipients = _recipients({i.holder_unit_id for i in new})
    per_user: dict[int, list[InformationItem]] = {}
    users = {}
    for item in new:
        for user in recipients.get(item.holder_unit_id, ()):
            users[user.pk] = user
            per_user.setdefault(user.pk, []).append(item)
    now = timezone.now()
    notified = 0
    with transaction.atomic():
        for item in new:
            RefreshReminder.objects.update_or_create(
                item=item, defaults={"for_refreshed_at": item.refresh_base, "notified_at": now})
        with translation.override(settings.LANGUAGE_CODE):  # stored in the agency's language
            for user_id, items in per_user.items():
                notified += _notify(users[user_id], items, today)
    return {"stale": len(stale), "flagged": len(new), "notified": notified}


def _notify(user, items: list[InformationItem], today: date) -> int:
    agency, zone = Agency.current(), _zone()
    lines = []
    for item in items[:NOTIFY_LIST_LIMIT]:
        due = due_date(item, agency, zone)
        lines.append(f"- {item.title} ({item.holder_unit.name}; "
                     + str(_("due %(date)s") % {"date": due.isoformat() if due else "—"}) + ")")
    if len(items) > NOTIFY_LIST_LIMIT:
        lines.append(str(_("… and %(n)s more.") % {"n": len(items) - NOTIFY_LIST_LIMIT}))
    subject = ngettext(
        "%(n)s periodic (berkala) item is past its refresh period",
        "%(n)s periodic (berkala) items are past their refresh period", len(items),
    ) % {"n": len(items)}
    body = "\n".join([str(_("Refresh these items (upload a new version) or confirm that they "
                            "are still current:")), *lines])
    fingerprint = hashlib.sha256("|".join(
        f"{i.pk}:{i.refresh_base.isoformat() if i.refresh_base else ''}"
        for i in sorted(items, key=lambda i: i.pk)).encode()).hexdigest()[:40]
    return notifications.notify([user], subject, body=body, link=reverse("publication:refresh"),
                                key=f"refresh-stale:{fingerprint}")


def _recipients(unit_ids: set[int]) -> dict[int, list]:
    """holder unit id -> users to tell: the PPID, and the unit's own staff who edit items."""
    unit_roles = [r for r in UNIT_SCOPED_ROLES if C.EDIT_ITEMS in ROLE_CAPABILITIES[r]]
    positions = list(Position.objects.filter(
        active=True, user__is_active=True, role__in=[*unit_roles, Role.PPID],
    ).select_related("user"))
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    result = {}
    for unit_id in unit_ids:
        chain, current = set(), unit_id
        while current is not None and current not in chain:  # the unit and those above it
            chain.add(current)
            current = parents.get(current)
        users = {p.user.pk: p.user for p in positions
                 if p.role == Role.PPID or p.unit_id in chain}
        result[unit_id] = list(users.values())
    return result


# --------------------------------------------------------------------------------------------
# The dashboard.
# --------------------------------------------------------------------------------------------


def dashboard_units(user):
    """Units whose items this user sees on the dashboard (ALL_UNITS: all of them)."""
    return Access.for_user(user).units_for(C.VIEW_REGISTER)


def dashboard_items(user, today: date | None = None, unit: int | None = None,
                    within_days: int = DUE_SOON_DAYS) -> QuerySet[InformationItem]:
    """Stale and soon-due berkala items this user sees: unit staff their own units only."""
    items = due_items(today, within_days).filter(pk__in=register.staff_items(user).values("pk"))
    units = dashboard_units(user)
    if units is not ALL_UNITS:
        items = items.filter(holder_unit_id__in=list(units))
    if unit:
        items = items.filter(holder_unit_id=unit)
    return items.select_related("holder_unit").order_by("refresh_base", "pk")


def stale_count_for(user, today: date | None = None) -> int:
    return dashboard_items(user, today, within_days=-1).count()
