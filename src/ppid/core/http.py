"""Serving stored files through views that have already checked who may see them."""

from django.core.files.storage import default_storage
from django.http import FileResponse

from ppid.register.constants import FileType

INLINE_TYPES = {FileType.PDF, FileType.JPEG, FileType.PNG}


def file_response(version) -> FileResponse:
    handle = default_storage.open(version.file.name, "rb")
    response = FileResponse(
        handle,
        as_attachment=version.content_type not in INLINE_TYPES,
        filename=version.download_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    response["Digest"] = f"sha-256={version.sha256}"
    return response
