"""Background tasks of exempt information (run by the django-tasks worker)."""

from __future__ import annotations

from django_tasks import task


@task()
def review_expiring() -> dict:
    """The daily review of exemption periods (ppid.exemptions.services.review_expiring)."""
    from ppid.exemptions import services

    result = services.review_expiring()
    return {"ending": [i.pk for i in result.ending], "escalated": [i.pk for i in result.escalated],
            "opened": [i.pk for i in result.opened]}


@task()
def apply_redactions(run_id: int) -> dict:
    """Apply the marked redactions of a version (ppid.exemptions.redactions)."""
    from ppid.exemptions import redactions

    run = redactions.run_apply(run_id)
    return {"run": run.pk, "state": run.state}
