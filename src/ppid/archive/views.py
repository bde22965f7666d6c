"""Workspace views for processing: the polled status, retry, the archival PDF/A download."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.archive import services
from ppid.core.errors import Conflict, ReasonRequired
from ppid.core.http import stored_file_response
from ppid.workspace.auth import staff_required


@staff_required
def status(request, public_id):
    """The processing cell of one version; htmx polls it while the run is queued or running."""
    version = services.get_staff_version(request.user, public_id)
    return render(request, "archive/_processing.html", {
        "v": version, "can_retry": services.may_retry(request.user, version),
    })


@staff_required
@require_POST
def retry(request, public_id):
    version = services.get_staff_version(request.user, public_id)
    try:
        services.retry(request.user, version, request=request)
    except Conflict as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("“%(name)s” will be processed again.")
                         % {"name": version.original_name})
    return redirect("workspace:item", pk=version.document.item_id)


@staff_required
def download_archive(request, public_id):
    try:
        version, processing = services.get_archive(request.user, public_id)
    except ReasonRequired:  # exempt: the secure view asks why first (ppid.exemptions)
        return redirect(reverse("exemptions:open_document", args=[public_id]) + "?copy=pdfa")
    services.record_archive_download(request.user, version, processing, request=request)
    stem = version.download_name.rsplit(".", 1)[0]
    return stored_file_response(processing.archive_file.name, filename=f"{stem}-pdfa.pdf",
                                content_type="application/pdf",
                                sha256=processing.archive_sha256)
