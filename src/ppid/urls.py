from django.conf import settings
from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path

from ppid.api.api import api


def healthz(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("", include("ppid.portal.urls")),
    path("", include("ppid.requests.public_urls")),
    path("", include("ppid.publication.public_urls")),
    path("ruang-kerja/publikasi/", include("ppid.publication.urls")),
    path("ruang-kerja/permohonan/", include("ppid.requests.urls")),
    path("ruang-kerja/kalender/", include("ppid.worktime.urls")),
    path("ruang-kerja/prosedur/", include("ppid.procedures.urls")),
    path("ruang-kerja/arsip-retensi/", include("ppid.records.urls")),
    path("ruang-kerja/dikecualikan/", include("ppid.exemptions.urls")),
    path("ruang-kerja/arsip/", include("ppid.archive.urls")),
    path("ruang-kerja/", include("ppid.workspace.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.PPID_ADMIN_PATH, admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
