"""URL patterns of this part of publication (aggregated by urls.py and public_urls.py): the
DCAT catalog, the network page of a PPID Utama, and its federated PPID Pelaksana."""

from django.urls import path

from ppid.publication import views_feed

workspace: list = [  # under /ruang-kerja/publikasi/
    path("federasi/", views_feed.federation_sources, name="federation"),
    path("federasi/<int:pk>/", views_feed.federation_edit, name="federation_edit"),
    path("federasi/<int:pk>/panen/", views_feed.federation_harvest, name="federation_harvest"),
]
portal: list = [  # at the site root
    path("data/katalog.jsonld", views_feed.catalog, name="catalog"),
    path("jaringan/", views_feed.network, name="network"),
]
