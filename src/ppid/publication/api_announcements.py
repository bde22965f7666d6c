"""API of serta merta announcements, publication channels and berkala refresh.

Public: announced notices (active or ended; never drafts). Staff (Bearer token): create, change,
announce and end notices; record channels; confirm a berkala item is still current; the stale
berkala items.
"""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse
from ninja import Router, Schema, Status
from pydantic import Field

from ppid.core.http import absolute_url
from ppid.publication import announcements, channels, refresh
from ppid.publication.constants import AnnouncementStatus
from ppid.publication.models import Announcement, ChannelRecord
from ppid.register import services as register
from ppid.register.schemas import ErrorOut, UnitRef

public_router = Router(tags=["publication"])
staff_router = Router(tags=["publication"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
MAX_PAGE_SIZE = 100


# --------------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------------


class AnnouncementOut(Schema):
    id: int
    url: str
    title: str
    type: str
    type_label: str
    status: str
    area: str
    body: str
    potential_danger: str
    affected: str
    evacuation_procedure: str
    evacuation_place: str
    avoid_harm: str
    get_help: str
    announcer: str
    handling_efforts: str
    item_url: str | None = Field(description="The related public information item, if any.")
    announced_at: datetime | None
    ended_at: datetime | None
    end_note: str


class AnnouncementPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AnnouncementOut]


class StaffAnnouncementOut(AnnouncementOut):
    item_id: int | None
    missing_to_announce: list[str]
    created_at: datetime
    updated_at: datetime


class AnnouncementIn(Schema):
    title: str = Field(min_length=1, max_length=255)
    type: str
    area: str = ""
    body: str = ""
    potential_danger: str = ""
    affected: str = ""
    evacuation_procedure: str = ""
    evacuation_place: str = ""
    avoid_harm: str = ""
    get_help: str = ""
    announcer: str = ""
    handling_efforts: str = ""
    item_id: int | None = None


class AnnouncementPatch(Schema):
    title: str | None = Field(default=None, min_length=1, max_length=255)
    type: str | None = None
    area: str | None = None
    body: str | None = None
    potential_danger: str | None = None
    affected: str | None = None
    evacuation_procedure: str | None = None
    evacuation_place: str | None = None
    avoid_harm: str | None = None
    get_help: str | None = None
    announcer: str | None = None
    handling_efforts: str | None = None
    item_id: int | None = None


class EndIn(Schema):
    note: str = Field(min_length=1)


class ChannelOut(Schema):
    id: int
    channel: str
    channel_label: str
    published_on: date
    published_by: str | None
    reference: str
    note: str
    automatic: bool
    item_id: int | None
    announcement_id: int | None


class ChannelIn(Schema):
    channel: str
    published_on: date | None = None
    reference: str = ""
    note: str = ""


class ConfirmIn(Schema):
    note: str = ""


class RefreshOut(Schema):
    item_id: int
    title: str
    holder_unit: UnitRef
    period_months: int
    last_refreshed: datetime | None
    due_on: date | None
    stale: bool
    days_overdue: int


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _announcement(request, a: Announcement, *, staff: bool = False) -> dict:
    item = announcements.public_item_for(a)
    data = {
        "id": a.pk,
        "url": absolute_url(reverse("publication_public:announcement", args=[a.pk]), request),
        "type_label": str(a.get_type_display()),
        "item_url": absolute_url(reverse("portal:item", args=[item.pk]), request)
        if item else None,
        **{name: getattr(a, name) for name in (
            "title", "type", "status", "area", "body", "potential_danger", "affected",
            "evacuation_procedure", "evacuation_place", "avoid_harm", "get_help", "announcer",
            "handling_efforts", "announced_at", "ended_at", "end_note")},
    }
    if staff:
        data.update(item_id=a.item_id, missing_to_announce=announcements.missing_to_announce(a),
                    created_at=a.created_at, updated_at=a.updated_at)
    return data


def _channel(record: ChannelRecord) -> dict:
    return {
        "id": record.pk, "channel": record.channel,
        "channel_label": str(record.get_channel_display()),
        "published_on": record.published_on,
        "published_by": record.published_by.get_username() if record.published_by else None,
        "reference": record.reference, "note": record.note, "automatic": record.automatic,
        "item_id": record.item_id, "announcement_id": record.announcement_id,
    }


def _data(payload: Schema, *, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    if "item_id" in data:
        data["item"] = data.pop("item_id")
    return data


# --------------------------------------------------------------------------------------------
# Public
# --------------------------------------------------------------------------------------------


@public_router.get("/announcements", response=AnnouncementPage,
                   summary="Serta merta announcements (active first, then ended)")
def public_list(request, active: bool | None = None, page: int = 1, page_size: int = 20):
    page = max(page, 1)
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    found = announcements.public_announcements()
    if active is True:
        found = found.filter(status=AnnouncementStatus.ACTIVE)
    elif active is False:
        found = found.filter(status=AnnouncementStatus.ENDED)
    start = (page - 1) * page_size
    return {"count": found.count(), "page": page, "page_size": page_size,
            "results": [_announcement(request, a) for a in found[start:start + page_size]]}


@public_router.get("/announcements/{announcement_id}",
                   response={200: AnnouncementOut, 404: ErrorOut},
                   summary="One announced serta merta announcement")
def public_detail(request, announcement_id: int):
    return _announcement(request, announcements.get_public(announcement_id))


# --------------------------------------------------------------------------------------------
# Staff
# --------------------------------------------------------------------------------------------


@staff_router.get("/announcements", response={200: list[StaffAnnouncementOut], **ERRORS},
                  summary="All announcements, drafts included")
def staff_list(request, status: str | None = None, page: int = 1, page_size: int = 20):
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    found = announcements.staff_announcements(request.auth)
    if status:
        found = found.filter(status=status)
    start = (max(page, 1) - 1) * page_size
    return [_announcement(request, a, staff=True) for a in found[start:start + page_size]]


@staff_router.post("/announcements", response={201: StaffAnnouncementOut, **ERRORS},
                   summary="Create a draft announcement")
def create(request, payload: AnnouncementIn):
    created = announcements.create(request.auth, _data(payload, partial=False), request=request)
    return Status(201, _announcement(request, created, staff=True))


@staff_router.get("/announcements/{announcement_id}",
                  response={200: StaffAnnouncementOut, **ERRORS})
def staff_detail(request, announcement_id: int):
    return _announcement(request, announcements.get_staff(request.auth, announcement_id),
                         staff=True)


@staff_router.patch("/announcements/{announcement_id}",
                    response={200: StaffAnnouncementOut, **ERRORS},
                    summary="Change a draft or active announcement")
def patch(request, announcement_id: int, payload: AnnouncementPatch):
    found = announcements.get_staff(request.auth, announcement_id)
    changed = announcements.update(request.auth, found, _data(payload, partial=True),
                                   request=request)
    return _announcement(request, changed, staff=True)


@staff_router.post("/announcements/{announcement_id}/announce",
                   response={200: StaffAnnouncementOut, **ERRORS},
                   summary="Announce: the banner appears on every portal page")
def announce(request, announcement_id: int):
    found = announcements.get_staff(request.auth, announcement_id)
    return _announcement(request, announcements.announce(request.auth, found, request=request),
                         staff=True)


@staff_router.post("/announcements/{announcement_id}/end",
                   response={200: StaffAnnouncementOut, **ERRORS},
                   summary="End an announcement: the banner goes")
def end(request, announcement_id: int, payload: EndIn):
    found = announcements.get_staff(request.auth, announcement_id)
    return _announcement(request, announcements.end(request.auth, found, payload.note,
                                                    request=request), staff=True)


@staff_router.get("/announcements/{announcement_id}/channels",
                  response={200: list[ChannelOut], **ERRORS})
def announcement_channels(request, announcement_id: int):
    found = announcements.get_staff(request.auth, announcement_id)
    return [_channel(r) for r in channels.for_announcement(found)]


@staff_router.post("/announcements/{announcement_id}/channels",
                   response={201: ChannelOut, **ERRORS},
                   summary="Record where an announcement was published")
def record_announcement_channel(request, announcement_id: int, payload: ChannelIn):
    found = announcements.get_staff(request.auth, announcement_id)
    record = channels.record_channel(request.auth, announcement=found, request=request,
                                     **payload.dict())
    return Status(201, _channel(record))


@staff_router.get("/items/{item_id}/channels", response={200: list[ChannelOut], **ERRORS},
                  summary="Where an item was published")
def item_channels(request, item_id: int):
    item = register.get_staff_item(request.auth, item_id)
    return [_channel(r) for r in channels.for_item(item)]


@staff_router.post("/items/{item_id}/channels", response={201: ChannelOut, **ERRORS},
                   summary="Record where a published item was published")
def record_item_channel(request, item_id: int, payload: ChannelIn):
    item = register.get_staff_item(request.auth, item_id)
    record = channels.record_channel(request.auth, item=item, request=request,
                                     **payload.dict())
    return Status(201, _channel(record))


def _refresh(item, today) -> dict:
    state = refresh.state(item, today)
    return {"item_id": item.pk, "title": item.title,
            "holder_unit": {"id": item.holder_unit_id, "name": item.holder_unit.name},
            "period_months": state.period_months, "last_refreshed": state.last_refreshed,
            "due_on": state.due_on, "stale": state.stale, "days_overdue": state.days_overdue}


@staff_router.post("/items/{item_id}/confirm-current", response={200: RefreshOut, **ERRORS},
                   summary="Berkala: confirm the item is still current (restarts its period)")
def confirm_current(request, item_id: int, payload: ConfirmIn):
    item = register.get_staff_item(request.auth, item_id)
    item = refresh.confirm_current(request.auth, item, payload.note, request=request)
    return _refresh(item, refresh.today_local())


@staff_router.get("/periodic/due", response={200: list[RefreshOut], **ERRORS},
                  summary="Berkala items past their refresh period or due within 30 days")
def periodic_due(request, unit: int | None = None, stale_only: bool = False):
    today = refresh.today_local()
    items = refresh.dashboard_items(request.auth, today, unit=unit,
                                    within_days=-1 if stale_only else refresh.DUE_SOON_DAYS)
    return [_refresh(item, today) for item in items[:500]]
