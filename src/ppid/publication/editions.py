"""Editions of the DIP (and the DIK): drafts, the sign-off under a decree, the frozen snapshot.

An edition is prepared as a draft, reviewed against the live register (`preview_rows`), and
signed off by the PPID under its decree (SK penetapan). Signing freezes the rows as they are at
that moment (`EditionRow`s) with a SHA-256 per row and one over the whole edition; from then on
nothing changes (the models refuse it, and so do these services), and `verify` recomputes the
hash from the stored rows.

Which items are in the DIP is decided by `ppid.register.services.public_items()`, and what the
DIK holds by `exempt_list()`: never re-decided here. Rows keep plain values and codes
(category, form, Pasal 17 ground, ISO dates); labels are rendered when shown.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import ALL_UNITS, Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.core.models import Agency
from ppid.publication.constants import EditionKind, EditionStatus
from ppid.publication.models import Edition, EditionRow
from ppid.register import services as register
from ppid.register.constants import Category
from ppid.register.models import InformationItem

# The official order of the DIP: berkala, serta merta, setiap saat.
CATEGORY_ORDER = (Category.PERIODIC, Category.IMMEDIATE, Category.ON_REQUEST)
# The keys of a row's data, in the order of the official columns.
DIP_FIELDS = ("title", "summary", "unit", "holder_official", "responsible_official", "made_on",
              "made_at_place", "form", "retention_years", "category", "year")
DIK_FIELDS = ("title", "ground", "consequence", "until", "decision_number", "decision_date",
              "unit", "year")
FIELDS = {EditionKind.DIP: DIP_FIELDS, EditionKind.DIK: DIK_FIELDS}
FIELD_LABELS = {
    "title": _("Title"),
    "summary": _("Summary of content"),
    "unit": _("Unit holding it"),
    "holder_official": _("Official holding it"),
    "responsible_official": _("Responsible for making it"),
    "made_on": _("Date made"),
    "made_at_place": _("Place made"),
    "form": _("Form available"),
    "retention_years": _("Retention period"),
    "category": _("Category"),
    "year": _("Year"),
    "ground": _("Legal basis (Pasal 17)"),
    "consequence": _("Consequence of disclosure"),
    "until": _("Exempt until"),
    "decision_number": _("Decision number"),
    "decision_date": _("Decision date"),
}
# The consequence of disclosure is summed up in the DIK, never the whole harm test.
# Official titles (the edition's title is part of the decree; the staff may change it).
DEFAULT_TITLES = {
    EditionKind.DIP: "Daftar Informasi Publik {year}",
    EditionKind.DIK: "Daftar Informasi yang Dikecualikan {year}",
}
EDITABLE_FIELDS = ("title", "decree_number", "decree_date", "decree_place", "decree_signer_name",
                   "decree_signer_position", "decree_signer_nip", "note")
ROW_BATCH = 500

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Who may do what.
# --------------------------------------------------------------------------------------------


def _require(condition: bool, message) -> None:
    if not condition:
        raise NotAllowed(message)


def _kind(kind) -> str:
    if kind not in EditionKind.values:
        raise InvalidInput(_("Unknown list."), field_errors={"kind": [_("Unknown list.")]})
    return str(kind)


def dik_published() -> bool:
    agency = Agency.current()
    return bool(agency and agency.publish_exempt_list)


def may_view(user, kind: str) -> bool:
    """Staff see DIP editions; DIK editions when the DIK is public or they see every exempt
    item (the rows name exempt information)."""
    access = Access.for_user(user)
    if not access.can_anywhere(C.VIEW_REGISTER):
        return False
    if kind == EditionKind.DIK:
        return dik_published() or access.units_for(C.VIEW_EXEMPT) is ALL_UNITS
    return True


def may_prepare(user, kind: str = EditionKind.DIP) -> bool:
    return Access.for_user(user).can_anywhere(C.PREPARE_EDITIONS) and may_view(user, kind)


def may_sign(user, kind: str = EditionKind.DIP) -> bool:
    return Access.for_user(user).can(C.SIGN_EDITIONS) and may_view(user, kind)


def _require_view(user, kind: str) -> None:
    if not may_view(user, kind):
        raise NotFound(_("Edition not found."))


def _require_prepare(user, kind: str) -> None:
    _require(Access.for_user(user).can_anywhere(C.PREPARE_EDITIONS),
             _("You may not prepare editions of the list."))
    _require_view(user, kind)


# --------------------------------------------------------------------------------------------
# Reading editions.
# --------------------------------------------------------------------------------------------


def signed_editions(kind: str = EditionKind.DIP) -> QuerySet[Edition]:
    """Signed editions of one list, the newest first."""
    return Edition.objects.filter(kind=kind, status=EditionStatus.SIGNED).order_by(
        "-signed_at", "-pk")


def current(kind: str = EditionKind.DIP) -> Edition | None:
    """The edition in force: the latest signed one."""
    return signed_editions(kind).first()


def open_draft(kind: str = EditionKind.DIP) -> Edition | None:
    return Edition.objects.filter(kind=kind, status=EditionStatus.DRAFT).order_by("-pk").first()


def staff_editions(user, kind: str) -> QuerySet[Edition]:
    """The drafts and signed editions of a list this staff member may see."""
    _require_view(user, kind)
    return Edition.objects.filter(kind=kind).select_related("signed_by", "created_by")


def get_edition(user, pk) -> Edition:
    edition = Edition.objects.select_related("signed_by", "created_by").filter(pk=pk).first()
    if edition is None or not may_view(user, edition.kind):
        raise NotFound(_("Edition not found."))
    return edition


def public_editions(kind: str = EditionKind.DIP) -> QuerySet[Edition]:
    """Signed editions anyone may see: the DIK ones only while the agency publishes the DIK."""
    if kind not in EditionKind.values:
        raise NotFound(_("Edition not found."))
    if kind == EditionKind.DIK and not dik_published():
        raise NotFound(_("The list of exempt information is not published."))
    return signed_editions(kind)


def get_public_edition(pk, kind: str | None = None) -> Edition:
    edition = Edition.objects.filter(pk=pk, status=EditionStatus.SIGNED).first()
    if edition is None or (kind is not None and edition.kind != kind):
        raise NotFound(_("Edition not found."))
    if edition.kind == EditionKind.DIK and not dik_published():
        raise NotFound(_("Edition not found."))
    return edition


def is_due(kind: str = EditionKind.DIP, today: date | None = None) -> bool:
    """No signed edition yet, or the current one is as old as the agency's interval."""
    due = due_on(kind)
    return due is None or (today or timezone.localdate()) >= due


def due_on(kind: str = EditionKind.DIP) -> date | None:
    """When the next edition must be set by decree (None: now, there is none yet)."""
    edition = current(kind)
    if edition is None or edition.signed_at is None:
        return None
    agency = Agency.current()
    months = agency.edition_interval_months if agency else 12
    return timezone.localdate(edition.signed_at) + relativedelta(months=months)


# --------------------------------------------------------------------------------------------
# Rows: the preview from the live register, hashing.
# --------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One row as it would be frozen (the same attributes as `EditionRow`)."""

    position: int
    item_id: int
    data: dict
    row_hash: str = ""

    def __post_init__(self):
        if not self.row_hash:
            self.row_hash = row_hash(self.data)


def canonical(value) -> bytes:
    """The canonical JSON of a value: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode()


def row_hash(data: dict) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


def rows_digest(rows: Iterable) -> str:
    """SHA-256 of the canonical JSON of the rows (a list of {"item_id", "data"}, in order).

    Written row by row, so a long list is never held as one string.
    """
    digest = hashlib.sha256(b"[")
    for index, row in enumerate(rows):
        if index:
            digest.update(b",")
        digest.update(canonical({"data": row.data, "item_id": row.item_id}))
    digest.update(b"]")
    return digest.hexdigest()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _dip_rows() -> list[Row]:
    from ppid.records.services import category_retention_years  # records builds on register

    defaults = {c: category_retention_years(c) for c in Category.values}
    order = Case(*[When(category=c, then=Value(i)) for i, c in enumerate(CATEGORY_ORDER)],
                 default=Value(len(CATEGORY_ORDER)), output_field=IntegerField())
    items = (register.public_items().select_related("holder_unit")
             .annotate(category_order=order)
             .order_by("category_order", "-year", "title", "pk")
             .only("id", "title", "summary", "category", "year", "holder_unit__name",
                   "holder_official", "responsible_official", "made_on", "made_at_place",
                   "form", "retention_years"))
    rows = []
    for position, item in enumerate(items.iterator(chunk_size=2000), start=1):
        retention = (item.retention_years if item.retention_years is not None
                     else defaults.get(item.category))
        rows.append(Row(position=position, item_id=item.pk, data={
            "title": item.title,
            "summary": item.summary,
            "unit": item.holder_unit.name,
            "holder_official": item.holder_official,
            "responsible_official": item.responsible_official,
            "made_on": _iso(item.made_on),
            "made_at_place": item.made_at_place,
            "form": item.form,
            "retention_years": retention,  # None: kept permanently
            "category": item.category,
            "year": item.year,
        }))
    return rows


def _consequence(decision) -> str:
    """The DIK's consequence column names the harm test's decision; the test's own text stays
    internal (decision 0006: harm-test text is never public, not even on the DIK)."""
    if decision is None:
        return ""
    return f"Berdasarkan uji konsekuensi, Keputusan Nomor {decision.number}"


def _dik_rows() -> list[Row]:
    from ppid.exemptions.services import decisions_by_item  # exemptions builds on register

    items = list(register.exempt_list().order_by("-year", "title", "pk").values(
        "pk", "title", "exemption_ground", "exemption_until", "year", "holder_unit__name"))
    decisions = decisions_by_item([i["pk"] for i in items])
    rows = []
    for position, item in enumerate(items, start=1):
        decision = decisions.get(item["pk"])
        rows.append(Row(position=position, item_id=item["pk"], data={
            "title": item["title"],
            "ground": item["exemption_ground"],
            "consequence": _consequence(decision),
            "until": _iso(item["exemption_until"]),
            "decision_number": decision.number if decision else "",
            "decision_date": _iso(decision.decided_on) if decision else None,
            "unit": item["holder_unit__name"] or "",
            "year": item["year"],
        }))
    return rows


def preview_rows(kind: str = EditionKind.DIP) -> list[Row]:
    """The rows as they would be frozen now, from the live register."""
    kind = _kind(kind)
    return _dip_rows() if kind == EditionKind.DIP else _dik_rows()


def preview_digest(kind: str = EditionKind.DIP) -> str:
    return rows_digest(preview_rows(kind))


def rows_of(edition: Edition) -> list:
    """The frozen rows of a signed edition, or the live preview of a draft."""
    if edition.is_signed:
        return list(edition.rows.order_by("position"))
    return preview_rows(edition.kind)


# --------------------------------------------------------------------------------------------
# What the portal shows of a signed edition.
# --------------------------------------------------------------------------------------------

# The data of a DIP row whose item was classified exempt after the decree: the frozen row stays
# (and verifies) for staff, but the portal, the public API and public downloads never show it.
WITHHELD = {"withheld": True}


def exempted_since(edition: Edition) -> set[int]:
    """Items listed in a DIP edition that are exempt now."""
    if edition.kind != EditionKind.DIP or not edition.is_signed:
        return set()
    listed = edition.rows.values_list("item_id", flat=True)
    return set(InformationItem.objects.filter(pk__in=listed, category=Category.EXEMPT)
               .values_list("pk", flat=True))


def _withheld(row, hidden: set[int]):
    if row.item_id not in hidden:
        return row
    return Row(position=row.position, item_id=row.item_id, data=dict(WITHHELD),
               row_hash=row.row_hash)


def public_rows(edition: Edition) -> list:
    """The rows of a signed edition as anyone may see them."""
    hidden = exempted_since(edition)
    return [_withheld(row, hidden) for row in edition.rows.order_by("position")]


def public_diff(old: Edition, new: Edition) -> EditionDiff:
    """`diff` for the portal and the public API: rows of items exempt now are withheld."""
    result = diff(old, new)
    hidden = exempted_since(old) | exempted_since(new)
    if hidden:
        result.added = [_withheld(r, hidden) for r in result.added]
        result.withdrawn = [_withheld(r, hidden) for r in result.withdrawn]
        result.changed = [c for c in result.changed if c.item_id not in hidden]
    return result


def verify(edition: Edition) -> bool:
    """Recompute every row's hash and the edition's from the stored rows: True if intact."""
    if not edition.is_signed or not edition.sha256:
        return False
    rows = list(edition.rows.order_by("position").values_list("position", "item_id", "data",
                                                              "row_hash"))
    if len(rows) != edition.row_count:
        return False
    for expected, (position, _item, data, stored) in enumerate(rows, start=1):
        if position != expected or row_hash(data) != stored:
            return False
    recomputed = rows_digest(Row(position=p, item_id=i, data=d, row_hash=h)
                             for p, i, d, h in rows)
    return recomputed == edition.sha256


# --------------------------------------------------------------------------------------------
# Drafts.
# --------------------------------------------------------------------------------------------


def _default_title(kind: str) -> str:
    return DEFAULT_TITLES[kind].format(year=timezone.localdate().year)


def _check_number_free(kind: str, number: str, exclude_pk=None) -> None:
    if not number:
        return
    taken = Edition.objects.filter(kind=kind, decree_number=number).exclude(pk=exclude_pk)
    if taken.exists():
        message = _("Another edition of this list already has this decree number.")
        raise InvalidInput(message, field_errors={"decree_number": [message]})


def _save(edition: Edition) -> None:
    """Save; the database refuses a decree number another edition of the list already has."""
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError as exc:
        message = _("Another edition of this list already has this decree number.")
        raise Conflict(message, field_errors={"decree_number": [message]}) from exc


def prepare_draft(user, kind: str = EditionKind.DIP, request=None) -> Edition:
    """The open draft of this list, or a new one."""
    kind = _kind(kind)
    _require_prepare(user, kind)
    with transaction.atomic():
        Agency.objects.select_for_update().order_by("pk").first()  # one draft at a time
        draft = open_draft(kind)
        if draft is not None:
            return draft
        agency = Agency.current()
        draft = Edition.objects.create(kind=kind, title=_default_title(kind),
                                       decree_place=agency.city if agency else "",
                                       created_by=user)
        audit.record(Action.EDITION_PREPARE, actor=user, obj=draft, request=request,
                     after={"kind": kind, "title": draft.title})
    return draft


def _locked_draft(edition: Edition) -> Edition:
    locked = Edition.objects.select_for_update().filter(pk=edition.pk).first()
    if locked is None:
        raise NotFound(_("Edition not found."))
    if locked.status != EditionStatus.DRAFT:
        raise Conflict(_("This edition is signed; it can no longer change."))
    return locked


def _clean_text(value) -> str:
    return " ".join(str(value or "").split())


def update_draft(user, edition: Edition, data: dict, request=None) -> Edition:
    """Change the title, the decree's fields or the note of a draft."""
    _require_prepare(user, edition.kind)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(_("These fields cannot be changed: %(names)s")
                           % {"names": ", ".join(sorted(unknown))})
    changes = {}
    for name, value in data.items():
        if name == "decree_date":
            if value is not None and not isinstance(value, date):
                raise InvalidInput(_("Give a valid date."),
                                   field_errors={"decree_date": [_("Give a valid date.")]})
            changes[name] = value
        elif name == "note":
            changes[name] = str(value or "").strip()
        else:
            changes[name] = _clean_text(value)
    if "title" in changes and not changes["title"]:
        raise InvalidInput(_("Give the edition a title."),
                           field_errors={"title": [_("This field is required.")]})
    with transaction.atomic():
        edition = _locked_draft(edition)
        if "decree_number" in changes:
            _check_number_free(edition.kind, changes["decree_number"], exclude_pk=edition.pk)
        before, after = {}, {}
        for name, value in changes.items():
            old = getattr(edition, name)
            if old != value:
                before[name] = old.isoformat() if isinstance(old, date) else old
                after[name] = value.isoformat() if isinstance(value, date) else value
                setattr(edition, name, value)
        if after:
            _save(edition)
            audit.record(Action.EDITION_PREPARE, actor=user, obj=edition, before=before,
                         after=after, request=request)
    return edition


def discard_draft(user, edition: Edition, request=None) -> None:
    _require_prepare(user, edition.kind)
    with transaction.atomic():
        edition = _locked_draft(edition)
        audit.record(Action.EDITION_DISCARD, actor=user, obj=edition, request=request,
                     before={"kind": edition.kind, "title": edition.title})
        edition.delete()


# --------------------------------------------------------------------------------------------
# Signing off.
# --------------------------------------------------------------------------------------------


def _signer_defaults(user) -> tuple[str, str]:
    position = user.positions.filter(active=True).order_by("pk").first()
    return (user.get_full_name() or user.get_username(), position.title if position else "")


def sign(user, edition: Edition, *, decree_number, decree_date, decree_place="",
         signer_name="", signer_position="", signer_nip="", expected_sha256=None,
         request=None) -> Edition:
    """Set the edition by decree: freeze its rows from the live register, with their hashes.

    `expected_sha256` is the preview digest the signer reviewed: if the register changed since,
    nothing is signed.
    """
    _require_view(user, edition.kind)
    _require(may_sign(user, edition.kind), _("Only the PPID signs off editions of the list."))
    number = _clean_text(decree_number)
    errors = {}
    if not number:
        errors["decree_number"] = [_("Give the number of the decree.")]
    if not isinstance(decree_date, date):
        errors["decree_date"] = [_("Give the date of the decree.")]
    if errors:
        raise InvalidInput(_("The decree needs its number and date."), field_errors=errors)
    with transaction.atomic():
        edition = _locked_draft(edition)
        _check_number_free(edition.kind, number, exclude_pk=edition.pk)
        rows = preview_rows(edition.kind)
        digest = rows_digest(rows)
        if expected_sha256 and expected_sha256 != digest:
            raise Conflict(_("The register changed since you reviewed it; review again."))
        EditionRow.objects.bulk_create(
            [EditionRow(edition=edition, position=r.position, item_id=r.item_id, data=r.data,
                        row_hash=r.row_hash) for r in rows], batch_size=ROW_BATCH)
        agency = Agency.current()
        default_name, default_position = _signer_defaults(user)
        edition.decree_number = number
        edition.decree_date = decree_date
        edition.decree_place = (_clean_text(decree_place) or edition.decree_place
                                or (agency.city if agency else ""))
        edition.decree_signer_name = (_clean_text(signer_name) or edition.decree_signer_name
                                      or default_name)
        edition.decree_signer_position = (_clean_text(signer_position)
                                          or edition.decree_signer_position or default_position)
        edition.decree_signer_nip = _clean_text(signer_nip) or edition.decree_signer_nip
        edition.status = EditionStatus.SIGNED
        edition.signed_by = user
        edition.signed_at = timezone.now()
        edition.row_count = len(rows)
        edition.sha256 = digest
        _save(edition)
        audit.record(Action.EDITION_SIGN, actor=user, obj=edition, request=request,
                     after={"kind": edition.kind, "decree_number": number,
                            "decree_date": decree_date.isoformat(), "rows": len(rows),
                            "sha256": digest})
        edition_id = edition.pk
        transaction.on_commit(lambda: _prerender_later(edition_id))
    return edition


def _prerender_later(edition_id: int) -> None:
    from ppid.publication import tasks  # tasks imports the services: import it late

    try:
        tasks.prerender_edition.enqueue(edition_id)
    except Exception:  # the edition is signed; the files are rendered on first download instead
        logger.exception("Could not queue the rendering of edition %s", edition_id)


# --------------------------------------------------------------------------------------------
# Differences between two editions.
# --------------------------------------------------------------------------------------------


@dataclass
class FieldChange:
    name: str
    old: object
    new: object

    @property
    def label(self) -> str:
        return str(FIELD_LABELS.get(self.name, self.name))


@dataclass
class ChangedRow:
    item_id: int
    old: Row | EditionRow
    new: Row | EditionRow
    fields: list[FieldChange]


@dataclass
class EditionDiff:
    old: Edition
    new: Edition
    added: list = field(default_factory=list)  # rows of the new edition
    changed: list[ChangedRow] = field(default_factory=list)
    withdrawn: list = field(default_factory=list)  # rows of the old edition

    @property
    def total(self) -> int:
        return len(self.added) + len(self.changed) + len(self.withdrawn)


def _hashes(edition: Edition, preview: list[Row] | None) -> dict[int, tuple[str, int]]:
    """item id -> (row hash, position)."""
    if preview is not None:
        return {r.item_id: (r.row_hash, r.position) for r in preview}
    return {item_id: (digest, position) for item_id, digest, position in
            edition.rows.values_list("item_id", "row_hash", "position")}


def _load(edition: Edition, preview: list[Row] | None, item_ids: set[int]) -> dict[int, object]:
    if preview is not None:
        return {r.item_id: r for r in preview if r.item_id in item_ids}
    found: dict[int, object] = {}
    ids = sorted(item_ids)
    for start in range(0, len(ids), ROW_BATCH):
        for row in edition.rows.filter(item_id__in=ids[start:start + ROW_BATCH]):
            found[row.item_id] = row
    return found


def _field_changes(kind: str, old: dict, new: dict) -> list[FieldChange]:
    names = list(FIELDS.get(kind, ())) + sorted((set(old) | set(new)) - set(FIELDS.get(kind, ())))
    return [FieldChange(name, old.get(name), new.get(name)) for name in names
            if old.get(name) != new.get(name)]


def diff(old: Edition, new: Edition, *, old_rows: list[Row] | None = None,
         new_rows: list[Row] | None = None) -> EditionDiff:
    """What changed from `old` to `new` (same list): added, changed (per field), withdrawn.

    Compares item ids and row hashes first; only the rows that differ are read. A draft is
    compared as its live preview (`old_rows` / `new_rows` when the caller has it already).
    """
    if old.kind != new.kind:
        raise InvalidInput(_("Only editions of the same list can be compared."))
    old_preview = None if old.is_signed else (
        old_rows if old_rows is not None else preview_rows(old.kind))
    new_preview = None if new.is_signed else (
        new_rows if new_rows is not None else preview_rows(new.kind))
    before, after = _hashes(old, old_preview), _hashes(new, new_preview)
    added_ids = set(after) - set(before)
    withdrawn_ids = set(before) - set(after)
    changed_ids = {i for i in set(before) & set(after) if before[i][0] != after[i][0]}
    old_rows = _load(old, old_preview, withdrawn_ids | changed_ids)
    new_rows = _load(new, new_preview, added_ids | changed_ids)
    result = EditionDiff(old=old, new=new)
    result.added = sorted((new_rows[i] for i in added_ids), key=lambda r: r.position)
    result.withdrawn = sorted((old_rows[i] for i in withdrawn_ids), key=lambda r: r.position)
    result.changed = sorted(
        (ChangedRow(item_id=i, old=old_rows[i], new=new_rows[i],
                    fields=_field_changes(new.kind, old_rows[i].data, new_rows[i].data))
         for i in changed_ids), key=lambda c: c.new.position)
    return result
