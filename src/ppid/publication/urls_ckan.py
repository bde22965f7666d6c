"""URL patterns of this part of publication (aggregated by urls.py and public_urls.py)."""

from django.urls import path

from ppid.publication import views_ckan as views

workspace: list = [  # under /ruang-kerja/publikasi/
    path("pusat-data/", views.data_center, name="data_center"),
    path("pusat-data/portal-baru/", views.portal_new, name="data_portal_new"),
    path("pusat-data/portal/<int:pk>/", views.portal_edit, name="data_portal_edit"),
    path("pusat-data/portal/<int:pk>/hapus/", views.portal_delete, name="data_portal_delete"),
    path("pusat-data/portal/<int:pk>/uji/", views.portal_test, name="data_portal_test"),
    path("pusat-data/portal/<int:pk>/coba-lagi/", views.portal_retry, name="data_portal_retry"),
    path("pusat-data/portal/<int:pk>/kirim-ulang/", views.portal_resend,
         name="data_portal_resend"),
    path("pusat-data/kiriman/<int:pk>/coba-lagi/", views.sync_retry, name="data_sync_retry"),
]
portal: list = []  # at the site root
