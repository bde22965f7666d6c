from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from ninja import Schema
from pydantic import Field


class UnitRef(Schema):
    id: int
    name: str


class PublicDocumentOut(Schema):
    id: int
    title: str
    version: int
    file_id: UUID
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    download_url: str


class ItemFieldsOut(Schema):
    """The DIP columns and register fields shared by the public and staff views of an item."""

    id: int
    title: str
    summary: str
    category: str
    year: int
    holder_unit: UnitRef
    holder_official: str
    responsible_official: str
    made_on: date | None
    made_at_place: str
    form: str
    hard_copy_location: str
    retention_years: int | None
    published_at: datetime | None
    refresh_months: int | None = Field(
        default=None, description="Berkala: refresh period in months (null: the agency's).")
    refreshed_at: datetime | None = Field(
        default=None, description="When the item was last refreshed (published, a new document "
                                  "version, or confirmed as current).")


class PublicItemOut(ItemFieldsOut):
    category_label: str
    url: str


class PublicItemDetailOut(PublicItemOut):
    documents: list[PublicDocumentOut]


class PublicItemPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PublicItemOut]


class ProcessingOut(Schema):
    """Background processing of a version (ppid.archive): text, OCR, archival PDF/A."""

    state: str
    progress: int
    stage: str
    method: str
    page_count: int | None
    language: str
    error: str
    archive_sha256: str


class StaffVersionOut(Schema):
    number: int
    file_id: UUID
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str | None
    uploaded_at: datetime
    download_url: str
    processing: ProcessingOut | None = None


class StaffDocumentOut(Schema):
    id: int
    title: str
    is_public: bool
    versions: list[StaffVersionOut]


class StaffItemOut(ItemFieldsOut):
    status: str
    exemption_ground: str
    exemption_until: date | None
    allowed_transitions: list[str]
    documents: list[StaffDocumentOut]


class ItemIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    summary: str = Field(min_length=1)
    category: str
    year: int
    holder_unit: int
    holder_official: str = ""
    responsible_official: str = Field(min_length=1, max_length=255)
    made_on: date | None = None
    made_at_place: str = ""
    form: str = "soft"
    hard_copy_location: str = ""
    retention_years: int | None = None
    refresh_months: int | None = None
    exemption_ground: str = ""
    exemption_until: date | None = None


class ItemPatch(Schema):
    title: str | None = Field(default=None, min_length=1, max_length=500)
    summary: str | None = None
    category: str | None = None
    year: int | None = None
    holder_unit: int | None = None
    holder_official: str | None = None
    responsible_official: str | None = None
    made_on: date | None = None
    made_at_place: str | None = None
    form: str | None = None
    hard_copy_location: str | None = None
    retention_years: int | None = None
    refresh_months: int | None = None
    exemption_ground: str | None = None
    exemption_until: date | None = None


class TransitionIn(Schema):
    to: str


class ErrorOut(Schema):
    code: str
    message_id: str
    message_en: str
    fields: dict | None = None
