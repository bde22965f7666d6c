"""Reminders before, and escalation after, the legal deadlines; the scheduled jobs.

Agency in WITA, Monday–Friday 08:00–16:00. A request received Monday 2 March 2026 is due
Monday 16 March 2026 at 16:00; an objection filed Wednesday 11 March is due Thursday 30 April
2026 at 16:00 (Nyepi and Idulfitri close 18–24 March, Good Friday 3 April).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core import schedule
from ppid.core.models import Notification
from ppid.requests import deadlines, objections, services, tasks
from ppid.requests.models import Request
from ppid.requests.tests.factories import RequestFactory
from ppid.requests.tests.scenarios import at, grant

pytestmark = pytest.mark.django_db

RECEIVED = at(2026, 3, 2, 10)
REASON = "Dokumen perlu dihimpun dari tiga bidang."


def _keys(user) -> set[str]:
    return set(Notification.objects.filter(user=user).values_list("key", flat=True))


def _escalations(obj) -> int:
    return AuditEvent.objects.filter(action=Action.REQUEST_ESCALATE,
                                     object_type=obj._meta.label_lower,
                                     object_id=str(obj.pk)).count()


@pytest.fixture
def forwarded(agency, people, units):
    req = RequestFactory(received_at=RECEIVED)
    return services.forward(people["ppid"], req, units["a"])


def test_reminder_two_working_days_before_to_the_unit_and_the_ppid(forwarded, people):
    soon_key = f"request-soon-{forwarded.pk}-20260316"
    # Wednesday 11 March: 4 working days left (11, 12, 13, 16).
    assert deadlines.review(now=at(2026, 3, 11, 10)).reminded == []
    # Friday 13 March: 2 left (13 and 16).
    result = deadlines.review(now=at(2026, 3, 13, 10))
    assert result.reminded == [forwarded.number] and result.escalated == []
    for role in ("ppid", "officer", "unit_ppid"):
        assert _keys(people[role]) >= {soon_key}, role
    for role in ("superior", "head", "admin", "web"):
        assert soon_key not in _keys(people[role]), role
    note = Notification.objects.get(user=people["officer"], key=soon_key)
    assert forwarded.number in note.subject and note.link.endswith(f"/{forwarded.pk}/")
    count = Notification.objects.count()
    # Once only: later runs on the same deadline stay silent until it passes.
    assert deadlines.review(now=at(2026, 3, 13, 14)).reminded == []
    assert deadlines.review(now=at(2026, 3, 16, 9)).reminded == []
    assert Notification.objects.count() == count
    assert Request.objects.get(pk=forwarded.pk).reminded == ["soon:2026-03-16T08:00:00+00:00"]


def test_a_request_nobody_was_assigned_reminds_the_ppid(agency, people):
    req = RequestFactory(received_at=RECEIVED)
    deadlines.review(now=at(2026, 3, 13, 10))
    assert f"request-soon-{req.pk}-20260316" in _keys(people["ppid"])
    assert not _keys(people["officer"])


def test_overdue_escalates_once_to_ppid_superior_and_unit(forwarded, people):
    assert deadlines.review(now=at(2026, 3, 16, 16, 0)).escalated == []  # due on the dot
    result = deadlines.review(now=at(2026, 3, 16, 16, 1))
    assert result.escalated == [forwarded.number]
    key = f"request-overdue-{forwarded.pk}-20260316"
    for role in ("ppid", "superior", "officer", "unit_ppid"):
        assert key in _keys(people[role]), role
    for role in ("head", "admin"):
        assert key not in _keys(people[role]), role
    assert _escalations(forwarded) == 1
    event = AuditEvent.objects.get(action=Action.REQUEST_ESCALATE)
    assert event.actor is None
    again = deadlines.review(now=at(2026, 3, 25, 9))
    assert again.escalated == [] and again.reminded == []
    assert _escalations(forwarded) == 1


def test_an_extension_brings_a_new_reminder(forwarded, people):
    deadlines.review(now=at(2026, 3, 13, 10))
    services.extend(people["ppid"], forwarded, 7, REASON, now=at(2026, 3, 13, 11))
    # New deadline: Wednesday 1 April (17 March, then 25–27, 30–31 March, 1 April).
    assert deadlines.review(now=at(2026, 3, 27, 10)).reminded == []  # 4 left
    assert deadlines.review(now=at(2026, 3, 31, 10)).reminded == [forwarded.number]
    assert f"request-soon-{forwarded.pk}-20260401" in _keys(people["ppid"])
    assert deadlines.review(now=at(2026, 4, 1, 17)).escalated == [forwarded.number]


def test_decided_and_withdrawn_requests_are_left_alone(agency, people):
    grant(people["ppid"], RequestFactory(received_at=RECEIVED), now=at(2026, 3, 3))
    services.withdraw(people["ppid"], RequestFactory(received_at=RECEIVED),
                      "Pemohon mencabut permohonannya.")
    result = deadlines.review(now=at(2026, 4, 1))
    assert result.reminded == [] and result.escalated == []
    assert not AuditEvent.objects.filter(action=Action.REQUEST_ESCALATE).exists()


def test_objections_remind_and_escalate_to_the_superior(agency, people):
    req = grant(people["ppid"], RequestFactory(received_at=RECEIVED), now=at(2026, 3, 10))
    obj = objections.file_objection(req, {"grounds": ["a"], "case_position":
                                          "Penolakan tanpa dasar uji konsekuensi."},
                                    now=at(2026, 3, 11, 10))
    assert obj.due_at == at(2026, 4, 30, 16)
    Notification.objects.all().delete()
    # Friday 24 April: 5 working days left; Monday 27 April: 4 (27–30 April).
    assert deadlines.review(now=at(2026, 4, 24, 10)).reminded == []
    assert deadlines.review(now=at(2026, 4, 27, 10)).reminded == [obj.number]
    assert _keys(people["superior"]) == {f"objection-soon-{obj.pk}"}
    assert not _keys(people["ppid"])
    assert deadlines.review(now=at(2026, 4, 28, 10)).reminded == []
    result = deadlines.review(now=at(2026, 4, 30, 16, 1))
    assert result.escalated == [obj.number]
    key = f"objection-overdue-{obj.pk}"
    assert key in _keys(people["superior"]) and key in _keys(people["ppid"])
    assert not _keys(people["officer"])
    assert _escalations(obj) == 1
    deadlines.review(now=at(2026, 5, 4, 10))
    assert _escalations(obj) == 1


def test_answered_objection_is_left_alone(agency, people):
    req = grant(people["ppid"], RequestFactory(received_at=RECEIVED), now=at(2026, 3, 10))
    obj = objections.file_objection(req, {"grounds": ["a"], "case_position":
                                          "Penolakan tanpa dasar uji konsekuensi."},
                                    now=at(2026, 3, 11, 10))
    objections.answer(people["superior"], obj, outcome="upheld",
                      reasons="Pengecualian sudah diuji dan ditetapkan.", now=at(2026, 4, 1))
    result = deadlines.review(now=at(2026, 5, 4))
    assert result.reminded == [] and result.escalated == []


# --------------------------------------------------------------------------------------------
# The scheduled jobs
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "every", "task"), [
    pytest.param("requests.review_deadlines", schedule.HOURLY, tasks.review_deadlines,
                 id="review-hourly"),
    pytest.param("requests.erase_personal_data", schedule.DAILY, tasks.erase_personal_data,
                 id="erasure-daily"),
])
def test_jobs_are_scheduled(name, every, task):
    job = schedule.get_job(name)
    assert job is not None and job.every == every
    assert job.get_task() is task
    assert job.description
    assert name in [j.name for j in schedule.jobs()]


def test_the_review_task_runs(agency, people):
    late = RequestFactory(received_at=timezone.now() - timedelta(days=60))
    result = tasks.review_deadlines.call()
    assert result == {"reminded": [], "escalated": [late.number]}
    assert f"request-overdue-{late.pk}-{late.due_at:%Y%m%d}" in _keys(people["superior"])
    assert tasks.review_deadlines.call() == {"reminded": [], "escalated": []}


def test_the_erasure_task_runs(agency, people):
    old = RequestFactory(received_at=at(2024, 1, 8))
    grant(people["ppid"], old, now=at(2024, 1, 10))
    kept = RequestFactory(received_at=at(2026, 3, 2))
    grant(people["ppid"], kept, now=at(2026, 3, 3))
    assert tasks.erase_personal_data.call() == {"erased": [old.number]}
    assert Request.objects.get(pk=old.pk).personal_data_erased_at is not None
    assert Request.objects.get(pk=kept.pk).name == "Siti Rahmawati"


def test_run_due_enqueues_the_jobs(agency):
    enqueued = schedule.run_due(names=["requests.review_deadlines",
                                       "requests.erase_personal_data"])
    assert sorted(enqueued) == ["requests.erase_personal_data", "requests.review_deadlines"]
    assert schedule.run_due(names=["requests.review_deadlines"]) == []  # within the hour
