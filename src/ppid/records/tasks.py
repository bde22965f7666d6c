"""Background tasks of records management (run by the django-tasks worker)."""

from __future__ import annotations

from django_tasks import task


@task()
def fixity_check(run_id: int | None = None) -> dict:
    """Verify every stored file. Without `run_id` (the weekly schedule) a new run is recorded."""
    from ppid.records import services
    from ppid.records.models import FixityRun, FixityTrigger

    run = FixityRun.objects.filter(pk=run_id).first() if run_id else None
    run = services.verify_files(trigger=FixityTrigger.SCHEDULE, run=run)
    return {"run": run.pk, "checked": run.checked, "missing": run.missing,
            "altered": run.altered}
