"""API of the DIP and DIK editions.

Public: the signed editions (the DIK ones only while the agency publishes the DIK), one edition
with its frozen rows, and the differences between two editions of the same list. Staff (Bearer
token): prepare a draft and sign it off under its decree (ppid.publication.editions decides who
may).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from pydantic import Field

from ppid.core.errors import Conflict, InvalidInput
from ppid.core.http import absolute_url
from ppid.publication import editions
from ppid.publication.constants import EditionKind
from ppid.publication.models import Edition
from ppid.register.schemas import ErrorOut

public_router = Router(tags=["publication"])
staff_router = Router(tags=["publication"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut,
          422: ErrorOut}
PUBLIC_ERRORS = {404: ErrorOut, 422: ErrorOut}


# --------------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------------


class DownloadsOut(Schema):
    pdf: str
    xlsx: str
    decree_pdf: str


class EditionOut(Schema):
    id: int
    kind: str = Field(description="dip or dik")
    status: str = Field(description="draft or signed")
    title: str
    decree_number: str
    decree_date: date | None
    decree_place: str
    signer_name: str
    signer_position: str
    signed_at: datetime | None
    row_count: int
    sha256: str = Field(description="SHA-256 of the canonical JSON of the rows "
                                    "([{\"data\": …, \"item_id\": …}, …], sorted keys)")
    current: bool
    url: str | None
    downloads: DownloadsOut | None


class RowOut(Schema):
    position: int
    item_id: int
    data: dict = Field(description="The official columns as frozen: codes (category, form, "
                                   "Pasal 17 ground) and ISO dates; retention_years null = "
                                   "permanent")
    row_hash: str


class EditionDetailOut(EditionOut):
    rows: list[RowOut]


class StaffEditionOut(EditionOut):
    preview_sha256: str | None = Field(
        None, description="For a draft: the digest of the rows as they would be frozen now; "
                          "send it as expected_sha256 when signing")
    preview_row_count: int | None = None


class FieldChangeOut(Schema):
    field: str
    old: Any = None
    new: Any = None


class ChangedOut(Schema):
    item_id: int
    old_position: int
    new_position: int
    title: str
    fields: list[FieldChangeOut]


class DiffOut(Schema):
    old: EditionOut
    new: EditionOut
    added: list[RowOut]
    changed: list[ChangedOut]
    withdrawn: list[RowOut]


class PrepareIn(Schema):
    kind: str = EditionKind.DIP


class SignIn(Schema):
    decree_number: str
    decree_date: date
    decree_place: str = ""
    signer_name: str = ""
    signer_position: str = ""
    signer_nip: str = ""
    expected_sha256: str | None = Field(
        None, description="The preview digest you reviewed; 409 if the register changed since")


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def _public_links(edition: Edition, request) -> tuple[str | None, dict | None]:
    if not edition.is_signed:
        return None, None
    page = reverse("publication_public:edition", kwargs={"kind": edition.kind, "pk": edition.pk})

    def download(what: str) -> str:
        return absolute_url(reverse("publication_public:edition_download", kwargs={
            "kind": edition.kind, "pk": edition.pk, "what": what}), request)

    return absolute_url(page, request), {"pdf": download("pdf"), "xlsx": download("xlsx"),
                                          "decree_pdf": download("sk")}


def _edition(edition: Edition, request, current_ids: set[int]) -> dict:
    url, downloads = _public_links(edition, request)
    return {
        "id": edition.pk, "kind": edition.kind, "status": edition.status,
        "title": edition.title, "decree_number": edition.decree_number,
        "decree_date": edition.decree_date, "decree_place": edition.decree_place,
        "signer_name": edition.decree_signer_name,
        "signer_position": edition.decree_signer_position, "signed_at": edition.signed_at,
        "row_count": edition.row_count, "sha256": edition.sha256,
        "current": edition.pk in current_ids, "url": url, "downloads": downloads,
    }


def _current_ids() -> set[int]:
    return {e.pk for e in (editions.current(k) for k in EditionKind.values) if e is not None}


def _row(row) -> dict:
    return {"position": row.position, "item_id": row.item_id, "data": row.data,
            "row_hash": row.row_hash}


def _staff_edition(edition: Edition, request) -> dict:
    body = _edition(edition, request, _current_ids())
    if not edition.is_signed:
        try:
            rows = editions.preview_rows(edition.kind)
        except Conflict:  # the DIK is not published: nothing to sign yet
            return body
        body.update(preview_sha256=editions.rows_digest(rows), preview_row_count=len(rows))
    return body


# --------------------------------------------------------------------------------------------
# Public endpoints
# --------------------------------------------------------------------------------------------


@public_router.get("/editions", response={200: list[EditionOut], **PUBLIC_ERRORS},
                   summary="Editions of the DIP (and the DIK, if published) set by decree")
def public_edition_list(request, kind: str | None = None):
    """Signed editions, newest first. `kind=dik` is 404 while the agency keeps the DIK
    unpublished; without `kind` the DIK editions are listed only when it is published."""
    if kind is not None and kind not in EditionKind.values:
        raise InvalidInput(_("Unknown list."), field_errors={"kind": [_("Unknown list.")]})
    kinds = [kind] if kind else [k for k in EditionKind.values
                                 if k == EditionKind.DIP or editions.dik_published()]
    current_ids = _current_ids()
    found = []
    for k in kinds:
        found += [_edition(e, request, current_ids) for e in editions.public_editions(k)]
    return found


@public_router.get("/editions/{edition_id}", response={200: EditionDetailOut, **PUBLIC_ERRORS},
                   summary="One signed edition with its frozen rows")
def public_edition(request, edition_id: int):
    edition = editions.get_public_edition(edition_id)
    body = _edition(edition, request, _current_ids())
    body["rows"] = [_row(r) for r in editions.public_rows(edition)]
    return body


@public_router.get("/editions/{edition_id}/diff/{other_id}",
                   response={200: DiffOut, **PUBLIC_ERRORS},
                   summary="Differences between two signed editions of the same list")
def public_edition_diff(request, edition_id: int, other_id: int):
    """The earlier-signed of the two is the old one, whatever the order in the address."""
    first = editions.get_public_edition(edition_id)
    second = editions.get_public_edition(other_id)
    if first.kind != second.kind:
        raise InvalidInput(_("Only editions of the same list can be compared."))
    if first.pk == second.pk:
        raise InvalidInput(_("Choose two different editions."))
    old, new = sorted((first, second), key=lambda e: (e.signed_at, e.pk))
    result = editions.public_diff(old, new)
    current_ids = _current_ids()
    return {
        "old": _edition(old, request, current_ids),
        "new": _edition(new, request, current_ids),
        "added": [_row(r) for r in result.added],
        "withdrawn": [_row(r) for r in result.withdrawn],
        "changed": [{"item_id": c.item_id, "old_position": c.old.position,
                     "new_position": c.new.position, "title": c.new.data.get("title", ""),
                     "fields": [{"field": f.name, "old": f.old, "new": f.new}
                                for f in c.fields]} for c in result.changed],
    }


# --------------------------------------------------------------------------------------------
# Staff endpoints
# --------------------------------------------------------------------------------------------


@staff_router.post("/editions", response={201: StaffEditionOut, **ERRORS},
                   summary="Prepare a draft edition (or get the open draft of that list)")
def prepare_edition(request, payload: PrepareIn):
    draft = editions.prepare_draft(request.auth, payload.kind, request=request)
    return Status(201, _staff_edition(draft, request))


@staff_router.post("/editions/{edition_id}/sign", response={200: StaffEditionOut, **ERRORS},
                   summary="Sign off a draft under its decree: the rows are frozen")
def sign_edition(request, edition_id: int, payload: SignIn):
    edition = editions.get_edition(request.auth, edition_id)
    edition = editions.sign(request.auth, edition, decree_number=payload.decree_number,
                            decree_date=payload.decree_date, decree_place=payload.decree_place,
                            signer_name=payload.signer_name,
                            signer_position=payload.signer_position,
                            signer_nip=payload.signer_nip,
                            expected_sha256=payload.expected_sha256, request=request)
    return _staff_edition(edition, request)
