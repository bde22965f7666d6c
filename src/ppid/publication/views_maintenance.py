"""Site maintenance pages: the latest run's checks, the log of runs, one run, "Run now".

Thin: who may see and start a run is decided by ppid.publication.maintenance.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ppid.core import schedule
from ppid.core.errors import Conflict
from ppid.publication import maintenance
from ppid.publication.constants import MaintenanceStatus
from ppid.workspace.auth import staff_required

T = "publication/maintenance/"
JOB = "publication.maintenance"
PAGE_SIZE = 25


def _schedule() -> dict:
    job = schedule.get_job(JOB)
    if job is None:
        return {}
    state = dict((j.name, s) for j, s in schedule.status()).get(JOB)
    last = state.last_enqueued_at if state else None
    return {"job": job, "last_scheduled": last, "next_due": job.next_due(last)}


DATE_KEYS = ("ends_on", "due_on", "refreshed_at")


def _shown(user, run) -> list:
    """The run's checks for this user, with the dates of problems as dates (shown localised)."""
    checks = maintenance.checks_for(user, run)
    for check in checks:
        for problem in check.problems:
            for key in DATE_KEYS if isinstance(problem, dict) else ():
                try:
                    problem[key] = date.fromisoformat(problem[key])
                except (KeyError, TypeError, ValueError):
                    pass
    return checks


@staff_required
def dashboard(request):
    runs = maintenance.runs(request.user)  # NotAllowed (403) without MAINTAIN_SITE
    if request.method == "POST":
        try:
            run = maintenance.request_run(request.user, request=request)
        except Conflict as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Maintenance run #%(n)s was queued; the task worker runs "
                                        "it now.") % {"n": run.pk})
        return redirect("publication:maintenance")
    latest = maintenance.latest_finished(request.user)
    page = Paginator(runs.order_by("-started_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, T + "dashboard.html", {
        "latest": latest,
        "checks": _shown(request.user, latest) if latest else [],
        "running": maintenance.running_run(),
        "page": page,
        **_schedule(),
    })


@staff_required
def run_detail(request, pk: int):
    run = maintenance.get_run(request.user, pk)
    return render(request, T + "run.html", {
        "run": run, "checks": _shown(request.user, run),
    })


@staff_required
def progress(request, pk: int):
    """Polled by htmx while a run is under way; once it is done the page reloads."""
    run = maintenance.get_run(request.user, pk)
    response = render(request, T + "_progress.html", {"run": run})
    if run.status != MaintenanceStatus.RUNNING:
        response["HX-Refresh"] = "true"  # show the results (the partial links to them too)
    return response
