"""Serving stored files through views that have already checked who may see them."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from ppid.register.constants import FileType

INLINE_TYPES = {FileType.PDF, FileType.JPEG, FileType.PNG}


def stored_file_response(name: str, *, filename: str, content_type: str,
                         sha256: str = "") -> FileResponse:
    """A stored file as a download that can never run as a page of this site."""
    handle = default_storage.open(name, "rb")
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_TYPES,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    if sha256:
        response["Digest"] = f"sha-256={sha256}"
    return response


def file_response(version) -> FileResponse:
    return stored_file_response(version.file.name, filename=version.download_name,
                                content_type=version.content_type, sha256=version.sha256)


def generated_file_response(content: bytes, *, filename: str, content_type: str,
                            as_attachment: bool = True) -> HttpResponse:
    """A document made for this request (PDF, XLSX): never cached, never sniffed."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def absolute_url(path: str, request=None) -> str:
    """An absolute address for feeds, catalogs and e-mails: from the request, else PPID_SITE_URL
    (a relative path when neither is known)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return f"{settings.PPID_SITE_URL}{path}"
