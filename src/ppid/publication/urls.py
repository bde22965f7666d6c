"""Workspace pages of publication (mounted at /ruang-kerja/publikasi/)."""

from django.urls import path

from ppid.publication import (
    urls_announcements,
    urls_ckan,
    urls_editions,
    urls_feed,
    urls_maintenance,
    views,
)

app_name = "publication"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    *urls_editions.workspace,
    *urls_announcements.workspace,
    *urls_feed.workspace,
    *urls_ckan.workspace,
    *urls_maintenance.workspace,
]
