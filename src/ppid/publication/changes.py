"""The change log of the public register: what the change feed, the CKAN push and a PPID Utama
read. One row per committed change of an item that is, or was, public.

Rows are written after the register's transaction commits (register.signals.items_changed), so
their ids follow commit order; the feed's cursor is the last id a harvester has seen.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Max

from ppid.publication.constants import ChangeOperation, SyncState
from ppid.publication.models import Change, DataPortal, DatasetSync
from ppid.register import services as register

logger = logging.getLogger(__name__)
CHANGE_LOG_LOCK = 0x5050494443  # "PPIDC"


def record(item_ids: Iterable[int]) -> list[Change]:
    """Log a change for each item that is public now (upsert) or was public before (delete)."""
    ids = sorted(set(item_ids))
    if not ids:
        return []
    public = set(register.public_items().filter(pk__in=ids).values_list("pk", flat=True))
    last_ops = dict(Change.objects.filter(item_id__in=ids).values("item_id")
                    .annotate(last=Max("pk")).values_list("item_id", "last"))
    last_kind = dict(Change.objects.filter(pk__in=last_ops.values())
                     .values_list("item_id", "operation"))
    rows = []
    for item_id in ids:
        if item_id in public:
            rows.append(Change(item_id=item_id, operation=ChangeOperation.UPSERT))
        elif last_kind.get(item_id) == ChangeOperation.UPSERT:
            rows.append(Change(item_id=item_id, operation=ChangeOperation.DELETE))
    if not rows:
        return []
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One writer at a time, so change ids commit in order and a harvester's cursor never
            # passes an id that commits later.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHANGE_LOG_LOCK])
        created = [Change.objects.create(item_id=r.item_id, operation=r.operation) for r in rows]
        _mark_syncs_due(created)
    return created


def _mark_syncs_due(created: list[Change]) -> None:
    """Every enabled CKAN portal gets these items to send (ppid.publication.ckan)."""
    portals = list(DataPortal.objects.filter(enabled=True).values_list("pk", flat=True))
    for change in created:
        for portal_id in portals:
            sync, _ = DatasetSync.objects.get_or_create(
                portal_id=portal_id, item_id=change.item_id,
                defaults={"dataset_name": ""})
            sync.wanted_change = change.pk
            sync.state = SyncState.PENDING
            sync.attempts = 0
            sync.next_attempt_at = None
            sync.save(update_fields=["wanted_change", "state", "attempts", "next_attempt_at"])


def record_all_public() -> int:
    """Log every public item once (a new installation, or after a bulk import)."""
    ids = list(register.public_items().values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        record(ids[start:start + 1000])
    return len(ids)

