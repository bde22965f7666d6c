"""Appending to and checking the hash-chained audit log."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ppid.audit.constants import GENESIS_HASH, Action
from ppid.audit.models import AuditEvent, ChainHead

HASHED_FIELDS = (
    "sequence", "timestamp", "actor_id", "actor_repr", "action", "object_type", "object_id",
    "object_repr", "before", "after", "remote_addr", "prev_hash",
)


def _normalise(value):
    """Round-trip through JSON so the hash is the same before saving and after loading."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True))


def compute_hash(event: AuditEvent) -> str:
    payload = {name: getattr(event, name) for name in HASHED_FIELDS}
    payload["timestamp"] = event.timestamp.astimezone(UTC).isoformat(
        timespec="microseconds"
    )
    canonical = json.dumps(payload, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    action: Action | str,
    *,
    actor=None,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    before: dict | None = None,
    after: dict | None = None,
    request=None,
) -> AuditEvent:
    """Append one event. Runs inside the caller's transaction, so it lands with the change."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
    if request is not None and actor is None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    actor_repr = ""
    if actor is not None:
        actor_repr = actor.get_username()
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"hash": GENESIS_HASH, "sequence": 0}
        )
        event = AuditEvent(
            sequence=head.sequence + 1,
            timestamp=timezone.now(),
            actor_id=actor.pk if actor is not None else None,
            actor_repr=actor_repr[:255],
            action=str(action),
            object_type=object_type,
            object_id=str(object_id),
            object_repr=object_repr[:500],
            before=_normalise(before) if before is not None else None,
            after=_normalise(after) if after is not None else None,
            remote_addr=(request.META.get("REMOTE_ADDR", "") if request is not None else "")[:64],
            prev_hash=head.hash,
        )
        event.hash = compute_hash(event)
        event.save()
        head.sequence, head.hash = event.sequence, event.hash
        head.save(update_fields=["sequence", "hash"])
    return event


@dataclass
class ChainReport:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str = ""


def verify_chain(batch_size: int = 2000) -> ChainReport:
    """Recompute every link. Reports the first event whose hash or link does not match."""
    expected_prev, expected_seq, checked = GENESIS_HASH, 1, 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if event.sequence != expected_seq:
            return ChainReport(False, checked, expected_seq,
                               f"event #{expected_seq} is missing (next is #{event.sequence})")
        if event.prev_hash != expected_prev:
            return ChainReport(False, checked, event.sequence,
                               "does not link to the previous event")
        if compute_hash(event) != event.hash:
            return ChainReport(False, checked, event.sequence, "content was altered")
        expected_prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = ChainHead.objects.filter(id=1).first()
    if head is not None and (head.sequence != checked or head.hash != expected_prev):
        return ChainReport(False, checked, checked + 1 if head.sequence > checked else checked,
                           f"the log ends at #{checked} but #{head.sequence} was written")
    return ChainReport(True, checked)


def events_for(obj_type: str, obj_id) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=obj_type, object_id=str(obj_id))


EXPORT_COLUMNS = ("sequence", "timestamp", "actor_repr", "action", "object_type", "object_id",
                  "object_repr", "before", "after", "remote_addr", "prev_hash", "hash")


def export_csv(events) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for event in events:
        row = []
        for name in EXPORT_COLUMNS:
            value = getattr(event, name)
            if name in {"before", "after"}:
                value = "" if value is None else json.dumps(value, ensure_ascii=False,
                                                            sort_keys=True)
            elif name == "timestamp":
                value = value.isoformat()
            row.append(value)
        writer.writerow(row)
    return out.getvalue()
