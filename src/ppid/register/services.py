"""Operations on the register. Views, the API and commands call these; nothing else changes items.

The rules on who may see exempt or unpublished information, and who may publish, live here
and only here: `public_items`, `public_versions`, `staff_items` and the `_require_*` checks.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.access import ALL_UNITS, Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound, ReasonRequired
from ppid.core.models import Agency
from ppid.register import filetypes
from ppid.register.constants import TRANSITIONS, Category, Status
from ppid.register.models import Document, DocumentVersion, InformationItem
from ppid.register.signals import items_changed

logger = logging.getLogger(__name__)
ITEM_TYPE = InformationItem._meta.label_lower  # how audit events name items

EDITABLE_FIELDS = (
    "title",
    "summary",
    "category",
    "year",
    "holder_unit",
    "holder_official",
    "responsible_official",
    "made_on",
    "made_at_place",
    "form",
    "hard_copy_location",
    "retention_years",
    "refresh_months",
    "exemption_ground",
    "exemption_until",
)

# --------------------------------------------------------------------------------------------
# Visibility: the single source of truth.
# --------------------------------------------------------------------------------------------


def public_filter() -> Q:
    """The condition for anyone to see an item: published and never exempt.

    Written on the fields `status` and `category`, which the search index copies too.
    """
    return Q(status=Status.PUBLISHED) & ~Q(category=Category.EXEMPT)


def is_public(item: InformationItem) -> bool:
    """`public_filter` for an item already loaded (no query)."""
    return item.status == Status.PUBLISHED and item.category != Category.EXEMPT


def public_items() -> QuerySet[InformationItem]:
    """What anyone may see: published and never exempt."""
    return InformationItem.objects.filter(public_filter())


def public_documents(item: InformationItem) -> QuerySet[Document]:
    return Document.objects.filter(
        item__in=public_items(), item=item, is_public=True, current_version__isnull=False
    ).select_related("current_version")


def public_versions() -> QuerySet[DocumentVersion]:
    """Downloadable by anyone: the current version of a public document of a public item."""
    return DocumentVersion.objects.filter(
        document__item__in=public_items(),
        document__is_public=True,
        document__current_version=F("pk"),
    )


def public_exempt_list() -> QuerySet[InformationItem]:
    """The DIK as the portal may show it, if the agency publishes it: title, ground and period.

    Raises NotFound when the agency keeps the list unpublished.
    """
    agency = Agency.current()
    if agency is None or not agency.publish_exempt_list:
        raise NotFound(_("The list of exempt information is not published."))
    return exempt_list()


def exempt_list() -> QuerySet[InformationItem]:
    """The DIK: items exempt in law now (whether or not the agency publishes the list)."""
    from ppid.exemptions.constants import DecisionKind, Scope  # builds on the register
    from ppid.exemptions.models import ExemptionDecision

    # Exempt in law only while its latest whole-item decision exempts it (an opening decision
    # ends that); an item under a harm test is not listed.
    latest = (ExemptionDecision.objects.filter(item=OuterRef("pk"), scope=Scope.WHOLE)
              .order_by("-decided_on", "-pk").values("kind")[:1])
    return (
        InformationItem.objects.filter(category=Category.EXEMPT)
        .annotate(latest_decision=Subquery(latest))
        .filter(latest_decision__in=[DecisionKind.EXEMPT, DecisionKind.EXTEND])
        .exclude(status=Status.DISPOSED)  # destroyed: no longer held
        .only("id", "title", "exemption_ground", "exemption_until", "year", "holder_unit")
    )


def staff_filter(user) -> Q | None:
    """The condition for a staff member to see an item (None: nothing at all).

    All non-exempt items; exempt ones only within the user's reach. Written on the fields
    `category` and `holder_unit_id`, which the search index copies too.
    """
    access = Access.for_user(user)
    if not access.can_anywhere(C.VIEW_REGISTER):
        return None
    exempt_units = access.units_for(C.VIEW_EXEMPT)
    if exempt_units is ALL_UNITS:
        return Q()
    return ~Q(category=Category.EXEMPT) | Q(holder_unit_id__in=list(exempt_units))


def staff_items(user) -> QuerySet[InformationItem]:
    """Items a staff member may see: all non-exempt ones, exempt ones only within their reach."""
    condition = staff_filter(user)
    if condition is None:
        return InformationItem.objects.none()
    return InformationItem.objects.filter(condition)


def hidden_item_ids(user) -> QuerySet:
    """Ids (as text, like audit object ids) of items this user may not see."""
    return (
        InformationItem.objects.exclude(pk__in=staff_items(user).values("pk"))
        .annotate(pk_text=Cast("pk", CharField()))
        .values("pk_text")
    )


def audit_events_visible_to(user) -> QuerySet[AuditEvent]:
    """The audit log without events about items this user may not see (or their cases)."""
    from ppid.procedures.models import Case  # a case on an item is as secret as the item

    hidden = hidden_item_ids(user)
    hidden_cases = (Case.objects.filter(item_id__in=hidden.values("pk"))
                    .annotate(pk_text=Cast("pk", CharField())).values("pk_text"))
    return (AuditEvent.objects.exclude(object_type=ITEM_TYPE, object_id__in=hidden)
            .exclude(object_type="procedures.case", object_id__in=hidden_cases))


def may_change(user, item: InformationItem) -> bool:
    try:
        _require_may_change(Access.for_user(user), item)
    except NotAllowed:
        return False
    return True


def get_staff_item(user, pk) -> InformationItem:
    item = staff_items(user).select_related("holder_unit").filter(pk=pk).first()
    if item is None:
        raise NotFound(_("Information item not found."))
    return item


def staff_versions(user) -> QuerySet[DocumentVersion]:
    """Versions of the items this user may see (seeing them is not downloading them)."""
    return DocumentVersion.objects.filter(document__item__in=staff_items(user))


def get_staff_version(user, public_id, *, reason: str | None = None,
                      request=None) -> DocumentVersion:
    """A version this user may download.

    An exempt document (or the withheld original of a redacted one) is opened only by those
    ppid.exemptions allows, and only with a reason, which is recorded: without one this raises
    ReasonRequired.
    """
    version = staff_versions(user).filter(public_id=public_id).select_related(
        "document__item").first()
    if version is None:
        raise NotFound(_("File not found."))
    if version.is_restricted:
        from ppid.exemptions import services as exemptions  # builds on the register

        if reason is None:
            if not exemptions.may_open(user, version.document.item):
                exemptions.open_document(user, version, None, request=request)  # refuses
            raise ReasonRequired(_("This document is exempt: say why you open it."))
        exemptions.open_document(user, version, reason, request=request)
        return version
    if not Access.for_user(user).can_anywhere(C.DOWNLOAD_FILES):
        raise NotAllowed(_("You may not download stored files."))
    return version


def get_public_version(public_id) -> DocumentVersion:
    version = public_versions().filter(public_id=public_id).select_related("document").first()
    if version is None:
        raise NotFound(_("File not found."))
    return version


def documents_with_versions(item: InformationItem) -> Iterable[Document]:
    return item.documents.prefetch_related(
        Prefetch("versions", queryset=DocumentVersion.objects.select_related(
            "uploaded_by", "processing").defer("processing__text"))
    ).select_related("current_version")


def filter_register(queryset, *, category=None, unit=None, year=None, q=None, status=None,
                    public=True):
    """Filters shared by the portal, workspace and API; never widens what the queryset shows.

    `q` is matched by the full-text index: the public one (published items, public documents
    only) unless `public` is False.
    """
    if category:
        queryset = queryset.filter(category=category)
    if unit:
        queryset = queryset.filter(holder_unit_id=unit)
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    if q:
        from ppid.search import services as search  # search reads the register: import late

        queryset = queryset.filter(pk__in=search.matching_item_ids(q, public=public))
    return queryset


# --------------------------------------------------------------------------------------------
# Permission checks on changes.
# --------------------------------------------------------------------------------------------


def _require(access: Access, capability, unit_id, message) -> None:
    if not access.can(capability, unit_id):
        raise NotAllowed(message)


def _require_may_change(access: Access, item: InformationItem) -> None:
    if item.status == Status.DISPOSED:  # final: its files were destroyed (ppid.records)
        raise NotAllowed(_("This item was disposed of; it can no longer be changed."))
    _require(
        access, C.EDIT_ITEMS, item.holder_unit_id, _("You may not edit information of this unit.")
    )
    if item.is_exempt:
        _require(
            access,
            C.VIEW_EXEMPT,
            item.holder_unit_id,
            _("You may not edit exempt information of this unit."),
        )
    if item.status == Status.PUBLISHED:
        # A change to a published item changes the portal: only publishers may make it.
        _require(
            access,
            C.PUBLISH,
            item.holder_unit_id,
            _("This item is published; only the PPID or web manager may change it."),
        )


def _require_may_classify(access: Access, old_category: str | None, new: InformationItem):
    touches_exempt = new.category == Category.EXEMPT or old_category == Category.EXEMPT
    if touches_exempt and old_category != new.category:
        _require(
            access,
            C.CLASSIFY_EXEMPT,
            new.holder_unit_id,
            _("Only the PPID may classify information as exempt or lift an exemption."),
        )
        from ppid.exemptions import services as exemptions  # builds on the register

        exemptions.check_category_change(new, old_category)


def _after_category_change(user, item: InformationItem, old_category, request) -> None:
    """Exempt only by way of a harm test: ppid.exemptions starts one (or cancels it)."""
    if old_category != item.category and Category.EXEMPT in {old_category, item.category}:
        from ppid.exemptions import services as exemptions

        exemptions.category_changed(user, item, old_category, request=request)


def snapshot(item: InformationItem) -> dict:
    data = model_to_dict(item, fields=EDITABLE_FIELDS)
    data["status"] = item.status
    return data


def _full_clean(item: InformationItem) -> None:
    try:
        item.full_clean()
    except ValidationError as error:
        raise InvalidInput.from_validation_error(
            error, _("Some fields are missing or invalid.")
        ) from error


# --------------------------------------------------------------------------------------------
# Items.
# --------------------------------------------------------------------------------------------


def index_after_commit(item: InformationItem) -> None:
    """After commit: re-index the item and tell listeners (publication's change feed)."""
    from ppid.search import services as search  # search reads the register: import it late

    search.index_later([item.pk])
    item_ids = [item.pk]
    transaction.on_commit(lambda: items_changed.send(sender=InformationItem, item_ids=item_ids))


def create_item(user, data: dict, request=None) -> InformationItem:
    access = Access.for_user(user)
    item = InformationItem(**{k: v for k, v in data.items() if k in EDITABLE_FIELDS})
    if item.holder_unit_id is None:
        raise InvalidInput(
            _("Choose the unit that holds the information."),
            field_errors={"holder_unit": [_("This field is required.")]},
        )
    _require(
        access, C.EDIT_ITEMS, item.holder_unit_id, _("You may not add information for this unit.")
    )
    _require_may_classify(access, None, item)
    item.created_by = user
    _full_clean(item)
    with transaction.atomic():
        item.save()
        audit.record(Action.CREATE, actor=user, obj=item, after=snapshot(item), request=request)
        _after_category_change(user, item, None, request)
        index_after_commit(item)
    return item


def update_item(user, item: InformationItem, data: dict, request=None) -> InformationItem:
    access = Access.for_user(user)
    _require_may_change(access, item)
    before = snapshot(item)
    old_category = item.category
    for name, value in data.items():
        if name in EDITABLE_FIELDS:
            setattr(item, name, value)
    if "holder_unit" in data:
        _require(
            access,
            C.EDIT_ITEMS,
            item.holder_unit_id,
            _("You may not move information to this unit."),
        )
    _require_may_classify(access, old_category, item)
    if item.category == Category.EXEMPT and item.status == Status.PUBLISHED:
        raise Conflict(_("A published item cannot become exempt. Withdraw it first."))
    _full_clean(item)
    after = snapshot(item)
    changed = {k for k in after if before.get(k) != after.get(k)}
    if not changed:
        return item
    with transaction.atomic():
        item.save()
        audit.record(
            Action.UPDATE,
            actor=user,
            obj=item,
            before={k: before[k] for k in sorted(changed)},
            after={k: after[k] for k in sorted(changed)},
            request=request,
        )
        _after_category_change(user, item, old_category, request)
        index_after_commit(item)
    return item


CLASSIFICATION_FIELDS = ("category", "exemption_ground", "exemption_until")


def classify_item(user, item: InformationItem, data: dict, request=None) -> InformationItem:
    """Set the category (and exemption ground and period): the `classify` step of a procedure.

    Those who may edit the item may classify it as public; only holders of the exempt
    classification capability (the PPID and the PPID superior) may make it exempt or lift an
    exemption, and they need not be able to edit the item's other fields.
    """
    access = Access.for_user(user)
    unit = item.holder_unit_id
    if item.status == Status.DISPOSED:
        raise NotAllowed(_("This item was disposed of; it can no longer be changed."))
    if not (access.can(C.EDIT_ITEMS, unit) or access.can(C.CLASSIFY_EXEMPT, unit)):
        raise NotAllowed(_("You may not classify information of this unit."))
    if item.is_exempt:
        _require(access, C.VIEW_EXEMPT, unit, _("You may not handle exempt information."))
    before = snapshot(item)
    old_category = item.category
    for name in CLASSIFICATION_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    if item.category != Category.EXEMPT:
        item.exemption_ground, item.exemption_until = "", None
    _require_may_classify(access, old_category, item)
    if item.category == Category.EXEMPT and item.status == Status.PUBLISHED:
        raise Conflict(_("A published item cannot become exempt. Withdraw it first."))
    _full_clean(item)
    after = snapshot(item)
    changed = sorted(k for k in after if before.get(k) != after.get(k))
    if changed:
        with transaction.atomic():
            item.save()
            audit.record(Action.UPDATE, actor=user, obj=item, request=request,
                         before={k: before[k] for k in changed},
                         after={k: after[k] for k in changed})
            _after_category_change(user, item, old_category, request)
            index_after_commit(item)
    return item


def allowed_transitions(user, item: InformationItem) -> list[str]:
    """The statuses this user may move the item to now (for buttons and the API)."""
    result = []
    for target in TRANSITIONS.get(item.status, ()):
        try:
            _check_transition(Access.for_user(user), item, target)
        except (NotAllowed, Conflict):
            continue
        result.append(target)
    return sorted(result, key=list(Status.values).index)


def _check_transition(access: Access, item: InformationItem, target: str) -> None:
    if target not in Status.values:
        raise InvalidInput(_("Unknown status “%(status)s”.") % {"status": target})
    if target not in TRANSITIONS.get(item.status, ()):
        raise Conflict(
            _("An item cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Status(item.status).label, "to": Status(target).label}
        )
    unit = item.holder_unit_id
    if item.is_exempt:
        _require(access, C.VIEW_EXEMPT, unit, _("You may not handle exempt information."))
    if target == Status.PUBLISHED:
        if item.is_exempt:
            raise Conflict(_("Exempt information is never published."))
        _require(access, C.PUBLISH, unit, _("Only the PPID or web manager may publish."))
    elif target == Status.WITHDRAWN or item.status == Status.WITHDRAWN:
        _require(access, C.PUBLISH, unit, _("Only the PPID or web manager may withdraw."))
    else:  # draft <-> documented
        _require(
            access,
            C.DOCUMENT_ITEMS,
            unit,
            _("Only the PPID or unit PPID may confirm documentation."),
        )


def transition(user, item: InformationItem, target: str, request=None) -> InformationItem:
    access = Access.for_user(user)
    with transaction.atomic():
        item = InformationItem.objects.select_for_update().get(pk=item.pk)
        _check_transition(access, item, target)
        before = item.status
        item.status = target
        if target == Status.PUBLISHED:
            item.published_at = item.refreshed_at = timezone.now()
        item.save(update_fields=["status", "published_at", "refreshed_at", "updated_at"])
        audit.record(
            Action.TRANSITION,
            actor=user,
            obj=item,
            before={"status": before},
            after={"status": target},
            request=request,
        )
        index_after_commit(item)
    return item


# --------------------------------------------------------------------------------------------
# Documents and versions.
# --------------------------------------------------------------------------------------------


def _hash_and_size(fileobj) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    return digest.hexdigest(), size


def require_may_upload(access: Access, item: InformationItem) -> None:
    """Who may add versions of an item's documents (and retry their processing)."""
    _require(access, C.UPLOAD_DOCUMENTS, item.holder_unit_id,
             _("You may not upload documents for this unit."))
    _require_may_change(access, item)


def add_version(
    user,
    item: InformationItem,
    uploaded,
    *,
    document: Document | None = None,
    title: str = "",
    is_public: bool = True,
    request=None,
) -> DocumentVersion:
    """Store a new version of a document (a new document if none is given).

    Either everything is saved (file, record, audit event) or nothing is: a failure after the
    file was written removes the file again.
    """
    require_may_upload(Access.for_user(user), item)
    if document is not None and document.item_id != item.pk:
        raise NotFound(_("Document not found."))
    size_limit = settings.PPID_MAX_UPLOAD_BYTES
    if uploaded.size is not None and uploaded.size > size_limit:
        raise InvalidInput(
            _("The file is larger than the limit of %(mb)s MB.")
            % {"mb": size_limit // (1024 * 1024)}
        )
    if uploaded.size == 0:
        raise InvalidInput(_("The file is empty."))
    content_type = filetypes.detect(uploaded)
    if content_type is None:
        raise InvalidInput(
            _(
                "This type of file is not accepted. Upload PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG, "
                "TIFF or plain text."
            )
        )
    sha256, size = _hash_and_size(uploaded)
    if size > size_limit:
        raise InvalidInput(
            _("The file is larger than the limit of %(mb)s MB.")
            % {"mb": size_limit // (1024 * 1024)}
        )
    original_name = (getattr(uploaded, "name", "") or "dokumen").rsplit("/", 1)[-1][:255]
    stored_name = None
    try:
        with transaction.atomic():
            if document is None:
                document = Document.objects.create(
                    item=item, title=(title or original_name)[:500], is_public=is_public
                )
            else:
                document = Document.objects.select_for_update().get(pk=document.pk)
            last = document.versions.order_by("-number").values_list("number", flat=True).first()
            version = DocumentVersion(
                document=document,
                number=(last or 0) + 1,
                original_name=original_name,
                content_type=content_type,
                size=size,
                sha256=sha256,
                uploaded_by=user,
            )
            version.file.save(original_name, uploaded, save=False)
            stored_name = version.file.name
            version.save()
            document.current_version = version
            document.save(update_fields=["current_version"])
            # A new document refreshes the item (berkala: Pasal 9 asks for every 6 months).
            InformationItem.objects.filter(pk=item.pk).update(refreshed_at=timezone.now())
            from ppid.archive.services import queue_processing  # late: archive imports us
            queue_processing(version)  # text, OCR and archival PDF/A in the background
            audit.record(
                Action.UPLOAD,
                actor=user,
                obj=item,
                request=request,
                after={
                    "document": document.title,
                    "document_id": document.pk,
                    "version": version.number,
                    "sha256": sha256,
                    "size": size,
                    "content_type": content_type,
                    "original_name": original_name,
                },
            )
            index_after_commit(item)
    except Exception:
        if stored_name:
            try:
                default_storage.delete(stored_name)
            except OSError:
                logger.exception("Could not remove %s after a failed upload", stored_name)
        raise
    return version


def record_staff_download(user, version: DocumentVersion, request=None) -> None:
    audit.record(
        Action.DOWNLOAD,
        actor=user,
        obj=version.document.item,
        request=request,
        after={
            "document": version.document.title,
            "version": version.number,
            "file": str(version.public_id),
        },
    )
