"""Berkala refresh: month arithmetic, the period (item or agency), stale items in the database
matching the rule item by item, flagging once per staleness, confirming, and the dashboard."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.constants import Role
from ppid.core.errors import Conflict, NotAllowed
from ppid.core.models import Notification
from ppid.core.tests.factories import PositionFactory, UserFactory
from ppid.publication import refresh
from ppid.publication.models import RefreshReminder
from ppid.register.constants import Category, Status

pytestmark = pytest.mark.django_db

WITA = zoneinfo.ZoneInfo("Asia/Makassar")  # the test agency's zone


def at(y, m, d, hour=10) -> datetime:
    return datetime(y, m, d, hour, tzinfo=WITA)


@pytest.fixture
def berkala(make_item):
    def make(refreshed: datetime | None, **kwargs):
        kwargs.setdefault("status", Status.PUBLISHED)
        kwargs.setdefault("category", Category.PERIODIC)
        kwargs.setdefault("published_at", refreshed)
        return make_item(refreshed_at=refreshed, **kwargs)

    return make


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2025, 8, 31), 6, date(2026, 2, 28)),
    (date(2025, 12, 15), 1, date(2026, 1, 15)),
    (date(2025, 7, 1), 6, date(2026, 1, 1)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
    (date(2026, 1, 10), -2, date(2025, 11, 10)),
])
def test_add_months(start, months, expected):
    assert refresh.add_months(start, months) == expected


def test_period_is_the_items_or_the_agencys(agency, berkala):
    default = berkala(at(2026, 1, 10))
    own = berkala(at(2026, 1, 10), refresh_months=3)
    assert refresh.period_months(default) == 6
    assert refresh.due_date(default) == date(2026, 7, 10)
    assert refresh.period_months(own) == 3
    assert refresh.due_date(own) == date(2026, 4, 10)
    agency.periodic_refresh_months = 4
    agency.save()
    assert refresh.due_date(default) == date(2026, 5, 10)
    assert refresh.due_date(own) == date(2026, 4, 10)


def test_due_date_counts_in_the_agency_zone(agency, berkala):
    # 31 Jan 2026 20:00 UTC is already 1 Feb in WITA.
    item = berkala(datetime(2026, 1, 31, 20, tzinfo=zoneinfo.ZoneInfo("UTC")), refresh_months=1)
    assert refresh.due_date(item) == date(2026, 3, 1)


def test_published_at_when_never_refreshed(berkala):
    item = berkala(None, published_at=at(2026, 1, 5))
    assert refresh.due_date(item) == date(2026, 7, 5)
    assert not refresh.is_stale(item, date(2026, 7, 5))
    assert refresh.is_stale(item, date(2026, 7, 6))


def test_only_published_berkala_items_go_stale(berkala, make_item):
    old = at(2024, 1, 1)
    stale = berkala(old)
    others = [
        berkala(old, category=Category.ON_REQUEST),
        berkala(old, category=Category.IMMEDIATE),
        berkala(old, status=Status.WITHDRAWN),
        berkala(old, status=Status.DOCUMENTED),
        make_item(category=Category.EXEMPT, exemption_ground="17h", status=Status.DOCUMENTED,
                  refreshed_at=old),
    ]
    today = date(2026, 3, 1)
    assert list(refresh.stale_items(today)) == [stale]
    assert refresh.is_stale(stale, today)
    assert not any(refresh.is_stale(i, today) for i in others)


def test_database_agrees_with_the_rule_day_by_day(agency, berkala):
    """Month ends, leap years and every period: the query lists exactly the stale items."""
    items = []
    day = date(2025, 7, 25)
    while day <= date(2025, 9, 3):
        for months in (None, 1, 2, 6):
            items.append(berkala(datetime(day.year, day.month, day.day, 23, 30, tzinfo=WITA),
                                 refresh_months=months))
        day += timedelta(days=3)
    for today in [date(2025, 9, 28) + timedelta(days=n) for n in range(0, 160, 4)]:
        expected = {i.pk for i in items if refresh.is_stale(i, today)}
        assert set(refresh.stale_items(today).values_list("pk", flat=True)) == expected, today


def test_state_and_due_soon(berkala):
    item = berkala(at(2026, 1, 10))
    state = refresh.state(item, date(2026, 6, 20))
    assert (state.due_on, state.stale, state.days_left, state.due_soon) == (
        date(2026, 7, 10), False, 20, True)
    late = refresh.state(item, date(2026, 7, 15))
    assert (late.stale, late.days_overdue) == (True, 5)
    assert list(refresh.due_items(date(2026, 6, 20))) == [item]
    assert list(refresh.due_items(date(2026, 6, 5))) == []


# --------------------------------------------------------------------------------------------
# Flagging
# --------------------------------------------------------------------------------------------


def test_flag_once_per_staleness_and_again_after_a_refresh_goes_stale(people, units, berkala,
                                                                     monkeypatch):
    other_unit = UserFactory(username="officer_b")
    PositionFactory(user=other_unit, unit=units["b"], role=Role.UNIT_OFFICER)
    top_ppid = UserFactory(username="unitppid_top")  # a unit PPID above unit A: told too
    PositionFactory(user=top_ppid, unit=units["top"], role=Role.UNIT_PPID)
    item = berkala(at(2025, 6, 1), title="Laporan Kinerja Semester I")
    current = berkala(at(2026, 5, 1))
    result = refresh.flag_stale(date(2026, 1, 5))
    assert result == {"stale": 1, "flagged": 1, "notified": 4}
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {"ppid", "officer", "unitppid", "unitppid_top"}
    note = Notification.objects.filter(user=people["ppid"]).get()
    assert "Laporan Kinerja Semester I" in note.body
    assert note.link == reverse("publication:refresh")
    reminder = RefreshReminder.objects.get(item=item)
    assert reminder.for_refreshed_at == item.refreshed_at
    # Still stale the next day: nobody is told twice.
    assert refresh.flag_stale(date(2026, 1, 6)) == {"stale": 1, "flagged": 0, "notified": 0}
    assert Notification.objects.count() == 4
    # Confirmed current: no longer stale ...
    refresh.confirm_current(people["officer"], item)
    item.refresh_from_db()
    assert not refresh.is_stale(item, refresh.today_local())
    # ... until its period passes again: flagged again.
    current.delete()
    later = refresh.due_date(item) + timedelta(days=1)
    assert refresh.flag_stale(later) == {"stale": 1, "flagged": 1, "notified": 4}
    assert Notification.objects.count() == 8
    assert RefreshReminder.objects.get(item=item).for_refreshed_at == item.refreshed_at


def test_flag_stale_with_nothing_stale(people, berkala):
    berkala(timezone.now())
    assert refresh.flag_stale() == {"stale": 0, "flagged": 0, "notified": 0}


# --------------------------------------------------------------------------------------------
# Confirming
# --------------------------------------------------------------------------------------------


def test_confirm_current(people, units, berkala, make_item):
    item = berkala(at(2025, 1, 1))
    before = item.updated_at
    for name in ("head", "superior", "admin"):
        with pytest.raises(NotAllowed):
            refresh.confirm_current(people[name], item)
    outsider = UserFactory(username="officer_b")
    PositionFactory(user=outsider, unit=units["b"], role=Role.UNIT_OFFICER)
    with pytest.raises(NotAllowed):
        refresh.confirm_current(outsider, item)
    for name in ("officer", "unit_ppid", "web", "ppid"):
        refresh.confirm_current(people[name], item, note="Masih berlaku")
    item.refresh_from_db()
    assert timezone.now() - item.refreshed_at < timedelta(minutes=1)
    assert item.updated_at == before  # the portal's copy did not change
    event = AuditEvent.objects.filter(action=Action.REFRESH_CONFIRM).latest("sequence")
    assert event.after["note"] == "Masih berlaku" and event.actor == people["ppid"]
    draft = make_item(category=Category.PERIODIC, status=Status.DOCUMENTED)
    with pytest.raises(Conflict):
        refresh.confirm_current(people["ppid"], draft)


# --------------------------------------------------------------------------------------------
# The dashboard
# --------------------------------------------------------------------------------------------


def test_dashboard_lists_stale_and_soon_due_by_unit(client, people, units, berkala):
    stale_a = berkala(at(2024, 1, 1), title="Stale di Bidang A")
    soon_b = berkala(timezone.now() - timedelta(days=170), title="Segera di Bidang B",
                     holder_unit=units["b"])
    berkala(timezone.now(), title="Baru saja diperbarui")
    client.force_login(people["ppid"])
    page = client.get(reverse("publication:refresh")).content.decode()
    assert "Stale di Bidang A" in page and "Segera di Bidang B" in page
    assert "Baru saja diperbarui" not in page
    assert reverse("publication:refresh_confirm", args=[stale_a.pk]) in page
    filtered = client.get(reverse("publication:refresh"), {"unit": units["b"].pk})
    assert "Stale di Bidang A" not in filtered.content.decode()
    # Unit staff see their own units only.
    client.force_login(people["officer"])
    own = client.get(reverse("publication:refresh")).content.decode()
    assert "Stale di Bidang A" in own and "Segera di Bidang B" not in own
    assert soon_b.pk


def test_confirm_from_the_dashboard(client, people, berkala):
    item = berkala(at(2024, 1, 1))
    client.force_login(people["officer"])
    response = client.post(reverse("publication:refresh_confirm", args=[item.pk]),
                           {"next": reverse("publication:refresh"), "note": "Dicek"})
    assert response.url == reverse("publication:refresh")
    item.refresh_from_db()
    assert not refresh.is_stale(item)
    evil = client.post(reverse("publication:refresh_confirm", args=[item.pk]),
                       {"next": "https://evil.example/"})
    assert evil.url == reverse("workspace:item", args=[item.pk])


def test_item_page_shows_refresh_state(client, people, berkala):
    item = berkala(at(2024, 1, 1))
    client.force_login(people["officer"])
    page = client.get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert 'id="berkala"' in page and "refresh-badge-stale" in page
    assert reverse("publication:refresh_confirm", args=[item.pk]) in page


def test_api_confirm_and_due_list(client, people, berkala, token_for):
    item = berkala(at(2024, 1, 1))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for(people['ppid'])}"}
    due = client.get("/api/v1/periodic/due", **auth).json()
    assert [row["item_id"] for row in due] == [item.pk] and due[0]["stale"]
    response = client.post(f"/api/v1/items/{item.pk}/confirm-current", {"note": "ok"},
                           content_type="application/json", **auth)
    assert response.status_code == 200 and not response.json()["stale"]
    detail = client.get(f"/api/v1/items/{item.pk}", **auth).json()
    assert detail["refreshed_at"] and detail["refresh_months"] is None
    patched = client.patch(f"/api/v1/items/{item.pk}", {"refresh_months": 3},
                           content_type="application/json", **auth)
    assert patched.status_code == 200 and patched.json()["refresh_months"] == 3
