"""Background and periodic work of publication (registered in apps.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_maintenance(run_id: int | None = None) -> dict:
    """The daily site maintenance run (or a run already created by the dashboard)."""
    from ppid.publication import maintenance

    return maintenance.run_task(run_id)


@task()
def flag_stale_periodic() -> dict:
    """Flag berkala items past their refresh period to their unit and the PPID."""
    from ppid.publication import refresh

    return refresh.flag_stale()


@task()
def push_data_portals() -> dict:
    """Send due changes to the CKAN portals (retries with backoff)."""
    from ppid.publication import ckan

    return ckan.push_due()


@task()
def harvest_federation() -> dict:
    """PPID Utama: harvest the change feeds of the PPID Pelaksana instances."""
    from ppid.publication import federation

    return federation.harvest_all()


@task()
def prerender_edition(edition_id: int) -> dict:
    """Render and keep the PDF/XLSX files of a newly signed edition (large lists are slow)."""
    from ppid.publication import edition_exports

    return edition_exports.prerender(edition_id)
