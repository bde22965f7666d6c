"""URL patterns of this part of publication (aggregated by urls.py and public_urls.py)."""

from django.urls import path, re_path

from ppid.publication import views_editions as views

DOWNLOADS = r"(?P<what>pdf|xlsx|sk)"

workspace: list = [  # under /ruang-kerja/publikasi/
    path("edisi/", views.edition_list, name="editions"),
    path("edisi/siapkan/", views.edition_prepare, name="edition_prepare"),
    path("edisi/bandingkan/", views.edition_compare, name="edition_compare"),
    path("edisi/<int:pk>/", views.edition_detail, name="edition"),
    path("edisi/<int:pk>/ubah/", views.edition_update, name="edition_update"),
    path("edisi/<int:pk>/tetapkan/", views.edition_sign, name="edition_sign"),
    path("edisi/<int:pk>/buang/", views.edition_discard, name="edition_discard"),
    re_path(rf"^edisi/(?P<pk>[0-9]+)/unduh/{DOWNLOADS}/$", views.edition_download,
            name="edition_download"),
]
portal: list = [  # at the site root
    re_path(r"^(?P<kind>dip|dik)/edisi/$", views.public_list, name="editions"),
    re_path(r"^(?P<kind>dip|dik)/edisi/bandingkan/$", views.public_compare,
            name="edition_compare"),
    re_path(r"^(?P<kind>dip|dik)/edisi/(?P<pk>[0-9]+)/$", views.public_detail, name="edition"),
    re_path(rf"^(?P<kind>dip|dik)/edisi/(?P<pk>[0-9]+)/unduh/{DOWNLOADS}/$",
            views.public_download, name="edition_download"),
]
