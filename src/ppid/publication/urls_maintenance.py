"""URL patterns of site maintenance (aggregated by urls.py and public_urls.py)."""

from django.urls import path

from ppid.publication import views_maintenance as views

workspace: list = [  # under /ruang-kerja/publikasi/
    path("pemeliharaan/", views.dashboard, name="maintenance"),
    path("pemeliharaan/<int:pk>/", views.run_detail, name="maintenance_run"),
    path("pemeliharaan/<int:pk>/kemajuan/", views.progress, name="maintenance_progress"),
]
portal: list = []  # at the site root
