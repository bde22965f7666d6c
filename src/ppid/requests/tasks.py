"""Background tasks of requests (run by the django-tasks worker)."""

from __future__ import annotations

from django_tasks import task


@task()
def review_deadlines() -> dict:
    """Remind before, and escalate after, the legal deadlines (ppid.requests.deadlines)."""
    from ppid.requests import deadlines

    result = deadlines.review()
    return {"reminded": result.reminded, "escalated": result.escalated}


@task()
def erase_personal_data() -> dict:
    """Erase personal data past the agency's keeping period (ppid.requests.personal_data)."""
    from ppid.requests import personal_data

    return {"erased": personal_data.erase_due().erased}
