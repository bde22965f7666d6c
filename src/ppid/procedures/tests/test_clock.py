"""A step's clock runs in the agency's working time, and lateness is measured in it."""

from __future__ import annotations

from datetime import datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from ppid.core.models import OfficeHours
from ppid.procedures import services
from ppid.procedures.models import Procedure

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def _procedure(ppid, steps):
    procedure = Procedure.objects.create(code="uji")
    revision = services._new_revision(procedure, ppid)
    services.save_revision(ppid, revision, header={"name": "Uji", "scope": "item"},
                           actors=[{"name": "PPID", "role": "ppid"}], steps=steps)
    return services.activate(ppid, revision)


def _at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_due_and_overrun_follow_office_hours_weekends_and_time_zone(agency, people, make_item):
    for weekday in range(5):
        OfficeHours.objects.create(agency=agency, weekday=weekday, opens=time(8),
                                   closes=time(16))
    ppid = people["ppid"]
    revision = _procedure(ppid, [
        {"number": 1, "activity": "Menyusun", "actors": ["PPID"], "kind": "other",
         "time_amount": 2, "time_unit": "hours"},
        {"number": 2, "activity": "Mengumpulkan", "actors": ["PPID"], "kind": "other",
         "time_amount": 5, "time_unit": "working_days"},
    ])
    item = make_item()
    friday = datetime(2026, 11, 20, 15, 0, tzinfo=WITA)
    with _at(friday):
        case = services.start_case(ppid, revision, item=item)
    task = case.tasks.get()
    # One office hour left on Friday, the second on Monday morning (WITA, UTC+8).
    assert task.due_at == datetime(2026, 11, 23, 9, 0, tzinfo=WITA)
    monday_noon = datetime(2026, 11, 23, 12, 0, tzinfo=WITA)
    with _at(monday_noon):
        with pytest.raises(services.InvalidInput):
            services.complete_task(ppid, task, services.Completion(output_note="x"))
        services.complete_task(ppid, task, services.Completion(
            output_note="x", deviation_reason="Menunggu data."))
    task.refresh_from_db()
    assert (task.working_minutes, task.standard_minutes) == (60 + 240, 120)
    deviation = task.deviations.get()
    assert deviation.overrun_minutes == 180 and deviation.executor == ppid
    second = case.tasks.get(step__number=2)
    # Started Monday 12:00: day 1 is Tuesday, day 5 is the next Monday, due at closing time.
    assert second.due_at == datetime(2026, 11, 30, 16, 0, tzinfo=WITA)
