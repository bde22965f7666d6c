"""Where and when each publication went out: this portal, the Pusat Data, social media, the notice
board; with the date and who published it.

The portal's own record (Website) is written automatically: when an item is published
(`record_website_publications`, called from publication.receivers after the register's change)
and when an announcement is announced (ppid.publication.announcements).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed
from ppid.publication.constants import AnnouncementStatus, Channel
from ppid.publication.models import Announcement, ChannelRecord
from ppid.register import services as register
from ppid.register.constants import Status
from ppid.register.models import InformationItem

MAX_TEXT = 500


def may_record(user, item: InformationItem | None = None) -> bool:
    """Publishers (for the item's unit) and announcers may record channels."""
    access = Access.for_user(user)
    if access.can_anywhere(C.ANNOUNCE):
        return True
    if item is not None:
        return access.can(C.PUBLISH, item.holder_unit_id)
    return access.can_anywhere(C.PUBLISH)


def record_channel(user, *, item: InformationItem | None = None,
                   announcement: Announcement | None = None, channel: str,
                   published_on: date | None = None, reference: str = "", note: str = "",
                   automatic: bool = False, request=None) -> ChannelRecord:
    """Record that an item (published) or an announcement (announced) went out on a channel."""
    if (item is None) == (announcement is None):
        raise InvalidInput(_("Record a channel for either an information item or an "
                             "announcement."))
    if channel not in Channel.values:
        raise InvalidInput(_("Unknown channel."),
                           field_errors={"channel": [_("Choose a channel.")]})
    if not automatic and not may_record(user, item):
        raise NotAllowed(_("Only the PPID or web manager may record publication channels."))
    if item is not None and not register.public_items().filter(pk=item.pk).exists():
        raise Conflict(_("Only published information can be recorded on a channel."))
    if announcement is not None and announcement.status == AnnouncementStatus.DRAFT:
        raise Conflict(_("A draft announcement has not been published anywhere yet."))
    today = timezone.localdate()
    published_on = published_on or today
    errors = {}
    if published_on > today:
        errors["published_on"] = [_("The date cannot be in the future.")]
    reference, note = (reference or "").strip(), (note or "").strip()
    if len(reference) > MAX_TEXT:
        errors["reference"] = [_("At most 500 characters.")]
    if len(note) > MAX_TEXT:
        errors["note"] = [_("At most 500 characters.")]
    if errors:
        raise InvalidInput(_("Some fields are missing or invalid."), field_errors=errors)
    with transaction.atomic():
        record = ChannelRecord.objects.create(
            item=item, announcement=announcement, channel=channel, published_on=published_on,
            published_by=user, reference=reference, note=note, automatic=automatic)
        audit.record(Action.CHANNEL_RECORD, actor=user, obj=item or announcement,
                     request=request, after=_snapshot(record))
    return record


def _snapshot(record: ChannelRecord) -> dict:
    return {"channel": record.channel, "published_on": record.published_on.isoformat(),
            "reference": record.reference, "note": record.note,
            "automatic": record.automatic,
            "published_by": record.published_by.get_username() if record.published_by else None}


def record_website_publications(item_ids: Iterable[int]) -> list[ChannelRecord]:
    """The portal's own record of each given item published now, once per publication.

    Called after every committed change of items: an item that is public and whose latest
    publication (its `published_at`) has no Website record yet gets one, dated the day it was
    published and credited to whoever published it (the latest audited move to "published").
    """
    ids = sorted(set(item_ids))
    if not ids:
        return []
    recorded = ChannelRecord.objects.filter(item=OuterRef("pk"), channel=Channel.WEBSITE,
                                            recorded_at__gte=OuterRef("published_at"))
    items = list(register.public_items().filter(pk__in=ids, published_at__isnull=False)
                 .annotate(recorded=Exists(recorded)).filter(recorded=False))
    if not items:
        return []
    publishers = _publishers(items)
    created = []
    for item in items:
        with transaction.atomic():
            # Locked and checked again: two commits of the same item must not record it twice.
            locked = (InformationItem.objects.select_for_update().filter(pk=item.pk)
                      .annotate(recorded=Exists(recorded)).first())
            if locked is None or locked.recorded or locked.status != Status.PUBLISHED:
                continue
            created.append(record_channel(
                publishers.get(item.pk), item=locked, channel=Channel.WEBSITE,
                published_on=timezone.localdate(locked.published_at), automatic=True))
    return created


def _publishers(items: list[InformationItem]) -> dict:
    """item id -> the user of the latest audited move to "published" (if still known)."""
    events = (AuditEvent.objects
              .filter(object_type=register.ITEM_TYPE, object_id__in=[str(i.pk) for i in items],
                      action=Action.TRANSITION, after__status=Status.PUBLISHED)
              .select_related("actor").order_by("-sequence"))
    found = {}
    for event in events:
        found.setdefault(int(event.object_id), event.actor)
    return found


def for_item(item: InformationItem) -> QuerySet[ChannelRecord]:
    return item.channel_records.select_related("published_by").order_by("-published_on", "-pk")


def for_announcement(announcement: Announcement) -> QuerySet[ChannelRecord]:
    return announcement.channel_records.select_related("published_by").order_by(
        "-published_on", "-pk")


def visible_records(user) -> QuerySet[ChannelRecord]:
    """Channel records of announcements and of the items this user may see."""
    return ChannelRecord.objects.filter(
        Q(item__isnull=True) | Q(item__in=register.staff_items(user).values("pk")))


def filter_records(queryset, *, channel: str | None = None, date_from: date | None = None,
                   date_to: date | None = None):
    if channel:
        queryset = queryset.filter(channel=channel)
    if date_from:
        queryset = queryset.filter(published_on__gte=date_from)
    if date_to:
        queryset = queryset.filter(published_on__lte=date_to)
    return queryset
