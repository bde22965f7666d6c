from django.urls import path

from ppid.archive import views

app_name = "archive"
urlpatterns = [
    path("versi/<uuid:public_id>/status/", views.status, name="status"),
    path("versi/<uuid:public_id>/ulangi/", views.retry, name="retry"),
    path("versi/<uuid:public_id>/pdfa/", views.download_archive, name="download"),
]
