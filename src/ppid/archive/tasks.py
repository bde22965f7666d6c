"""Background tasks (django-tasks; `ppid serve` runs the database worker)."""

from __future__ import annotations

from django_tasks import task


@task()
def process_version_task(version_id: int) -> str:
    """Process one uploaded version: read its text, OCR and archive it if needed."""
    from ppid.archive import services

    processing = services.process_version(version_id)
    return processing.state if processing is not None else "gone"
