"""The product's own periodic jobs: a registry, and `run_due` to enqueue whatever is due.

An app registers its jobs when Django starts, in its `AppConfig.ready()`:

    from ppid.core import schedule

    schedule.register("records.fixity_check", every=schedule.WEEKLY,
                      task="ppid.records.tasks.fixity_check",
                      description=_("Verify every stored file"))

The task is a django-tasks `@task` function (or its dotted path), enqueued without arguments.
`run_due()` enqueues each job whose interval has passed since it was last enqueued and records
that in `core.ScheduledJob`, under a row lock, so the scheduler thread of `ppid serve` and a
cron line running `ppid run_scheduled` never enqueue a job twice. A job never enqueued before
is due at once. Missed runs (the server was down) are not caught up one by one: the job runs once
and its interval starts again.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

HOURLY = timedelta(hours=1)
DAILY = timedelta(days=1)
WEEKLY = timedelta(weeks=1)

# How often the scheduler thread of `ppid serve` looks for due jobs.
CHECK_EVERY_SECONDS = 60


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    task: object  # a django_tasks Task, or the dotted path to one
    description: object = ""

    def get_task(self):
        return import_string(self.task) if isinstance(self.task, str) else self.task

    def next_due(self, last_enqueued_at: datetime | None) -> datetime | None:
        """When the job is due next (None: at once, it never ran)."""
        return None if last_enqueued_at is None else last_enqueued_at + self.every


_jobs: dict[str, Job] = {}


def register(name: str, *, every: timedelta, task, description="") -> Job:
    """Add (or replace) the periodic job `name`; call from an `AppConfig.ready()`."""
    if every <= timedelta(0):
        raise ValueError("A periodic job needs a positive interval.")
    job = Job(name=name, every=every, task=task, description=description)
    _jobs[name] = job
    return job


def unregister(name: str) -> None:
    _jobs.pop(name, None)


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def get_job(name: str) -> Job | None:
    return _jobs.get(name)


def status() -> list[tuple[Job, object]]:
    """Each registered job with its `ScheduledJob` row (None if it never ran)."""
    from ppid.core.models import ScheduledJob

    rows = {row.name: row for row in ScheduledJob.objects.filter(name__in=list(_jobs))}
    return [(job, rows.get(job.name)) for job in jobs()]


def run_due(now: datetime | None = None, *, names=None) -> list[str]:
    """Enqueue every due job (or only those in `names`); returns the names enqueued."""
    from ppid.core.models import ScheduledJob

    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        if names is not None and job.name not in names:
            continue
        with transaction.atomic():
            ScheduledJob.objects.get_or_create(name=job.name)
            state = ScheduledJob.objects.select_for_update().get(name=job.name)
            due = job.next_due(state.last_enqueued_at)
            if due is not None and now < due:
                continue
            result = job.get_task().enqueue()  # the database backend writes in this transaction
            state.last_enqueued_at = now
            state.last_task_id = str(result.id)[:64]
            state.runs += 1
            state.save(update_fields=["last_enqueued_at", "last_task_id", "runs"])
        logger.info("Scheduled job %s enqueued (task %s)", job.name, result.id)
        enqueued.append(job.name)
    return enqueued


class SchedulerThread(threading.Thread):
    """Runs `run_due` every CHECK_EVERY_SECONDS inside `ppid serve` (no cron needed)."""

    def __init__(self, interval: float = CHECK_EVERY_SECONDS, on_enqueue=None):
        super().__init__(name="ppid-scheduler", daemon=True)
        self.interval = interval
        self.on_enqueue = on_enqueue
        self._stopping = threading.Event()

    def run_once(self) -> list[str]:
        enqueued = run_due()
        for name in enqueued:
            if self.on_enqueue is not None:
                self.on_enqueue(name)
        return enqueued

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_once()
            except Exception:  # keep scheduling; the next round may succeed
                logger.exception("The scheduler could not enqueue due jobs")
            finally:
                connections.close_all()  # this thread's own connections
            self._stopping.wait(self.interval)

    def stop(self, timeout: float = 10) -> None:
        self._stopping.set()
        if self.is_alive():
            self.join(timeout)
