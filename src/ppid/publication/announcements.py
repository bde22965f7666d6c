"""Serta merta announcements (Pasal 10 UU 14/2008; Perki 1/2021 on the service standard).

A notice is prepared as a draft, announced (from then on a banner on every portal page, at once)
and ended. Announcing checks that it carries what the rules ask: the type, the potential danger,
who is affected, how to avoid harm, how to get help, who must announce it, and for disasters the
evacuation procedure and place.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.publication.constants import (
    ANNOUNCEMENT_TRANSITIONS,
    AnnouncementStatus,
    AnnouncementType,
    Channel,
)
from ppid.publication.models import Announcement
from ppid.register import services as register
from ppid.register.models import InformationItem

EDITABLE_FIELDS = (
    "title", "type", "area", "body", "potential_danger", "affected", "evacuation_procedure",
    "evacuation_place", "avoid_harm", "get_help", "announcer", "handling_efforts", "item",
)
TEXT_FIELDS = tuple(name for name in EDITABLE_FIELDS if name not in ("type", "item"))
# What every announcement must say before it is announced.
REQUIRED_TO_ANNOUNCE = ("title", "type", "potential_danger", "affected", "avoid_harm",
                        "get_help", "announcer")
# ... and, for disasters, where and how to evacuate.
DISASTER_TYPES = frozenset({AnnouncementType.NATURAL_DISASTER,
                            AnnouncementType.NON_NATURAL_DISASTER,
                            AnnouncementType.SOCIAL_DISASTER})
EVACUATION_FIELDS = ("evacuation_procedure", "evacuation_place")
PUBLIC_STATUSES = (AnnouncementStatus.ACTIVE, AnnouncementStatus.ENDED)


def may_announce(user) -> bool:
    return Access.for_user(user).can_anywhere(C.ANNOUNCE)


def _require_announce(user) -> None:
    if not may_announce(user):
        raise NotAllowed(_("Only the PPID or web manager may prepare and publish "
                           "announcements."))


def evacuation_required(kind: str) -> bool:
    return kind in DISASTER_TYPES


# --------------------------------------------------------------------------------------------
# Reading.
# --------------------------------------------------------------------------------------------


def active_announcements() -> QuerySet[Announcement]:
    """What the banner shows: one query, never cached (it appears and goes at once)."""
    return (Announcement.objects.filter(status=AnnouncementStatus.ACTIVE)
            .only("pk", "title", "type", "area", "announced_at")
            .order_by("-announced_at", "-pk"))


def public_announcements() -> QuerySet[Announcement]:
    """Announced ones, the active first, then the ended, newest first. Drafts never."""
    return (Announcement.objects.filter(status__in=PUBLIC_STATUSES)
            .annotate(active_first=Case(When(status=AnnouncementStatus.ACTIVE, then=Value(0)),
                                        default=Value(1), output_field=IntegerField()))
            .order_by("active_first", "-announced_at", "-pk"))


def get_public(pk) -> Announcement:
    found = (Announcement.objects.filter(status__in=PUBLIC_STATUSES, pk=pk)
             .select_related("item").first())
    if found is None:
        raise NotFound(_("Announcement not found."))
    return found


def staff_announcements(user) -> QuerySet[Announcement]:
    """Every announcement, drafts included, for staff (they are not secret, only unfinished)."""
    if not Access.for_user(user).can_anywhere(C.VIEW_REGISTER):
        return Announcement.objects.none()
    return Announcement.objects.select_related("item", "announced_by", "ended_by").annotate(
        active_first=Case(When(status=AnnouncementStatus.ACTIVE, then=Value(0)),
                          When(status=AnnouncementStatus.DRAFT, then=Value(1)),
                          default=Value(2), output_field=IntegerField()),
    ).order_by("active_first", "-announced_at", "-created_at", "-pk")


def get_staff(user, pk) -> Announcement:
    found = staff_announcements(user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Announcement not found."))
    return found


def public_item_for(announcement: Announcement) -> InformationItem | None:
    """The related item, if it is (still) public: only then may the portal link it."""
    if announcement.item_id is None:
        return None
    return register.public_items().filter(pk=announcement.item_id).first()


# --------------------------------------------------------------------------------------------
# Changing.
# --------------------------------------------------------------------------------------------


def snapshot(announcement: Announcement) -> dict:
    data = {name: getattr(announcement, name) for name in TEXT_FIELDS}
    data["type"] = announcement.type
    data["item"] = announcement.item_id
    data["status"] = announcement.status
    return data


def _apply(announcement: Announcement, data: dict) -> None:
    for name in TEXT_FIELDS:
        if name in data:
            setattr(announcement, name, (data[name] or "").strip())
    if "type" in data:
        announcement.type = data["type"] or ""
    if "item" in data:
        announcement.item = _item(data["item"])


def _item(value) -> InformationItem | None:
    if value in (None, ""):
        return None
    if isinstance(value, InformationItem):
        return value
    try:
        found = InformationItem.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise InvalidInput(_("Unknown information item."),
                           field_errors={"item": [_("Unknown information item.")]})
    return found


def _validate(announcement: Announcement, *, complete: bool) -> None:
    """Drafts need a title and a type; an announcement going or being public needs it all."""
    errors: dict[str, list] = {}
    required = REQUIRED_TO_ANNOUNCE if complete else ("title", "type")
    if complete and evacuation_required(announcement.type):
        required += EVACUATION_FIELDS
    for name in required:
        if not getattr(announcement, name):
            errors.setdefault(name, []).append(_("This field is required."))
    if announcement.type and announcement.type not in AnnouncementType.values:
        errors.setdefault("type", []).append(_("Unknown type of announcement."))
    if len(announcement.title) > 255:
        errors.setdefault("title", []).append(_("At most 255 characters."))
    if len(announcement.area) > 255:
        errors.setdefault("area", []).append(_("At most 255 characters."))
    if announcement.item_id is not None and not register.public_items().filter(
            pk=announcement.item_id).exists():
        errors.setdefault("item", []).append(
            _("Only published information can be linked to an announcement."))
    if errors:
        message = (_("The announcement lacks what the rules require; fill in the marked fields.")
                   if complete else _("Some fields are missing or invalid."))
        raise InvalidInput(message, field_errors=errors)


def missing_to_announce(announcement: Announcement) -> list[str]:
    """The fields a draft still lacks before it can be announced."""
    try:
        _validate(announcement, complete=True)
    except InvalidInput as exc:
        return list(exc.field_errors)
    return []


def create(user, data: dict, request=None) -> Announcement:
    _require_announce(user)
    announcement = Announcement(created_by=user)
    _apply(announcement, data)
    _validate(announcement, complete=False)
    with transaction.atomic():
        announcement.save()
        audit.record(Action.CREATE, actor=user, obj=announcement, after=snapshot(announcement),
                     request=request)
    return announcement


def update(user, announcement: Announcement, data: dict, request=None) -> Announcement:
    """Change a draft or an active announcement (an ended one is kept as it was)."""
    _require_announce(user)
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
        if announcement.status == AnnouncementStatus.ENDED:
            raise Conflict(_("An ended announcement can no longer be changed."))
        before = snapshot(announcement)
        _apply(announcement, data)
        _validate(announcement, complete=announcement.status == AnnouncementStatus.ACTIVE)
        after = snapshot(announcement)
        changed = sorted(k for k in after if after[k] != before[k])
        if changed:
            announcement.save()
            audit.record(Action.UPDATE, actor=user, obj=announcement, request=request,
                         before={k: before[k] for k in changed},
                         after={k: after[k] for k in changed})
    return announcement


def _check_transition(announcement: Announcement, target: str) -> None:
    if target not in ANNOUNCEMENT_TRANSITIONS.get(announcement.status, ()):
        raise Conflict(_("An announcement cannot go from “%(from)s” to “%(to)s”.") % {
            "from": AnnouncementStatus(announcement.status).label,
            "to": AnnouncementStatus(target).label})


def announce(user, announcement: Announcement, request=None) -> Announcement:
    """Publish it: from the commit on, a banner on every portal page (and a Website record)."""
    from ppid.publication import channels  # channels knows announcements: import late

    _require_announce(user)
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
        _check_transition(announcement, AnnouncementStatus.ACTIVE)
        _validate(announcement, complete=True)
        announcement.status = AnnouncementStatus.ACTIVE
        announcement.announced_at = timezone.now()
        announcement.announced_by = user
        announcement.save()
        audit.record(Action.ANNOUNCE, actor=user, obj=announcement, request=request,
                     before={"status": AnnouncementStatus.DRAFT},
                     after={"status": AnnouncementStatus.ACTIVE,
                            "type": announcement.type, "title": announcement.title})
        channels.record_channel(user, announcement=announcement, channel=Channel.WEBSITE,
                                automatic=True, request=request)
    return announcement


def end(user, announcement: Announcement, note: str, request=None) -> Announcement:
    """End it: the banner goes at once; the notice stays on the portal as ended."""
    _require_announce(user)
    note = (note or "").strip()
    if not note:
        raise InvalidInput(_("Say why the announcement ends."),
                           field_errors={"note": [_("This field is required.")]})
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
        _check_transition(announcement, AnnouncementStatus.ENDED)
        announcement.status = AnnouncementStatus.ENDED
        announcement.ended_at = timezone.now()
        announcement.ended_by = user
        announcement.end_note = note
        announcement.save()
        audit.record(Action.ANNOUNCEMENT_END, actor=user, obj=announcement, request=request,
                     before={"status": AnnouncementStatus.ACTIVE},
                     after={"status": AnnouncementStatus.ENDED, "note": note})
    return announcement
