"""API endpoints of this part of publication (registered in ppid.api.api): the change feed a
Pusat Data or a PPID Utama harvests, and where the DCAT catalog is."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from ninja import Router, Schema

from ppid.core.http import absolute_url
from ppid.publication import dcat, feed
from ppid.register import services as register
from ppid.register.schemas import ErrorOut

public_router = Router(tags=["publication"])
staff_router = Router(tags=["publication"])


class ChangeOut(Schema):
    cursor: str
    operation: str
    item_id: int
    item: dict[str, Any] | None


class ChangesOut(Schema):
    changes: list[ChangeOut]
    next_cursor: str
    has_more: bool
    catalog: str


class CatalogOut(Schema):
    dcat: str
    format: str
    datasets: int
    pages: int
    page_size: int
    changes: str


@public_router.get(
    "/changes",
    url_name="public_changes",
    response={200: ChangesOut, 400: ErrorOut, 422: ErrorOut},
    summary="Change feed of the published register (for harvesters)",
    description=(
        "Items published, changed or no longer public since `since` (the `next_cursor` of an "
        "earlier answer; none: from the beginning), oldest first, at most `limit` changes "
        f"(default {feed.DEFAULT_LIMIT}, at most {feed.MAX_LIMIT}). Several changes of an item "
        "come as one entry in its current state: `upsert` with the public record, or `delete` "
        "(no content) when it is no longer public. Follow `next_cursor` while `has_more`."
    ),
)
def changes(request, response: HttpResponse, since: str | None = None,
            limit: int = feed.DEFAULT_LIMIT):
    response["Cache-Control"] = "no-store"
    return feed.read(since, limit, request=request)


@public_router.get(
    "/catalog",
    url_name="public_catalog",
    response=CatalogOut,
    summary="Where the DCAT-AP catalog (JSON-LD) of the published register is",
)
def catalog(request, response: HttpResponse):
    response["Cache-Control"] = "no-cache"
    total = register.public_items().count()
    return {
        "dcat": dcat.catalog_url(request),
        "format": "application/ld+json (DCAT-AP)",
        "datasets": total,
        "pages": dcat.page_count(total),
        "page_size": dcat.PAGE_SIZE,
        "changes": absolute_url(reverse("api:public_changes"), request),
    }
