"""Exemption periods: working days left, the daily review and its scheduled job.

Dates checked against `holidays.country_holidays("ID", categories=("public", "government"))`:
2026-03-18 (cuti bersama Nyepi), 03-19 (Nyepi), 03-20, 03-23, 03-24 (cuti bersama Idulfitri);
2026-05-14 (Ascension), 05-15 (cuti bersama); 2026-06-16 (Islamic New Year);
2026-12-24 (cuti bersama Christmas), 12-25; 2027-01-01 (New Year), 2027-01-05 (Isra Mi'raj).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core import schedule
from ppid.core.errors import ServiceError
from ppid.core.models import Notification
from ppid.exemptions import services, tasks
from ppid.exemptions.constants import DecisionKind, HarmTestStatus
from ppid.exemptions.models import ExemptionDecision
from ppid.exemptions.tests.factories import DecisionFactory, HarmTestFactory
from ppid.register.constants import Category, ExemptionGround, Status
from ppid.register.tests.factories import ExemptItemFactory
from ppid.worktime.constants import DayKind
from ppid.worktime.models import CalendarDay

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)  # a Monday; 16 June 2026 is Islamic New Year
END_IN_30 = date(2026, 7, 28)  # 30 working days after TODAY (31 weekdays minus 16 June)
END_IN_31 = date(2026, 7, 29)


@pytest.fixture(autouse=True)
def _agency(agency):
    agency.city = "Banjarbaru"
    agency.save()
    return agency


@pytest.fixture
def exempt(units):
    """An exempt item of unit A with (by default) a signed decision."""

    def make(until, *, decided=True, **kwargs):
        kwargs.setdefault("exemption_ground", ExemptionGround.C)
        kwargs.setdefault("holder_unit", units["a"])
        item = ExemptItemFactory(exemption_until=until, **kwargs)
        if decided:
            DecisionFactory(item=item, decided_on=date(2026, 1, 5))
        return item

    return make


def _keys(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("key", flat=True))


# --------------------------------------------------------------------------------------------
# Working days left
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("today", "end", "expected"), [
    # Fri 13 March -> Fri 27 March 2026: Nyepi, and cuti bersama around it and Idulfitri.
    (date(2026, 3, 13), date(2026, 3, 27), 5),
    # Ends on a cuti bersama day: that day does not count.
    (date(2026, 5, 12), date(2026, 5, 15), 1),
    # Across the year: 24–25 December, 1 and 5 January are closed.
    (date(2026, 12, 21), date(2027, 1, 8), 10),
    # Over a plain weekend.
    (date(2026, 7, 3), date(2026, 7, 6), 1),
    # Ended, or ending today: nothing left.
    (date(2026, 3, 13), date(2026, 3, 13), 0),
    (date(2026, 3, 13), date(2026, 3, 1), 0),
])
def test_working_days_left_national_calendar(today, end, expected):
    assert services.working_days_left(end, today) == expected


def test_working_days_left_follows_agency_calendar_entries():
    today, end = date(2026, 3, 13), date(2026, 3, 27)
    CalendarDay.objects.create(date=date(2026, 3, 26), kind=DayKind.HOLIDAY,
                               name="Hari Jadi Kota")
    assert services.working_days_left(end, today) == 4
    # The agency works on a cuti bersama day after all.
    CalendarDay.objects.create(date=date(2026, 3, 18), kind=DayKind.WORKING_DAY,
                               name="Masuk kerja")
    assert services.working_days_left(end, today) == 5


def test_state_of_an_ended_and_an_ending_item(exempt):
    ending = services.state_of(exempt(END_IN_30), today=TODAY)
    assert ending.working_days_left == 30 and ending.ending_soon and not ending.ended
    later = services.state_of(exempt(END_IN_31), today=TODAY)
    assert later.working_days_left == 31 and not later.ending_soon
    ended = services.state_of(exempt(TODAY), today=TODAY)
    assert ended.working_days_left == 0 and ended.ended
    no_end = services.state_of(exempt(None, exemption_ground=ExemptionGround.H), today=TODAY)
    assert no_end.working_days_left is None and not no_end.ending_soon


# --------------------------------------------------------------------------------------------
# The daily review
# --------------------------------------------------------------------------------------------


def test_review_notifies_the_ppid_once_within_30_working_days(exempt, people):
    soon = exempt(END_IN_30, title="Data Intelijen Pengamanan")
    later = exempt(END_IN_31)
    result = services.review_expiring(today=TODAY)
    assert result.ending == [soon] and result.escalated == [] and result.opened == []
    key = f"exemption:{soon.pk}:{END_IN_30.isoformat()}:ending"
    assert _keys(people["ppid"]) == [key]
    note = Notification.objects.get(user=people["ppid"])
    assert "30" in note.subject and soon.title in note.subject
    assert note.link == f"/ruang-kerja/dikecualikan/informasi/{soon.pk}/"
    assert not Notification.objects.exclude(user=people["ppid"]).exists()
    assert later not in result.ending
    count = Notification.objects.count()
    again = services.review_expiring(today=TODAY + timedelta(days=1))
    assert again.ending == [soon]
    assert Notification.objects.count() == count  # once per end date
    # A new end date (an extension) is announced again when it comes near.
    soon.exemption_until = END_IN_30 - timedelta(days=1)
    soon.save()
    services.review_expiring(today=TODAY)
    assert len(_keys(people["ppid"])) == 2


def test_ended_exemption_is_escalated_by_default(exempt, people):
    item = exempt(TODAY - timedelta(days=3))
    result = services.review_expiring(today=TODAY)
    assert result.escalated == [item] and result.opened == [] and result.ending == []
    key = f"exemption:{item.pk}:{item.exemption_until.isoformat()}:escalated"
    assert _keys(people["superior"]) == [key]
    assert key in _keys(people["ppid"])
    services.review_expiring(today=TODAY)
    services.review_expiring(today=TODAY + timedelta(days=1))
    assert AuditEvent.objects.filter(action=Action.EXEMPTION_ESCALATE,
                                     object_id=str(item.pk)).count() == 1
    assert Notification.objects.filter(user=people["superior"]).count() == 1
    item.refresh_from_db()
    assert item.category == Category.EXEMPT and item.status == Status.DOCUMENTED
    assert not ExemptionDecision.objects.filter(kind=DecisionKind.OPEN).exists()


def test_ended_exemption_opens_by_agency_setting(_agency, exempt, people):
    _agency.exemption_end_action = "open"
    _agency.save()
    item = exempt(TODAY)
    result = services.review_expiring(today=TODAY)
    assert result.opened == [item] and result.escalated == []
    item.refresh_from_db()
    opening = ExemptionDecision.objects.get(item=item, kind=DecisionKind.OPEN)
    assert opening.signed_by is None and opening.decided_on == TODAY
    assert opening.category_after == Category.ON_REQUEST and opening.place == "Banjarbaru"
    exempting = ExemptionDecision.objects.get(item=item, kind=DecisionKind.EXEMPT)
    assert opening.number_sequence == exempting.number_sequence + 1
    assert opening.number == f"{opening.number_sequence:03d}/SK-PPID/2026"
    assert item.category == Category.ON_REQUEST
    assert item.exemption_ground == "" and item.exemption_until is None
    assert item.status == Status.PUBLISHED  # it was documented: it re-enters the DIP
    event = AuditEvent.objects.get(action=Action.EXEMPTION_OPEN)
    assert event.actor is None and event.object_id == str(item.pk)
    assert f"exemption:{item.pk}:{TODAY.isoformat()}:opened" in _keys(people["ppid"])
    # Done: the next run has nothing to do.
    again = services.review_expiring(today=TODAY + timedelta(days=1))
    assert (again.ending, again.escalated, again.opened) == ([], [], [])


def test_undecided_item_that_ended_is_neither_opened_nor_escalated(_agency, exempt, people):
    _agency.exemption_end_action = "open"
    _agency.save()
    item = exempt(TODAY - timedelta(days=1), decided=False)
    HarmTestFactory(item=item, status=HarmTestStatus.SUBMITTED)
    result = services.review_expiring(today=TODAY)
    assert (result.ending, result.escalated, result.opened) == ([], [], [])
    item.refresh_from_db()
    assert item.category == Category.EXEMPT
    assert not ExemptionDecision.objects.filter(item=item).exists()


def test_disposed_and_unending_items_are_skipped(exempt):
    exempt(TODAY, status=Status.DISPOSED)
    exempt(None, exemption_ground=ExemptionGround.H)
    result = services.review_expiring(today=TODAY)
    assert (result.ending, result.escalated, result.opened) == ([], [], [])


def test_ending_soon_lists_what_the_user_may_see(exempt, people, units):
    mine = exempt(END_IN_30)
    exempt(END_IN_31)
    ended = exempt(TODAY - timedelta(days=10))
    other = exempt(END_IN_30, holder_unit=units["b"])
    assert set(services.ending_soon(people["ppid"], today=TODAY)) == {
        (ended, 0), (mine, 30), (other, 30)}
    assert {i for i, _left in services.ending_soon(people["unit_ppid"], today=TODAY)} == {
        mine, ended}
    assert services.ending_soon(people["admin"], today=TODAY) == []


def test_review_survives_an_item_that_cannot_be_opened(_agency, exempt, people):
    _agency.exemption_end_action = "open"
    _agency.city = ""
    _agency.save()
    ended = exempt(TODAY)
    soon = exempt(END_IN_30)
    try:
        result = services.review_expiring(today=TODAY)
    except ServiceError:
        result = None
    assert result is not None
    assert soon in result.ending
    ended.refresh_from_db()
    # Without a place of decisions the automatic decision names the agency instead.
    assert ended.category == Category.ON_REQUEST
    decision = ended.decisions.get(kind="open")
    assert decision.place == (_agency.short_name or _agency.name)


def test_review_survives_an_extension_awaiting_signature(_agency, exempt, people):
    _agency.exemption_end_action = "open"
    _agency.save()
    ended = exempt(TODAY)
    HarmTestFactory(item=ended, kind="extend", status=HarmTestStatus.APPROVED,
                    exempt_until=date(2028, 1, 3))
    soon = exempt(END_IN_30)
    try:
        result = services.review_expiring(today=TODAY)
    except ServiceError:
        result = None
    assert result is not None
    assert soon in result.ending


# --------------------------------------------------------------------------------------------
# The scheduled job
# --------------------------------------------------------------------------------------------


def test_the_daily_review_is_a_scheduled_job():
    job = schedule.get_job("exemptions.review_expiring")
    assert job is not None and job.every == schedule.DAILY
    assert job.get_task() is tasks.review_expiring
    assert "exemptions.review_expiring" in [j.name for j in schedule.jobs()]


def test_the_task_runs_the_review(exempt, people):
    soon = exempt(timezone.localdate() + timedelta(days=21))  # never all closed days
    far = exempt(timezone.localdate() + timedelta(days=400))
    result = tasks.review_expiring.call()
    assert result == {"ending": [soon.pk], "escalated": [], "opened": []}
    assert far.pk not in result["ending"]
    assert Notification.objects.filter(user=people["ppid"]).count() == 1
