"""The product's own scheduler: due jobs are enqueued once per interval."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ppid.core import schedule
from ppid.core.models import ScheduledJob

pytestmark = pytest.mark.django_db(transaction=False)
FIXITY = "records.fixity_check"


def _queued():
    return DBTaskResult.objects.filter(task_path="ppid.records.tasks.fixity_check").count()


def test_the_weekly_fixity_job_is_registered():
    job = schedule.get_job(FIXITY)
    assert job is not None and job.every == schedule.WEEKLY
    assert job.get_task().name == "fixity_check"


def test_due_job_is_enqueued_once_then_not_before_its_interval():
    now = timezone.now()
    assert FIXITY in schedule.run_due(now, names={FIXITY})  # never ran: due at once
    assert _queued() == 1
    assert schedule.run_due(now, names={FIXITY}) == []
    assert schedule.run_due(now + timedelta(days=6, hours=23), names={FIXITY}) == []
    assert _queued() == 1
    assert schedule.run_due(now + timedelta(days=7), names={FIXITY}) == [FIXITY]
    assert _queued() == 2
    state = ScheduledJob.objects.get(name=FIXITY)
    assert state.runs == 2 and state.last_enqueued_at == now + timedelta(days=7)
    assert state.last_task_id == str(DBTaskResult.objects.order_by("-enqueued_at").first().id)


def test_a_daily_job_registered_by_another_app():
    from ppid.records.tasks import fixity_check

    schedule.register("test.daily", every=schedule.DAILY, task=fixity_check)
    try:
        now = timezone.now()
        assert schedule.run_due(now, names={"test.daily"}) == ["test.daily"]
        assert schedule.run_due(now + timedelta(hours=23), names={"test.daily"}) == []
        assert schedule.run_due(now + timedelta(days=1), names={"test.daily"}) == ["test.daily"]
    finally:
        schedule.unregister("test.daily")
    with pytest.raises(ValueError):
        schedule.register("test.never", every=timedelta(0), task=fixity_check)


def test_run_scheduled_command(capsys):
    call_command("run_scheduled")
    assert f"Enqueued {FIXITY}." in capsys.readouterr().out
    call_command("run_scheduled")
    assert "Nothing is due." in capsys.readouterr().out
    call_command("run_scheduled", "--list")
    assert f"{FIXITY}: every 7 days" in capsys.readouterr().out


def test_scheduler_round_enqueues_due_jobs():
    seen = []
    assert FIXITY in schedule.SchedulerThread(on_enqueue=seen.append).run_once()
    assert FIXITY in seen and _queued() == 1


def test_scheduler_thread_keeps_going_after_errors_and_stops(monkeypatch):
    rounds = []

    def flaky(now=None, names=None):
        rounds.append(1)
        if len(rounds) == 1:
            raise RuntimeError("database away")
        return []

    monkeypatch.setattr(schedule, "run_due", flaky)
    monkeypatch.setattr(schedule.connections, "close_all", lambda: None)
    thread = schedule.SchedulerThread(interval=0.01)
    thread.start()
    deadline = timezone.now() + timedelta(seconds=5)
    while len(rounds) < 3 and timezone.now() < deadline:
        thread._stopping.wait(0.01)
    thread.stop()
    assert len(rounds) >= 3 and not thread.is_alive()
