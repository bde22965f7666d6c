"""URL patterns of announcements, channels, the berkala dashboard, the feeds and the sitemap
(aggregated by urls.py and public_urls.py)."""

from django.urls import path

from ppid.publication import sitemaps, syndication
from ppid.publication import views_announcements as views

workspace: list = [  # under /ruang-kerja/publikasi/
    path("pengumuman/", views.announcement_list, name="announcements"),
    path("pengumuman/baru/", views.announcement_create, name="announcement_create"),
    path("pengumuman/<int:pk>/", views.announcement_detail, name="announcement"),
    path("pengumuman/<int:pk>/ubah/", views.announcement_edit, name="announcement_edit"),
    path("pengumuman/<int:pk>/umumkan/", views.announcement_announce,
         name="announcement_announce"),
    path("pengumuman/<int:pk>/akhiri/", views.announcement_end, name="announcement_end"),
    path("pengumuman/<int:pk>/kanal/", views.announcement_channel,
         name="announcement_channel"),
    path("berkala/", views.refresh_dashboard, name="refresh"),
    path("berkala/<int:pk>/masih-terkini/", views.refresh_confirm, name="refresh_confirm"),
    path("kanal/", views.channel_list, name="channels"),
    path("kanal/informasi/<int:pk>/", views.item_channel, name="item_channel"),
]
portal: list = [  # at the site root
    path("pengumuman/", views.portal_list, name="announcements"),
    path("pengumuman/<int:pk>/", views.portal_detail, name="announcement"),
    path("umpan/rss.xml", syndication.PublicationFeed(), name="feed_rss"),
    path("umpan/atom.xml", syndication.PublicationAtomFeed(), name="feed_atom"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
