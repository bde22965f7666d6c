"""Records management: retention periods, disposal of records past retention, fixity checks.

Who may see an item is decided by `ppid.register.services` (`staff_items`) and only there; these
services filter through it. Retention ends `years` after the item was made (`made_on`, or 31
December of its `year` when the date is unknown); the years are the item's own or, when empty,
its category's (`CategoryRetention`); neither means permanent.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import (
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.utils import timezone

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.audit.context import current_request
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.core.i18n import lazy as _
from ppid.core.models import Agency
from ppid.records.models import (
    CategoryRetention,
    Disposal,
    DisposalStatus,
    FileSource,
    FindingKind,
    FixityFinding,
    FixityRun,
    FixityRunStatus,
    FixityTrigger,
)
from ppid.register import services as register
from ppid.register.constants import Category, Status
from ppid.register.models import Document, DocumentVersion, InformationItem

logger = logging.getLogger(__name__)

NUMBER_PREFIX = "BA-PMS"
CHUNK_BYTES = 1024 * 1024
# A queued or running fixity check older than this is taken to have died with its worker.
STALE_RUN_AFTER = timedelta(hours=24)

# --------------------------------------------------------------------------------------------
# Retention periods.
# --------------------------------------------------------------------------------------------

# Category defaults are read once per request (pages list many items) and kept on the request
# itself; outside a request each call reads the table, so nothing can go stale.
_REQUEST_CACHE = "_ppid_category_retention"


def _category_defaults() -> dict[str, int | None]:
    request = current_request()
    cached = getattr(request, _REQUEST_CACHE, None)
    if cached is not None:
        return cached
    defaults = dict(CategoryRetention.objects.values_list("category", "years"))
    if request is not None:
        setattr(request, _REQUEST_CACHE, defaults)
    return defaults


def _forget_defaults() -> None:
    request = current_request()
    if request is not None and hasattr(request, _REQUEST_CACHE):
        delattr(request, _REQUEST_CACHE)


def category_retention_years(category: str) -> int | None:
    """The default retention of a category in years; None: kept permanently."""
    return _category_defaults().get(category)


def category_retentions() -> list[tuple[str, str, int | None]]:
    """(category, label, years) for every category, in the order of the categories."""
    defaults = _category_defaults()
    return [(value, label, defaults.get(value)) for value, label in Category.choices]


def set_category_retention(user, category: str, years: int | None,
                           request=None) -> CategoryRetention:
    if not Access.for_user(user).can(C.MANAGE_AGENCY):
        raise NotAllowed(_("Only an administrator may set the retention periods of categories."))
    if category not in Category.values:
        raise InvalidInput(_("Unknown category “%(category)s”.") % {"category": category})
    if years is not None and not 0 < years <= 500:
        raise InvalidInput(_("Give the period in whole years (1 to 500), or leave it empty for "
                             "permanent."), field_errors={"years": [_("Not a valid period.")]})
    with transaction.atomic():
        row, _created = CategoryRetention.objects.select_for_update().get_or_create(
            category=category)
        before = row.years
        if before == years and not _created:
            return row
        row.years, row.updated_by = years, user
        row.save()
        audit.record(Action.UPDATE, actor=user, obj=row, request=request,
                     before={"years": before}, after={"years": years})
    _forget_defaults()
    return row


def retention_end(item: InformationItem, years: int | None = None) -> date | None:
    """The last day of the item's retention; None when it is kept permanently.

    `years` defaults to the item's effective period (its own, else its category's).
    """
    if years is None:
        years = item.effective_retention_years
    if years is None:
        return None
    start = item.made_on or date(item.year, 12, 31)
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a year that has none
        return start.replace(year=start.year + years, day=28)


def is_past_retention(item: InformationItem, today: date | None = None) -> bool:
    end = retention_end(item)
    return end is not None and end < (today or timezone.localdate())


def with_retention(queryset: QuerySet[InformationItem]) -> QuerySet[InformationItem]:
    """Annotate the effective period and the end of retention (as year, month and day).

    Portable date arithmetic: the end is (year made + years, month made, day made), compared
    as a tuple, so SQLite and PostgreSQL agree with `retention_end`.
    """
    category_years = Subquery(
        CategoryRetention.objects.filter(category=OuterRef("category")).values("years")[:1])
    return queryset.annotate(
        retention_effective=Coalesce(F("retention_years"), category_years,
                                     output_field=IntegerField()),
    ).annotate(
        retention_end_year=ExpressionWrapper(
            Coalesce(ExtractYear("made_on"), F("year"), output_field=IntegerField())
            + F("retention_effective"), output_field=IntegerField()),
        retention_end_month=Coalesce(ExtractMonth("made_on"), Value(12),
                                     output_field=IntegerField()),
        retention_end_day=Coalesce(ExtractDay("made_on"), Value(31), output_field=IntegerField()),
    )


def _ended_before(day: date) -> Q:
    """On a `with_retention` queryset: retention ended before `day`."""
    return (Q(retention_end_year__lt=day.year)
            | Q(retention_end_year=day.year, retention_end_month__lt=day.month)
            | Q(retention_end_year=day.year, retention_end_month=day.month,
                retention_end_day__lt=day.day))


def past_retention_items(user, today: date | None = None) -> QuerySet[InformationItem]:
    """Items this user may see whose retention has ended and that are not disposed of yet,
    oldest end first, with the open proposal's id and proposer (no query per row)."""
    today = today or timezone.localdate()
    open_proposals = Disposal.objects.filter(item=OuterRef("pk"), status=DisposalStatus.PROPOSED)
    return (
        with_retention(register.staff_items(user))
        .filter(_ended_before(today))
        .exclude(status=Status.DISPOSED)
        .annotate(
            open_disposal_id=Subquery(open_proposals.values("pk")[:1]),
            open_disposal_by=Subquery(open_proposals.values("proposed_by__username")[:1]),
        )
        .select_related("holder_unit")
        .order_by("retention_end_year", "retention_end_month", "retention_end_day", "title",
                  "pk")
    )


def annotated_end(item) -> date | None:
    """The end of retention from `with_retention`'s annotations (no query)."""
    if getattr(item, "retention_end_year", None) is None:
        return None
    try:
        return date(item.retention_end_year, item.retention_end_month, item.retention_end_day)
    except ValueError:
        return date(item.retention_end_year, item.retention_end_month, 28)


# --------------------------------------------------------------------------------------------
# Disposal.
# --------------------------------------------------------------------------------------------


def _visible_item(user, pk) -> InformationItem:
    return register.get_staff_item(user, pk)  # NotFound for what the user may not see


def may_propose(user, item: InformationItem) -> bool:
    return Access.for_user(user).can(C.EDIT_ITEMS, item.holder_unit_id)


def may_decide(user, item: InformationItem) -> bool:
    return Access.for_user(user).can(C.APPROVE_DISPOSAL, item.holder_unit_id)


def _require_due(item: InformationItem, today: date) -> date:
    if item.status == Status.DISPOSED:
        raise Conflict(_("This item has already been disposed of."))
    end = retention_end(item)
    if end is None:
        raise Conflict(_("This item is kept permanently; it cannot be disposed of."))
    if not end < today:
        raise Conflict(_("The retention period of this item runs until %(date)s; it cannot be "
                         "disposed of before then.") % {"date": end.strftime("%d-%m-%Y")})
    return end


def propose_disposal(user, item: InformationItem, reason: str, request=None,
                     today: date | None = None) -> Disposal:
    """A staff member who may edit the item's unit proposes to destroy it (past retention)."""
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    item = _visible_item(user, item.pk)
    if not may_propose(user, item):
        raise NotAllowed(_("You may not propose the disposal of information of this unit."))
    if not reason:
        raise InvalidInput(_("Give the reason for the disposal."),
                           field_errors={"reason": [_("This field is required.")]})
    with transaction.atomic():
        item = InformationItem.objects.select_for_update().get(pk=item.pk)
        _require_due(item, today)
        if Disposal.objects.filter(item=item, status=DisposalStatus.PROPOSED).exists():
            raise Conflict(_("The disposal of this item has already been proposed."))
        disposal = Disposal.objects.create(item=item, reason=reason, proposed_by=user)
        audit.record(Action.DISPOSAL_PROPOSE, actor=user, obj=item, request=request,
                     after={"disposal": disposal.pk, "reason": reason})
    return disposal


def _locked_for_decision(user, disposal: Disposal) -> tuple[Disposal, InformationItem]:
    disposal = Disposal.objects.select_for_update().get(pk=disposal.pk)
    item = _visible_item(user, disposal.item_id)
    if not may_decide(user, item):
        raise NotAllowed(_("Only the PPID may approve or reject a disposal."))
    item = InformationItem.objects.select_for_update().select_related("holder_unit").get(
        pk=item.pk)
    if disposal.status != DisposalStatus.PROPOSED:
        raise Conflict(_("This proposal has already been decided."))
    return disposal, item


def reject_disposal(user, disposal: Disposal, reason: str, request=None) -> Disposal:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give the reason for rejecting the disposal."),
                           field_errors={"reason": [_("This field is required.")]})
    with transaction.atomic():
        disposal, item = _locked_for_decision(user, disposal)
        disposal.status = DisposalStatus.REJECTED
        disposal.decided_by, disposal.decided_at = user, timezone.now()
        disposal.decision_note = reason
        disposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        audit.record(Action.DISPOSAL_REJECT, actor=user, obj=item, request=request,
                     after={"disposal": disposal.pk, "reason": reason})
    return disposal


def _processing_of(version: DocumentVersion):
    """The archive app's derivative of a version (text extraction, archival PDF), if any."""
    return getattr(version, "processing", None)


def _storage_size(name: str) -> int | None:
    try:
        return default_storage.size(name)
    except Exception:  # the snapshot says "unknown" rather than failing the disposal
        return None


def _item_files(item: InformationItem) -> tuple[list[dict], list, list[int]]:
    """Every stored file of the item: entries for the berita acara, the archive derivatives to
    delete, and the ids of case files that are copies of its versions."""
    from ppid.procedures.models import CaseFile

    entries, derivatives = [], []
    versions = (DocumentVersion.objects.filter(document__item=item).select_related("document")
                .order_by("document__created_at", "document_id", "number"))
    for version in versions:
        entries.append({
            "kind": FileSource.VERSION, "document": version.document.title,
            "document_id": version.document_id, "version": version.number,
            "name": version.original_name, "stored_name": version.file.name,
            "size": version.size, "sha256": version.sha256,
        })
        processing = _processing_of(version)
        archive_file = getattr(processing, "archive_file", None)
        if processing is not None:
            derivatives.append(processing)
        if archive_file and archive_file.name:
            entries.append({
                "kind": FileSource.ARCHIVE_COPY, "document": version.document.title,
                "document_id": version.document_id, "version": version.number,
                "name": archive_file.name.rsplit("/", 1)[-1],
                "stored_name": archive_file.name,
                "size": getattr(processing, "archive_size", None)
                or _storage_size(archive_file.name),
                "sha256": getattr(processing, "archive_sha256", "") or "",
            })
    copies = (CaseFile.objects.filter(archived_as__document__item=item).exclude(file="")
              .select_related("case").order_by("pk"))
    case_file_ids = []
    for case_file in copies:
        case_file_ids.append(case_file.pk)
        entries.append({
            "kind": FileSource.CASE_FILE, "document": case_file.case.number,
            "document_id": None, "version": None, "name": case_file.original_name,
            "stored_name": case_file.file.name, "size": case_file.size,
            "sha256": case_file.sha256,
        })
    return entries, derivatives, case_file_ids


def _person(user) -> dict:
    if user is None:
        return {"username": "", "name": "", "title": ""}
    position = user.positions.filter(active=True).order_by("pk").first()
    return {"username": user.get_username(), "name": user.get_full_name() or user.get_username(),
            "title": position.title if position else ""}


def _next_number(year: int) -> tuple[str, int]:
    # One approval at a time takes a number: the agency row is the lock (SQLite serialises
    # writes anyway; on PostgreSQL this keeps two approvals from taking the same number).
    Agency.objects.select_for_update().order_by("pk").first()
    last = Disposal.objects.filter(number_year=year).aggregate(n=Max("number_sequence"))["n"]
    sequence = (last or 0) + 1
    return f"{NUMBER_PREFIX}/{sequence:03d}/{year}", sequence


def _delete_stored(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # the disposal stands; fixity checks will not look for it again
            logger.exception("Could not delete %s after its disposal", name)


def approve_disposal(user, disposal: Disposal, note: str = "", request=None,
                     today: date | None = None) -> Disposal:
    """The PPID approves: every stored file of the item is destroyed, the item becomes disposed,
    and the disposal becomes the numbered berita acara with the files' names, sizes and hashes.

    One transaction; the files are deleted only after it commits, so a failure loses nothing.
    """
    from ppid.procedures.models import CaseFile

    today = today or timezone.localdate()
    with transaction.atomic():
        disposal, item = _locked_for_decision(user, disposal)
        if item.status == Status.PUBLISHED:
            raise Conflict(_("This item is published on the portal. Withdraw it first; a "
                             "published item cannot be disposed of."))
        end = _require_due(item, today)
        entries, derivatives, case_file_ids = _item_files(item)
        number, sequence = _next_number(today.year)
        disposal.status = DisposalStatus.APPROVED
        disposal.decided_by, disposal.decided_at = user, timezone.now()
        disposal.decision_note = (note or "").strip()
        disposal.number, disposal.number_year, disposal.number_sequence = (
            number, today.year, sequence)
        disposal.disposed_on = today
        disposal.snapshot = {
            "title": item.title, "category": item.category,
            "category_label": str(Category(item.category).label),
            "unit": item.holder_unit.name, "unit_code": item.holder_unit.code,
            "year": item.year, "made_on": item.made_on.isoformat() if item.made_on else None,
            "retention_years": item.effective_retention_years,
            "retention_from_category": item.retention_years is None,
            "retention_end": end.isoformat(), "status_before": item.status,
            "exempt": item.is_exempt, "proposer": _person(disposal.proposed_by),
            "approver": _person(user),
        }
        disposal.files = [{k: v for k, v in entry.items()} for entry in entries]
        disposal.save()
        status_before = item.status
        item.status = Status.DISPOSED
        item.save(update_fields=["status", "updated_at"])
        for processing in derivatives:
            processing.delete()
        Document.objects.filter(item=item).delete()  # and with them every version row
        CaseFile.objects.filter(pk__in=case_file_ids).update(file="")
        audit.record(Action.DISPOSAL_APPROVE, actor=user, obj=item, request=request,
                     before={"status": status_before},
                     after={"status": Status.DISPOSED, "disposal": number,
                            "files": [{"name": e["name"], "size": e["size"],
                                       "sha256": e["sha256"]} for e in entries]})
        register.index_after_commit(item)
        names = [entry["stored_name"] for entry in entries]
        transaction.on_commit(lambda: _delete_stored(names))
    return disposal


def staff_disposals(user) -> QuerySet[Disposal]:
    """Disposals of items this user may see."""
    return (Disposal.objects.filter(item__in=register.staff_items(user))
            .select_related("item", "item__holder_unit", "proposed_by", "decided_by"))


def get_staff_disposal(user, pk) -> Disposal:
    disposal = staff_disposals(user).filter(pk=pk).first()
    if disposal is None:
        raise NotFound(_("Disposal not found."))
    return disposal


# --------------------------------------------------------------------------------------------
# Fixity: every stored file against the SHA-256 recorded when it was stored.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredFile:
    source: str
    object_id: int
    name: str
    sha256: str
    item_id: int | None = None
    document_id: int | None = None
    version_number: int | None = None


def _processing_model():
    """archive.Processing and the name of its link to DocumentVersion, when it exists."""
    if not apps.is_installed("ppid.archive"):
        return None, None
    try:
        model = apps.get_model("archive", "Processing")
    except LookupError:
        return None, None
    names = {f.name for f in model._meta.concrete_fields}
    if not {"archive_file", "archive_sha256"} <= names:
        return None, None
    link = next((f.name for f in model._meta.concrete_fields
                 if f.is_relation and f.related_model is DocumentVersion), None)
    return model, link


def _sources() -> list[tuple[QuerySet, callable]]:
    """(queryset, row -> StoredFile) for every kind of stored file that records a hash."""
    from ppid.procedures.models import CaseFile

    sources = [(
        DocumentVersion.objects.exclude(file="").order_by("pk").values_list(
            "pk", "file", "sha256", "document__item_id", "document_id", "number"),
        lambda r: StoredFile(FileSource.VERSION, r[0], r[1], r[2], r[3], r[4], r[5]),
    )]
    processing, link = _processing_model()
    if processing is not None:
        fields = ["pk", "archive_file", "archive_sha256"]
        if link:
            fields += [f"{link}__document__item_id", f"{link}__document_id", f"{link}__number"]
        rows = (processing.objects.exclude(archive_file="").exclude(archive_file__isnull=True)
                .order_by("pk").values_list(*fields))
        sources.append((rows, lambda r: StoredFile(FileSource.ARCHIVE_COPY, r[0], r[1], r[2],
                                                   *(r[3:] if len(r) > 3 else ()))))
    sources.append((
        CaseFile.objects.exclude(file="").order_by("pk").values_list(
            "pk", "file", "sha256", "case__item_id"),
        lambda r: StoredFile(FileSource.CASE_FILE, r[0], r[1], r[2], r[3]),
    ))
    return sources


def stored_files() -> Iterator[StoredFile]:
    for rows, make in _sources():
        for row in rows.iterator(chunk_size=500):
            yield make(row)


def count_stored_files() -> int:
    return sum(rows.count() for rows, _make in _sources())


def file_digest(name: str, storage=None) -> str | None:
    """SHA-256 of a stored file, read in chunks through the storage API; None if it is gone."""
    storage = storage or default_storage
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        return None
    digest = hashlib.sha256()
    with handle:
        for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check(stored: StoredFile) -> FixityFinding | None:
    try:
        actual = file_digest(stored.name)
    except Exception as exc:  # unreadable counts as missing, with the reason
        actual, detail = None, f"{type(exc).__name__}: {exc}"[:500]
    else:
        detail = ""
    if actual is not None and actual == stored.sha256:
        return None
    return FixityFinding(
        kind=FindingKind.MISSING if actual is None else FindingKind.ALTERED,
        source=stored.source, item_id=stored.item_id, document_id=stored.document_id,
        version_number=stored.version_number, object_id=stored.object_id,
        stored_name=stored.name[:255], expected_sha256=stored.sha256,
        actual_sha256=actual or "", detail=detail,
    )


def verify_files(*, trigger: str = FixityTrigger.COMMAND, user=None, run: FixityRun | None = None,
                 progress: bool = False, on_finding=None) -> FixityRun:
    """Recompute the SHA-256 of every stored file and record the run and each problem.

    Not one transaction: findings are saved as they are found and the counts every few
    hundred files, so a long run shows its progress and a crash keeps what was found.
    """
    from tqdm import tqdm

    if run is None:
        run = FixityRun.objects.create(trigger=trigger, requested_by=user)
    run.status, run.started_at = FixityRunStatus.RUNNING, timezone.now()
    run.total = count_stored_files()
    run.checked = run.ok = run.missing = run.altered = 0
    run.save()
    counted = ["status", "started_at", "total", "checked", "ok", "missing", "altered"]
    try:
        with tqdm(total=run.total, unit="file", desc="Verifying", disable=not progress) as bar:
            for stored in stored_files():
                finding = _check(stored)
                run.checked += 1
                if finding is None:
                    run.ok += 1
                else:
                    finding.run = run
                    finding.save()
                    if finding.kind == FindingKind.MISSING:
                        run.missing += 1
                    else:
                        run.altered += 1
                    if on_finding is not None:
                        on_finding(finding)
                bar.update(1)
                if run.checked % 200 == 0:
                    run.save(update_fields=counted)
    except Exception as exc:
        run.status, run.finished_at = FixityRunStatus.FAILED, timezone.now()
        run.error = f"{type(exc).__name__}: {exc}"[:2000]
        run.save()
        _audit_run(run)
        raise
    run.status, run.finished_at = FixityRunStatus.FINISHED, timezone.now()
    run.save()
    _audit_run(run)
    return run


def _audit_run(run: FixityRun) -> None:
    audit.record(Action.FIXITY_CHECK, actor=run.requested_by, obj=run,
                 object_repr=f"fixity check #{run.pk}",
                 after={"run": run.pk, "trigger": run.trigger, "status": run.status,
                        "checked": run.checked, "ok": run.ok, "missing": run.missing,
                        "altered": run.altered})


def may_view_fixity(user) -> bool:
    return Access.for_user(user).can(C.VIEW_AUDIT)


def may_start_fixity(user) -> bool:
    return Access.for_user(user).can(C.MANAGE_AGENCY)


def request_fixity_check(user, request=None) -> FixityRun:
    """Queue a fixity check for the task worker (administrators)."""
    from ppid.records import tasks

    if not may_start_fixity(user):
        raise NotAllowed(_("Only an administrator may start a fixity check."))
    recent = timezone.now() - STALE_RUN_AFTER
    if FixityRun.objects.filter(status__in=[FixityRunStatus.QUEUED, FixityRunStatus.RUNNING],
                                queued_at__gte=recent).exists():
        raise Conflict(_("A fixity check is already queued or running."))
    with transaction.atomic():
        run = FixityRun.objects.create(trigger=FixityTrigger.USER, requested_by=user)
        tasks.fixity_check.enqueue(run_id=run.pk)
    return run


def fixity_runs(user) -> QuerySet[FixityRun]:
    if not may_view_fixity(user):
        raise NotAllowed(_("You may not see the fixity checks."))
    return FixityRun.objects.select_related("requested_by")


def findings_for(user, run: FixityRun) -> list[FixityFinding]:
    """The run's findings; `item_visible` tells whether the user may see the item's name."""
    findings = list(run.findings.select_related("item", "document"))
    item_ids = {f.item_id for f in findings if f.item_id}
    visible = set(register.staff_items(user).filter(pk__in=item_ids).values_list("pk", flat=True))
    for finding in findings:
        finding.item_visible = finding.item_id in visible
    return findings
