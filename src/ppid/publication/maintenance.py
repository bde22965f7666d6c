"""Site maintenance: a run of every check (`maintenance_checks.CHECKS`), kept as a log.

A run is started by the daily schedule (`tasks.run_maintenance` → `run_task(None)`), from the
dashboard or the API (MANUAL; executed by the task worker), by a procedure step (PROCEDURE) or by
`ppid maintenance` (COMMAND). `execute` runs the checks one after another in this process, stores
one `MaintenanceCheck` per check as soon as it is done and moves `progress`; a check that crashes
is recorded as failed with the error and the others still run. Not one transaction: the
dashboard sees the progress, and on SQLite a long run must not hold the write lock.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.publication import maintenance_checks as checks
from ppid.publication.constants import CheckCode, MaintenanceStatus, MaintenanceTrigger
from ppid.publication.models import MaintenanceCheck, MaintenanceRun
from ppid.register import services as register

logger = logging.getLogger(__name__)

# A run still "running" after this long died with its worker: it no longer blocks a new one.
STALE_RUN_AFTER = timedelta(hours=6)
# Started without a person: the daily schedule and the console command.
UNATTENDED = (MaintenanceTrigger.SCHEDULE, MaintenanceTrigger.COMMAND)
# Checks whose problems name exempt items: shown only to who may see those items.
EXEMPT_ITEM_CHECKS = (CheckCode.EXEMPTIONS_ENDING,)


def may_maintain(user) -> bool:
    return Access.for_user(user).can(C.MAINTAIN_SITE)


def _require(user) -> None:
    if not may_maintain(user):
        raise NotAllowed(_("Only the PPID, the web manager and administrators may run and see "
                           "site maintenance."))


def running_run() -> MaintenanceRun | None:
    """A run under way (not one left behind by a worker that died)."""
    return (MaintenanceRun.objects.filter(status=MaintenanceStatus.RUNNING,
                                          started_at__gte=timezone.now() - STALE_RUN_AFTER)
            .order_by("-pk").first())


def start_run(user, trigger: str) -> MaintenanceRun:
    """Create a run (status RUNNING, no checks yet); `execute` or the task performs it."""
    if trigger not in MaintenanceTrigger.values:
        raise InvalidInput(_("Unknown trigger."), field_errors={"trigger": [_("Unknown trigger.")]})
    if not (trigger in UNATTENDED and user is None):
        _require(user)
        if running_run() is not None:
            raise Conflict(_("A maintenance run is already under way."))
    previous = MaintenanceRun.objects.order_by("-pk").first()
    return MaintenanceRun.objects.create(
        trigger=trigger, started_by=user,
        # The link check goes on where the previous run stopped.
        links_resume_after=previous.links_resume_after if previous else 0,
    )


def request_run(user, request=None, trigger: str = MaintenanceTrigger.MANUAL) -> MaintenanceRun:
    """"Run now" (or a procedure step): a run for the task worker (the worker of `ppid serve`)."""
    from ppid.publication import tasks

    with transaction.atomic():  # the queued task is a row of the same database
        run = start_run(user, trigger)
        tasks.run_maintenance.enqueue(run_id=run.pk)
    return run


def _savepoint():
    # Inside a caller's transaction (tests, an atomic request) a failing check rolls back to its
    # savepoint only; outside, every statement commits on its own (no long write lock).
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def _run_check(run: MaintenanceRun, code: str, check) -> MaintenanceCheck:
    try:
        with _savepoint():
            result = check(run)
    except Exception as exc:
        logger.exception("Maintenance check %s of run %s crashed", code, run.pk)
        result = checks.Result(
            False, 0, _("The check could not run: %(error)s") % {
                "error": f"{type(exc).__name__}: {exc}"[:1000]}, [],
            str(_("Look at the server log for the details; the other checks ran.")))
    return MaintenanceCheck.objects.create(
        run=run, code=code, passed=result.passed, checked=result.checked,
        message=str(result.message), problems=result.problems, advice=str(result.advice))


def execute(run: MaintenanceRun) -> MaintenanceRun:
    """Run every check now (synchronously) and record the result."""
    codes = list(checks.CHECKS)
    done = set(run.checks.values_list("code", flat=True))
    try:
        # Messages are stored: in the agency's language, whoever started the run. (The pages
        # the link and CSP checks render in-process switch language and time zone; both are
        # restored afterwards for the caller.)
        with (translation.override(settings.LANGUAGE_CODE),
              timezone.override(timezone.get_current_timezone())):
            for number, code in enumerate(codes, start=1):
                if code not in done:
                    _run_check(run, code, checks.CHECKS[code])
                run.progress = min(99, round(100 * number / len(codes)))
                run.save(update_fields=["progress"])
        failed = run.checks.filter(passed=False).exists()
        run.status = MaintenanceStatus.FAILED if failed else MaintenanceStatus.PASSED
    except Exception as exc:
        logger.exception("Maintenance run %s could not finish", run.pk)
        run.status = MaintenanceStatus.ERROR
        run.error = f"{type(exc).__name__}: {exc}"[:2000]
    run.progress, run.finished_at = 100, timezone.now()
    run.save(update_fields=["status", "error", "progress", "finished_at", "links_resume_after"])
    audit.record(Action.MAINTENANCE_RUN, actor=run.started_by, obj=run,
                 object_repr=f"maintenance run #{run.pk}", after=summary(run))
    return run


def summary(run: MaintenanceRun) -> dict:
    rows = list(run.checks.values_list("code", "passed"))
    return {
        "run": run.pk, "trigger": run.trigger, "status": run.status,
        "passed": sum(1 for _code, ok in rows if ok),
        "failed": sum(1 for _code, ok in rows if not ok),
        "failed_checks": [code for code, ok in rows if not ok],
        **({"error": run.error} if run.error else {}),
    }


def run_task(run_id: int | None) -> dict:
    """Body of `tasks.run_maintenance`: the daily run (run_id None) or a run already created."""
    if run_id is None:
        run = start_run(None, MaintenanceTrigger.SCHEDULE)
    else:
        run = MaintenanceRun.objects.filter(pk=run_id).first()
        if run is None:
            raise NotFound(_("Maintenance run not found."))
        if run.status != MaintenanceStatus.RUNNING:  # done already (a repeated task)
            return summary(run)
    return summary(execute(run))


# --------------------------------------------------------------------------------------------
# Reading the log.
# --------------------------------------------------------------------------------------------


def runs(user) -> QuerySet[MaintenanceRun]:
    _require(user)
    return (MaintenanceRun.objects.select_related("started_by")
            .annotate(passed_count=Count("checks", filter=Q(checks__passed=True)),
                      failed_count=Count("checks", filter=Q(checks__passed=False))))


def get_run(user, pk) -> MaintenanceRun:
    run = runs(user).filter(pk=pk).first()
    if run is None:
        raise NotFound(_("Maintenance run not found."))
    return run


def latest_finished(user) -> MaintenanceRun | None:
    return runs(user).exclude(status=MaintenanceStatus.RUNNING).order_by("-pk").first()


def checks_for(user, run: MaintenanceRun) -> list[MaintenanceCheck]:
    """The run's checks in CheckCode order. An exempt item the user may not see keeps its
    number but loses its title (`problem["hidden"]`)."""
    order = {code: n for n, code in enumerate(CheckCode.values)}
    found = sorted(run.checks.all(), key=lambda c: order.get(c.code, len(order)))
    item_ids = {p.get("item_id") for c in found if c.code in EXEMPT_ITEM_CHECKS
                for p in c.problems if isinstance(p, dict) and p.get("item_id")}
    visible = set(register.staff_items(user).filter(pk__in=item_ids)
                  .values_list("pk", flat=True)) if item_ids else set()
    for check in found:
        if check.code in EXEMPT_ITEM_CHECKS:
            check.problems = [
                p if not isinstance(p, dict) or p.get("item_id") in visible
                else {**p, "title": "", "hidden": True} for p in check.problems]
    return found
