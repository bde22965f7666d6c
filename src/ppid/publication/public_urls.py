"""Portal pages, feeds, the sitemap and the Pusat Data catalog (mounted at the site root)."""

from ppid.publication import (
    urls_announcements,
    urls_ckan,
    urls_editions,
    urls_feed,
    urls_maintenance,
)

app_name = "publication_public"
urlpatterns = [
    *urls_editions.portal,
    *urls_announcements.portal,
    *urls_feed.portal,
    *urls_ckan.portal,
    *urls_maintenance.portal,
]
