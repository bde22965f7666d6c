"""Register endpoints: the public read-only API and the staff API."""

from __future__ import annotations

from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from ppid.core.errors import InvalidInput, NotFound
from ppid.core.http import file_response
from ppid.core.models import Unit
from ppid.register import services
from ppid.register.constants import Category
from ppid.register.models import Document, InformationItem
from ppid.register.schemas import (
    ErrorOut,
    ItemFieldsOut,
    ItemIn,
    ItemPatch,
    ProcessingOut,
    PublicItemDetailOut,
    PublicItemPage,
    StaffItemOut,
    TransitionIn,
)

public_router = Router(tags=["public"])
staff_router = Router(tags=["staff"])

MAX_PAGE_SIZE = 100
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _unit(unit) -> dict:
    return {"id": unit.pk, "name": unit.name}


def _item_fields(item: InformationItem) -> dict:
    data = {
        name: getattr(item, name) for name in ItemFieldsOut.model_fields if name != "holder_unit"
    }
    data["holder_unit"] = _unit(item.holder_unit)
    return data


def _public_item(request, item: InformationItem) -> dict:
    return {
        **_item_fields(item),
        "category_label": str(Category(item.category).label),
        "url": request.build_absolute_uri(reverse("portal:item", args=[item.pk])),
    }


@public_router.get("/items", response=PublicItemPage, summary="Published register (DIP)")
def public_items(
    request,
    category: str | None = None,
    unit: int | None = None,
    year: int | None = None,
    q: str | None = None,
    page: int = 1,
    page_size: int = 20,
):
    if category and category not in Category.values:
        raise InvalidInput(_("Unknown category."))
    page = max(page, 1)
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    items = services.filter_register(
        services.public_items(), category=category, unit=unit, year=year, q=q
    )
    items = items.select_related("holder_unit").order_by("-published_at", "-pk")
    start = (page - 1) * page_size
    return {
        "count": items.count(),
        "page": page,
        "page_size": page_size,
        "results": [_public_item(request, item) for item in items[start : start + page_size]],
    }


@public_router.get(
    "/items/{item_id}",
    response={200: PublicItemDetailOut, 404: ErrorOut},
    summary="One published item with its public documents",
)
def public_item(request, item_id: int):
    item = services.public_items().select_related("holder_unit").filter(pk=item_id).first()
    if item is None:
        raise NotFound(_("Information item not found."))
    data = _public_item(request, item)
    data["documents"] = [
        {
            "id": doc.pk,
            "title": doc.title,
            "version": doc.current_version.number,
            "file_id": doc.current_version.public_id,
            "content_type": doc.current_version.content_type,
            "size": doc.current_version.size,
            "sha256": doc.current_version.sha256,
            "uploaded_at": doc.current_version.uploaded_at,
            "download_url": request.build_absolute_uri(
                reverse("portal:download", args=[doc.current_version.public_id])
            ),
        }
        for doc in services.public_documents(item)
    ]
    return data


def _processing(version) -> dict | None:
    processing = getattr(version, "processing", None)  # select_related: no extra query
    if processing is None:
        return None
    return {name: getattr(processing, name) for name in ProcessingOut.model_fields}


def _staff_item(request, item: InformationItem) -> dict:
    documents = []
    for doc in services.documents_with_versions(item):
        documents.append(
            {
                "id": doc.pk,
                "title": doc.title,
                "is_public": doc.is_public,
                "versions": [
                    {
                        "number": v.number,
                        "file_id": v.public_id,
                        "original_name": v.original_name,
                        "content_type": v.content_type,
                        "size": v.size,
                        "sha256": v.sha256,
                        "uploaded_by": v.uploaded_by.get_username() if v.uploaded_by else None,
                        "uploaded_at": v.uploaded_at,
                        "download_url": request.build_absolute_uri(
                            reverse("api:staff_file", args=[v.public_id])
                        ),
                        "processing": _processing(v),
                    }
                    for v in doc.versions.all()
                ],
            }
        )
    return {
        **_item_fields(item),
        "status": item.status,
        "exemption_ground": item.exemption_ground,
        "exemption_until": item.exemption_until,
        "allowed_transitions": services.allowed_transitions(request.auth, item),
        "documents": documents,
    }


def _resolve_unit(data: dict) -> dict:
    if data.get("holder_unit") is not None:
        unit = Unit.objects.filter(pk=data["holder_unit"]).first()
        if unit is None:
            raise InvalidInput(
                _("Unknown unit."), field_errors={"holder_unit": [_("Unknown unit.")]}
            )
        data["holder_unit"] = unit
    return data


@staff_router.get(
    "/items",
    response={200: list[StaffItemOut], **ERRORS},
    summary="Register as the caller may see it",
)
def staff_list(
    request,
    category: str | None = None,
    unit: int | None = None,
    year: int | None = None,
    status: str | None = None,
    q: str | None = None,
    page: int = 1,
    page_size: int = 20,
):
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    items = services.filter_register(
        services.staff_items(request.auth),
        category=category,
        unit=unit,
        year=year,
        q=q,
        status=status,
        public=False,
    ).select_related("holder_unit")
    start = (max(page, 1) - 1) * page_size
    return [_staff_item(request, item) for item in items.order_by("-pk")[start : start + page_size]]


@staff_router.post("/items", response={201: StaffItemOut, **ERRORS}, summary="Create an item")
def create_item(request, payload: ItemIn):
    item = services.create_item(request.auth, _resolve_unit(payload.dict()), request=request)
    return Status(201, _staff_item(request, item))


@staff_router.get("/items/{item_id}", response={200: StaffItemOut, **ERRORS})
def get_item(request, item_id: int):
    return _staff_item(request, services.get_staff_item(request.auth, item_id))


@staff_router.patch("/items/{item_id}", response={200: StaffItemOut, **ERRORS})
def patch_item(request, item_id: int, payload: ItemPatch):
    item = services.get_staff_item(request.auth, item_id)
    data = _resolve_unit(payload.dict(exclude_unset=True))
    item = services.update_item(request.auth, item, data, request=request)
    return _staff_item(request, item)


@staff_router.post(
    "/items/{item_id}/documents",
    response={201: StaffItemOut, **ERRORS},
    summary="Upload a new version (multipart)",
)
def upload(
    request,
    item_id: int,
    file: File[UploadedFile],
    title: Form[str] = "",
    document_id: Form[int | None] = None,
    is_public: Form[bool] = True,
):
    item = services.get_staff_item(request.auth, item_id)
    document = None
    if document_id is not None:
        document = Document.objects.filter(pk=document_id, item=item).first()
        if document is None:
            raise NotFound(_("Document not found."))
    services.add_version(
        request.auth,
        item,
        file,
        document=document,
        title=title,
        is_public=is_public,
        request=request,
    )
    return Status(201, _staff_item(request, item))


@staff_router.post(
    "/items/{item_id}/transition",
    response={200: StaffItemOut, **ERRORS},
    summary="Change the status",
)
def transition(request, item_id: int, payload: TransitionIn):
    item = services.get_staff_item(request.auth, item_id)
    item = services.transition(request.auth, item, payload.to, request=request)
    return _staff_item(request, item)


@staff_router.get(
    "/files/{file_id}",
    url_name="staff_file",
    response={200: None, **ERRORS},
    summary="Download a stored file version (recorded in the audit log)",
)
def staff_file(request, file_id: UUID, reason: str | None = None):
    """Exempt documents need `reason` (why you open it); it is recorded with your name."""
    version = services.get_staff_version(request.auth, file_id, reason=reason, request=request)
    services.record_staff_download(request.auth, version, request=request)
    return file_response(version)
