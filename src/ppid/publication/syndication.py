"""RSS 2.0 and Atom feeds of new publications and serta merta announcements, newest first.

Only public items (ppid.register.services.public_items) and announced notices (active or
ended) ever appear; never an exempt, unpublished or withdrawn item, never a draft notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ppid.core.http import absolute_url
from ppid.core.models import Agency
from ppid.publication import announcements
from ppid.publication.constants import AnnouncementStatus
from ppid.register import services as register

LIMIT = 50
DESCRIPTION_WORDS = 80


@dataclass
class Entry:
    title: str
    description: str
    link: str
    published: datetime
    updated: datetime
    categories: list[str] = field(default_factory=list)


def latest_entries(request=None, limit: int = LIMIT) -> list[Entry]:
    """The newest publications and announcements together, newest first."""
    entries = []
    items = (register.public_items().filter(published_at__isnull=False)
             .select_related("holder_unit").order_by("-published_at", "-pk")[:limit])
    for item in items:
        entries.append(Entry(
            title=_("Publication: %(title)s") % {"title": item.title},
            description=Truncator(item.summary).words(DESCRIPTION_WORDS),
            link=absolute_url(reverse("portal:item", args=[item.pk]), request),
            published=item.published_at,
            updated=max(item.updated_at, item.published_at),
            categories=[str(item.get_category_display()), item.holder_unit.name],
        ))
    notices = (announcements.public_announcements().filter(announced_at__isnull=False)
               .order_by("-announced_at", "-pk")[:limit])
    for notice in notices:
        ended = notice.status == AnnouncementStatus.ENDED
        title = (_("Serta merta announcement (ended): %(title)s") if ended
                 else _("Serta merta announcement: %(title)s")) % {"title": notice.title}
        parts = [str(notice.get_type_display())]
        if notice.area:
            parts.append(notice.area)
        parts.append(notice.potential_danger)
        entries.append(Entry(
            title=title,
            description=Truncator(" — ".join(p for p in parts if p)).words(DESCRIPTION_WORDS),
            link=absolute_url(reverse("publication_public:announcement", args=[notice.pk]),
                              request),
            published=notice.announced_at,
            updated=notice.ended_at or notice.updated_at,
            categories=[str(notice.get_type_display())],
        ))
    entries.sort(key=lambda e: e.published, reverse=True)
    return entries[:limit]


class PublicationFeed(Feed):
    """RSS 2.0. The request is the feed's object, so links are absolute without shared state."""

    feed_type = Rss201rev2Feed
    url_name = "publication_public:feed_rss"

    def get_object(self, request, *args, **kwargs):
        return request

    def title(self, request):
        agency = Agency.current()
        name = agency.name if agency else "PPID"
        return _("%(agency)s: new public information and announcements") % {"agency": name}

    def link(self, request):
        return absolute_url(reverse("portal:home"), request)

    def feed_url(self, request):
        return absolute_url(reverse(self.url_name), request)

    def description(self, request):
        return _("Information newly published in the public information list (DIP) and serta "
                 "merta announcements.")

    def items(self, request):
        return latest_entries(request)

    def item_title(self, entry: Entry):
        return entry.title

    def item_description(self, entry: Entry):
        return entry.description

    def item_link(self, entry: Entry):
        return entry.link

    def item_guid(self, entry: Entry):
        return entry.link

    def item_pubdate(self, entry: Entry):
        return entry.published

    def item_updateddate(self, entry: Entry):
        return entry.updated

    def item_categories(self, entry: Entry):
        return entry.categories


class PublicationAtomFeed(PublicationFeed):
    feed_type = Atom1Feed
    url_name = "publication_public:feed_atom"

    def subtitle(self, request):
        return self.description(request)
