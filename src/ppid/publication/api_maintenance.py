"""API of site maintenance (staff, Bearer token; MAINTAIN_SITE): start a run, read the log.

A run started here is executed by the task worker, like "Run now" on the dashboard; with
`?wait=true` it is executed in this request and the answer carries its checks.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema, Status
from pydantic import Field

from ppid.publication import maintenance
from ppid.publication.constants import MaintenanceTrigger
from ppid.register.schemas import ErrorOut

public_router = Router(tags=["publication"])
staff_router = Router(tags=["maintenance"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
MAX_PAGE_SIZE = 100


class CheckOut(Schema):
    code: str
    label: str
    passed: bool
    checked: int
    message: str
    problems: list[dict] = Field(description="What was found, one object per problem; its keys "
                                             "depend on the check.")
    advice: str


class RunOut(Schema):
    id: int
    trigger: str
    started_by: str | None
    status: str = Field(description="running, passed, failed or error")
    progress: int = Field(description="Percent done.")
    started_at: datetime
    finished_at: datetime | None
    error: str
    passed: int
    failed: int


class RunDetailOut(RunOut):
    checks: list[CheckOut]


class RunPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RunOut]


def _row(run) -> dict:
    """A run from maintenance.runs() (annotated with its counts)."""
    return {
        "id": run.pk, "trigger": run.trigger,
        "started_by": run.started_by.get_username() if run.started_by_id else None,
        "status": run.status, "progress": run.progress, "started_at": run.started_at,
        "finished_at": run.finished_at, "error": run.error,
        "passed": run.passed_count, "failed": run.failed_count,
    }


def _detail(user, run) -> dict:
    return {**_row(run), "checks": [
        {"code": c.code, "label": str(c.get_code_display()), "passed": c.passed,
         "checked": c.checked, "message": c.message, "problems": c.problems, "advice": c.advice}
        for c in maintenance.checks_for(user, run)]}


@staff_router.post("/maintenance/runs", response={201: RunDetailOut, 202: RunDetailOut, **ERRORS},
                   summary="Start a maintenance run (queued; executed here with ?wait=true)")
def start_run(request, wait: bool = False):
    """Without `wait` the run is queued for the task worker (202); poll
    GET /maintenance/runs/{id}. With `wait=true` every check runs before the answer (201)."""
    if wait:
        run = maintenance.start_run(request.auth, MaintenanceTrigger.MANUAL)
        maintenance.execute(run)
        return Status(201, _detail(request.auth, maintenance.get_run(request.auth, run.pk)))
    run = maintenance.request_run(request.auth, request=request)
    return Status(202, _detail(request.auth, maintenance.get_run(request.auth, run.pk)))


@staff_router.get("/maintenance/runs", response={200: RunPage, **ERRORS},
                  summary="The maintenance log, newest first")
def list_runs(request, page: int = 1, page_size: int = 20):
    page, page_size = max(page, 1), min(max(page_size, 1), MAX_PAGE_SIZE)
    runs = maintenance.runs(request.auth).order_by("-started_at", "-pk")
    start = (page - 1) * page_size
    return {"count": runs.count(), "page": page, "page_size": page_size,
            "results": [_row(run) for run in runs[start:start + page_size]]}


@staff_router.get("/maintenance/runs/{run_id}", response={200: RunDetailOut, **ERRORS},
                  summary="One maintenance run with its checks")
def get_run(request, run_id: int):
    return _detail(request.auth, maintenance.get_run(request.auth, run_id))
