"""Processing every new document version in the background: text, OCR, archival PDF/A.

`queue_processing` is called by `ppid.register.services.add_version` inside its transaction;
the task runs after commit. `process_version` does the work (in the worker, or inline from
`ppid process_versions` and `ppid ingest --process-now`). The uploaded original is only ever
read: results go to the `Processing` row and, for OCR'd files, to a derivative under
`archive/` in the default storage.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from ppid.archive import extract
from ppid.archive.constants import ProcessingState as S
from ppid.archive.models import Processing
from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.errors import Conflict, NotAllowed, NotFound
from ppid.core.i18n import lazy as _
from ppid.core.storage import secure_name
from ppid.register import services as register
from ppid.register.constants import FILE_EXTENSIONS
from ppid.register.models import DocumentVersion

logger = logging.getLogger(__name__)

ARCHIVE_PREFIX = "archive"


# --------------------------------------------------------------------------------------------
# Queueing.
# --------------------------------------------------------------------------------------------


def queue_processing(version: DocumentVersion) -> Processing:
    """Create or reset the version's processing (queued) and enqueue the task after commit."""
    processing = _reset(version)
    version_id = version.pk
    transaction.on_commit(lambda: _enqueue(version_id))
    return processing


def _reset(version: DocumentVersion) -> Processing:
    processing, _created = Processing.objects.update_or_create(
        version=version,
        defaults={"state": S.QUEUED, "progress": 0, "stage": "", "error": "",
                  "queued_at": timezone.now(), "started_at": None, "finished_at": None},
    )
    return processing


def _enqueue(version_id: int) -> None:
    from ppid.archive.tasks import process_version_task

    try:
        process_version_task.enqueue(version_id)
    except Exception:  # the upload is stored; the run stays queued and can be retried
        logger.exception("Could not enqueue processing of version %s", version_id)


# --------------------------------------------------------------------------------------------
# Processing.
# --------------------------------------------------------------------------------------------


class _Reporter:
    """Writes progress and stage to the row, at most a few times a second."""

    def __init__(self, version_id: int):
        self.version_id = version_id
        self.last = (None, None)
        self.last_write = 0.0

    def __call__(self, progress: int, stage: str) -> None:
        progress = max(0, min(int(progress), 99))
        now = time.monotonic()
        if (progress, stage) == self.last:
            return
        if stage == self.last[1] and now - self.last_write < 0.5:
            return
        self.last, self.last_write = (progress, stage), now
        Processing.objects.filter(pk=self.version_id, state=S.RUNNING).update(
            progress=progress, stage=stage)


def process_version(version_id: int, *, force: bool = False) -> Processing | None:
    """Process one version now. Returns its Processing, or None if the version is gone.

    Without `force` only a queued run is taken (a task that arrives after the run was done
    some other way does nothing); with `force` any state is run again.
    """
    version = (DocumentVersion.objects.select_related("document")
               .filter(pk=version_id).first())
    if version is None:
        return None
    Processing.objects.get_or_create(version=version)
    states = list(S.values) if force else [S.QUEUED]
    claimed = Processing.objects.filter(pk=version.pk, state__in=states).update(
        state=S.RUNNING, progress=1, stage="reading", error="", started_at=timezone.now(),
        finished_at=None, attempts=F("attempts") + 1,
    )
    if not claimed:
        return Processing.objects.filter(pk=version.pk).first()
    reporter = _Reporter(version.pk)
    try:
        with tempfile.TemporaryDirectory(prefix="ppid-archive-") as tmp:
            workdir = Path(tmp)
            source = workdir / f"original.{FILE_EXTENSIONS.get(version.content_type, 'bin')}"
            _copy_original(version, source)
            result = extract.extract(source, version.content_type, workdir, reporter)
            reporter(96, "storing")
            stored = (_store_archive(result.archive_path, secure=version.is_restricted)
                      if result.archive_path else ("", ""))
        return _finish(version, result, stored)
    except extract.ExtractionError as exc:
        return _fail(version, exc.message)
    except Exception as exc:
        logger.exception("Processing of version %s failed", version.pk)
        return _fail(version, _("An unexpected error stopped the processing (%(detail)s). "
                                "The uploaded file is unchanged; retry, or ask the "
                                "administrator to look at the server log.")
                     % {"detail": f"{type(exc).__name__}: {exc}"[:300]})
    finally:
        _index(version)


def _index(version: DocumentVersion) -> None:
    try:
        from ppid.search import services as search

        search.index_later([version.document.item_id])
    except Exception:  # the search index is rebuilt by its own command; never fail here
        logger.exception("Could not schedule re-indexing of item %s", version.document.item_id)


def _copy_original(version: DocumentVersion, target: Path) -> None:
    """Copy the stored original to a local file, checking it against its recorded SHA-256."""
    digest = hashlib.sha256()
    try:
        with default_storage.open(version.file.name, "rb") as source, target.open("wb") as out:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                digest.update(chunk)
                out.write(chunk)
    except OSError as exc:
        raise extract.ExtractionError(
            _("The stored file cannot be opened: %(detail)s") % {"detail": str(exc)[:300]}
        ) from exc
    if digest.hexdigest() != version.sha256:
        raise extract.ExtractionError(_(
            "The stored file no longer matches the SHA-256 recorded at upload: it may have been "
            "changed or damaged in storage. Nothing was processed; tell the administrator."
        ))


def _store_archive(path: Path, *, secure: bool) -> tuple[str, str]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
        handle.seek(0)
        token = secrets.token_hex(16)
        name = f"{ARCHIVE_PREFIX}/{token[:2]}/{token}.pdf"
        # An exempt document's derivative is as secret as the document (ppid.core.storage).
        name = default_storage.save(secure_name(name) if secure else name, File(handle))
    return name, digest.hexdigest()


def _delete_quietly(name: str) -> None:
    try:
        default_storage.delete(name)
    except OSError:
        logger.exception("Could not remove %s", name)


def _plain(message) -> str:
    """Stored reasons are written in the agency's language (staff read them as they are)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(message)


def _finish(version, result: extract.Extraction, stored: tuple[str, str]) -> Processing | None:
    archive_name, archive_sha256 = stored
    with transaction.atomic():
        processing = Processing.objects.select_for_update().filter(pk=version.pk).first()
        if processing is None:  # the version was deleted meanwhile
            if archive_name:
                transaction.on_commit(lambda: _delete_quietly(archive_name))
            return None
        old_archive = processing.archive_file.name
        processing.state = S.DONE
        processing.progress = 100
        processing.stage = ""
        processing.method = result.method
        processing.page_count = result.page_count
        processing.language = extract.guess_language(result.text)
        processing.text = result.text
        processing.error = _plain(result.note) if result.note else ""
        processing.archive_file.name = archive_name
        processing.archive_sha256 = archive_sha256
        processing.finished_at = timezone.now()
        processing.save()
        if old_archive and old_archive != archive_name:
            transaction.on_commit(lambda: _delete_quietly(old_archive))
    return processing


def _fail(version, reason) -> Processing | None:
    """A failed run keeps no results (no half-read text); the original is untouched."""
    with transaction.atomic():
        processing = Processing.objects.select_for_update().filter(pk=version.pk).first()
        if processing is None:
            return None
        old_archive = processing.archive_file.name
        processing.state = S.FAILED
        processing.stage = ""
        processing.error = _plain(reason)
        processing.method = ""
        processing.text = ""
        processing.language = ""
        processing.archive_file.name = ""
        processing.archive_sha256 = ""
        processing.finished_at = timezone.now()
        processing.save()
        if old_archive:
            transaction.on_commit(lambda: _delete_quietly(old_archive))
    return processing


# --------------------------------------------------------------------------------------------
# Staff: seeing, retrying, downloading the archival copy.
# --------------------------------------------------------------------------------------------


def _require_may_retry(access: Access, version: DocumentVersion) -> None:
    """The same rule as uploading a version of this item (register.services.add_version)."""
    register.require_may_upload(access, version.document.item)


def may_retry(user, version: DocumentVersion) -> bool:
    try:
        _require_may_retry(Access.for_user(user), version)
    except NotAllowed:
        return False
    return True


def get_staff_version(user, public_id) -> DocumentVersion:
    """A version of an item this user may see, with its processing (if any)."""
    version = (
        register.staff_versions(user).filter(public_id=public_id)
        .select_related("document__item", "processing").defer("processing__text").first()
    )
    if version is None:
        raise NotFound(_("File not found."))
    return version


def retry(user, version: DocumentVersion, request=None) -> Processing:
    """Run a failed (or stuck, or never run) processing again. Audited on the item."""
    version = get_staff_version(user, version.public_id)
    _require_may_retry(Access.for_user(user), version)
    processing = Processing.objects.filter(pk=version.pk).first()
    if processing is not None and not processing.may_be_retried:
        raise Conflict(_("This file is being processed or was processed successfully; there is "
                         "nothing to retry."))
    item = version.document.item
    with transaction.atomic():
        audit.record(
            Action.PROCESS_RETRY, actor=user, obj=item, request=request,
            before={"state": processing.state if processing else "",
                    "error": processing.error[:500] if processing else ""},
            after={"document": version.document.title, "version": version.number,
                   "file": str(version.public_id), "state": S.QUEUED},
        )
        processing = queue_processing(version)
    return processing


def get_archive(user, public_id) -> tuple[DocumentVersion, Processing]:
    """The archival PDF/A of a version, for those who may download the version itself."""
    version = register.get_staff_version(user, public_id)
    processing = (Processing.objects.filter(pk=version.pk, state=S.DONE)
                  .exclude(archive_file="").defer("text").first())
    if processing is None:
        raise NotFound(_("This file has no archival PDF/A."))
    return version, processing


def record_archive_download(user, version: DocumentVersion, processing: Processing,
                            request=None) -> None:
    audit.record(
        Action.DOWNLOAD, actor=user, obj=version.document.item, request=request,
        after={"document": version.document.title, "version": version.number,
               "file": str(version.public_id), "copy": "pdfa",
               "sha256": processing.archive_sha256},
    )


# --------------------------------------------------------------------------------------------
# Operators.
# --------------------------------------------------------------------------------------------


def versions_to_process(which: str = "new"):
    """Versions for `ppid process_versions`: new (never run or still queued), failed, all."""
    versions = DocumentVersion.objects.order_by("pk")
    if which == "all":
        return versions
    if which == "failed":
        return versions.filter(processing__state=S.FAILED)
    return versions.filter(processing__isnull=True) | versions.filter(processing__state=S.QUEUED)


def run_inline(version: DocumentVersion) -> Processing | None:
    """Reset and process a version now, in this process (no task)."""
    _reset(version)
    return process_version(version.pk, force=True)
