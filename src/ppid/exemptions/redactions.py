"""Redaction (penghitaman) of documents: mark regions, accept detector suggestions, apply.

Applying makes a new version from scratch (ppid.exemptions.redaction): the hidden content is
gone for good, the remaining text stays searchable, and every page with redactions says that
and why content was withheld. The version it was made from, and every older version of the
document, become withheld originals kept in the secure store.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.exemptions import redaction as engine
from ppid.exemptions import services
from ppid.exemptions.constants import RedactionSource, RunState
from ppid.exemptions.models import Redaction, RedactionRun
from ppid.register import services as register
from ppid.register.constants import ExemptionGround, FileType, Status
from ppid.register.models import DocumentVersion

logger = logging.getLogger(__name__)
IMAGE_TYPES = {FileType.JPEG, FileType.PNG, FileType.TIFF}


# --------------------------------------------------------------------------------------------
# Who may do what.
# --------------------------------------------------------------------------------------------


def may_mark(user, version: DocumentVersion) -> bool:
    item = version.document.item
    if item.status == Status.DISPOSED:
        return False
    if not Access.for_user(user).can(C.REDACT, item.holder_unit_id):
        return False
    # Looking at an exempt document's pages is opening it: a recorded reason first.
    return not version.is_restricted or services.has_recent_access(user, version)


def may_apply(user, version: DocumentVersion) -> bool:
    item = version.document.item
    access = Access.for_user(user)
    if not (may_mark(user, version) and access.can(C.APPROVE_HARM_TEST, item.holder_unit_id)):
        return False
    return item.status != Status.PUBLISHED or access.can(C.PUBLISH, item.holder_unit_id)


def get_version(user, public_id) -> DocumentVersion:
    """A version this user may mark redactions on (NotFound / NotAllowed otherwise)."""
    version = (register.staff_versions(user).filter(public_id=public_id)
               .select_related("document__item__holder_unit").first())
    if version is None:
        raise NotFound(_("File not found."))
    if version.is_restricted and not services.has_recent_access(user, version):
        raise NotAllowed(_("Open the exempt document with a reason first."))
    if not may_mark(user, version):
        raise NotAllowed(_("You may not redact documents of this unit."))
    return version


# --------------------------------------------------------------------------------------------
# The PDF to work on.
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def source_pdf(version: DocumentVersion) -> Iterator[Path]:
    """A local copy of the PDF whose pages are redacted.

    A born-digital PDF is used as it is. A scan (PDF without text, or an image) is used through
    its archival PDF/A, which has the OCR text layer, so detectors find its words too.
    """
    from ppid.archive.models import Processing

    processing = Processing.objects.filter(pk=version.pk).defer("text").first()
    derivative = processing.archive_file.name if processing and processing.archive_file else ""
    if version.content_type not in IMAGE_TYPES | {FileType.PDF}:
        raise InvalidInput(_("Only PDF documents and scanned images can be redacted. Upload the "
                             "document as PDF first."))
    with tempfile.TemporaryDirectory(prefix="ppid-redact-") as tmp:
        target = Path(tmp) / "source.pdf"
        if version.content_type == FileType.PDF:
            _copy_to(version.file.name, target)
            if derivative and not _has_words(target):  # a scan: its OCR'd copy has the words
                _copy_to(derivative, target)
        elif derivative:
            _copy_to(derivative, target)
        else:
            raise Conflict(_("This scan has not been processed yet (OCR). Wait until processing "
                             "is done, then redact it."))
        yield target


def _copy_to(name: str, target: Path) -> None:
    with default_storage.open(name, "rb") as handle, target.open("wb") as out:
        shutil.copyfileobj(handle, out)


def _has_words(path: Path) -> bool:
    try:
        return bool(engine.words(path))
    except engine.RedactionError:
        return False


def page_count(version: DocumentVersion) -> int:
    with source_pdf(version) as path:
        return _engine(engine.page_count, path)


def page_png(version: DocumentVersion, page: int, width: int = 1000) -> bytes:
    with source_pdf(version) as path:
        return _engine(engine.render_page_png, path, page, width_px=max(200, min(width, 2000)))


def suggestions(version: DocumentVersion) -> list[engine.Suggestion]:
    """Personal data the detectors found that is not yet marked."""
    with source_pdf(version) as path:
        found = _engine(lambda p: engine.detect(engine.words(p)), path)
    marked = list(version.marked_redactions.all())
    return [s for s in found if not any(_covers(m, s.rect) for m in marked)]


def _covers(mark: Redaction, rect: engine.Rect) -> bool:
    return (mark.page == rect.page and mark.x0 <= rect.x0 + 1e-4 and mark.y0 <= rect.y0 + 1e-4
            and mark.x1 >= rect.x1 - 1e-4 and mark.y1 >= rect.y1 - 1e-4)


def _engine(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except engine.RedactionError as exc:
        raise InvalidInput(str(exc)) from exc


# --------------------------------------------------------------------------------------------
# Marks.
# --------------------------------------------------------------------------------------------


def add(user, version: DocumentVersion, *, page: int, x0: float, y0: float, x1: float,
        y1: float, ground: str, reason: str, source: str = RedactionSource.DRAWN,
        request=None) -> Redaction:
    if not may_mark(user, version):
        raise NotAllowed(_("You may not redact documents of this unit."))
    errors: dict[str, list] = {}
    if ground not in ExemptionGround.values:
        errors["ground"] = [_("Choose the Pasal 17 ground.")]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Say why this part is withheld.")]
    if source not in RedactionSource.values:
        errors["source"] = [_("Unknown source.")]
    x0, x1 = sorted((float(x0), float(x1)))
    y0, y1 = sorted((float(y0), float(y1)))
    if not (0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1):
        errors["region"] = [_("Draw the region on the page.")]
    if errors:
        raise InvalidInput(_("The redaction is not complete."), field_errors=errors)
    count = page_count(version)
    if not 0 <= int(page) < count:
        raise InvalidInput(_("The document has no page %(page)s.") % {"page": int(page) + 1})
    with transaction.atomic():
        mark = Redaction.objects.create(version=version, page=int(page), x0=x0, y0=y0, x1=x1,
                                        y1=y1, ground=ground, reason=reason[:300], source=source,
                                        created_by=user)
        audit.record(Action.UPDATE, actor=user, obj=version.document.item, request=request,
                     after={"redaction": mark.pk, "document": version.document.title,
                            "version": version.number, "page": mark.page + 1,
                            "ground": ground, "source": source})
    return mark


def remove(user, mark: Redaction, request=None) -> None:
    if not may_mark(user, mark.version):
        raise NotAllowed(_("You may not redact documents of this unit."))
    with transaction.atomic():
        audit.record(Action.UPDATE, actor=user, obj=mark.version.document.item, request=request,
                     before={"redaction": mark.pk, "page": mark.page + 1}, after={})
        mark.delete()


# --------------------------------------------------------------------------------------------
# Applying.
# --------------------------------------------------------------------------------------------


def ground_short(ground: str) -> str:
    """“17h” → “Ps. 17 h”; “17a2” → “Ps. 17 a-2”: the label inside a black box."""
    letter, number = ground[2:3], ground[3:]
    return f"Ps. 17 {letter}" + (f"-{number}" if number else "")


def ground_citation(ground: str) -> str:
    """“17h” → “Pasal 17 huruf h”; “17a2” → “Pasal 17 huruf a angka 2” (the legal citation)."""
    letter, number = ground[2:3], ground[3:]
    return f"Pasal 17 huruf {letter}" + (f" angka {number}" if number else "")


def notes_for(marks) -> dict[int, list[str]]:
    """Per page: that and why content was withheld (never what), in the agency's language."""
    notes: dict[int, list[str]] = {}
    with translation.override(settings.LANGUAGE_CODE):
        for mark in marks:
            text = str(_("Withheld under %(citation)s UU 14/2008: %(reason)s") % {
                "citation": ground_citation(mark.ground), "reason": mark.reason})
            page_notes = notes.setdefault(mark.page, [])
            if text not in page_notes:
                page_notes.append(text)
    return notes


def request_apply(user, version: DocumentVersion, request=None) -> RedactionRun:
    version = get_version(user, version.public_id)
    if not may_apply(user, version):
        raise NotAllowed(_("Only the PPID applies redactions."))
    if version.withheld:
        raise Conflict(_("This version is already a withheld original."))
    if version.document.current_version_id != version.pk:
        raise Conflict(_("Only the current version of a document can be redacted."))
    marks = list(version.marked_redactions.all())
    if not marks:
        raise InvalidInput(_("Mark at least one region first."))
    if version.redaction_runs.filter(state__in=[RunState.QUEUED, RunState.RUNNING]).exists():
        raise Conflict(_("The redactions of this version are being applied."))
    from ppid.exemptions import tasks

    with transaction.atomic():
        run = RedactionRun.objects.create(
            source=version, requested_by=user,
            redactions=[{"id": m.pk, "page": m.page, "box": [m.x0, m.y0, m.x1, m.y1],
                         "ground": m.ground, "reason": m.reason, "source": m.source}
                        for m in marks])
        transaction.on_commit(lambda: tasks.apply_redactions.enqueue(run.pk))
    return run


def _progress(run: RedactionRun, value: int) -> None:
    RedactionRun.objects.filter(pk=run.pk).update(progress=value)


def run_apply(run_id: int) -> RedactionRun:
    """Worker side: build the redacted PDF, store it as the new current version, withhold the
    original (and older versions) in the secure store. A failure changes nothing."""
    claimed = RedactionRun.objects.filter(pk=run_id, state=RunState.QUEUED).update(
        state=RunState.RUNNING, progress=5)
    run = RedactionRun.objects.select_related("source__document__item", "requested_by").get(
        pk=run_id)
    if not claimed:
        return run
    try:
        return _apply(run)
    except Exception as exc:
        logger.exception("Applying redactions (run %s) failed", run.pk)
        message = str(exc.message) if hasattr(exc, "message") else str(exc)
        RedactionRun.objects.filter(pk=run.pk).update(
            state=RunState.FAILED, error=message[:2000], finished_at=timezone.now())
        run.refresh_from_db()
        return run


def _apply(run: RedactionRun) -> RedactionRun:
    source = run.source
    item = source.document.item
    marks = [Redaction(page=r["page"], x0=r["box"][0], y0=r["box"][1], x1=r["box"][2],
                       y1=r["box"][3], ground=r["ground"], reason=r["reason"])
             for r in run.redactions]
    engine_marks = [engine.Mark(rect=engine.Rect(m.page, m.x0, m.y0, m.x1, m.y1),
                                label=ground_short(m.ground)) for m in marks]
    with tempfile.TemporaryDirectory(prefix="ppid-redact-") as tmp:
        out = Path(tmp) / "redacted.pdf"
        with source_pdf(source) as path:
            _progress(run, 20)
            engine.apply(path, engine_marks, notes_for(marks), out)
        _progress(run, 80)
        stem = source.download_name.rsplit(".", 1)[0]
        with out.open("rb") as handle, transaction.atomic():
            locked = DocumentVersion.objects.select_for_update().get(pk=source.pk)
            if locked.withheld or locked.document.current_version_id != locked.pk:
                raise Conflict(_("The document changed while the redactions were applied."))
            new = register.add_version(run.requested_by, item,
                                       File(handle, name=f"{stem}-dihitamkan.pdf"),
                                       document=source.document, request=None)
            DocumentVersion.objects.filter(pk=new.pk).update(redacted_from=source)
            older = DocumentVersion.objects.filter(document=source.document,
                                                   number__lte=source.number)
            for version in older:
                services.move_version(version, secure=True)
            older.update(withheld=True)
            audit.record(Action.REDACTION_APPLY, actor=run.requested_by, obj=item,
                         after={"document": source.document.title, "from_version": source.number,
                                "version": new.number, "file": str(new.public_id),
                                "redactions": len(marks),
                                "pages": sorted({m.page + 1 for m in marks}),
                                "grounds": sorted({m.ground for m in marks})})
            RedactionRun.objects.filter(pk=run.pk).update(
                state=RunState.DONE, progress=100, result=new, finished_at=timezone.now())
            register.index_after_commit(item)
    run.refresh_from_db()
    return run
