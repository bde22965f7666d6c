"""The sitemap (/sitemap.xml) of the portal: its main pages, every public item page and every
announced notice. Uses django.contrib.sitemaps without installing the app (its view is given our
own template)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from ppid.core.models import Agency
from ppid.publication import announcements
from ppid.register import services as register

TEMPLATE = "publication/announcements/sitemap.xml"


class PagesSitemap(Sitemap):
    changefreq = "daily"

    NAMES = ("portal:home", "portal:register", "publication_public:edition_list",
             "publication_public:announcements", "requests_public:statistics",
             "requests_public:new")

    def items(self):
        names = list(self.NAMES)
        agency = Agency.current()
        if agency is not None and agency.publish_exempt_list:
            names.append("portal:exempt_list")
        found = []
        for name in names:
            try:
                reverse(name)
            except NoReverseMatch:  # a part of the portal that is not there (yet)
                continue
            found.append(name)
        return found

    def location(self, name):
        return reverse(name)


class ItemSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return register.public_items().only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("portal:item", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class AnnouncementSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return announcements.public_announcements().only("pk", "updated_at", "status")

    def location(self, announcement):
        return reverse("publication_public:announcement", args=[announcement.pk])

    def lastmod(self, announcement):
        return announcement.updated_at


SITEMAPS = {"pages": PagesSitemap, "items": ItemSitemap, "announcements": AnnouncementSitemap}


@require_GET
def sitemap(request):
    return sitemap_view(request, SITEMAPS, template_name=TEMPLATE)
