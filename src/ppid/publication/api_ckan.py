"""API of the CKAN push (Pusat Data): status per portal, retries (registered in ppid.api.api).

Staff only (Bearer token, MANAGE_DATA_CENTER). The portals' API tokens are never returned.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from pydantic import Field

from ppid.core.errors import NotFound
from ppid.publication import ckan
from ppid.register.schemas import ErrorOut

public_router = Router(tags=["publication"])
staff_router = Router(tags=["publication"])

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class StateCounts(Schema):
    pending: int
    synced: int
    retrying: int
    failed: int


class ProblemOut(Schema):
    sync_id: int
    item_id: int
    dataset_name: str
    state: str
    attempts: int
    last_error: str
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None


class DataPortalOut(Schema):
    id: int
    name: str
    url: str
    organization: str
    name_prefix: str
    license_id: str
    enabled: bool
    api_token_set: bool
    counts: StateCounts
    last_synced_at: datetime | None
    problems: list[ProblemOut] = Field(description="Failing items (up to 100): those that gave "
                                                   "up first, then those retrying.")


class RetryOut(Schema):
    queued: int = Field(description="How many items are due again.")
    sent: bool | None = Field(None, description="With sync_id: whether it went through.")
    error: str = ""
    portal: DataPortalOut


def _portal(portal) -> dict:
    counts = ckan.state_counts(portal)
    return {
        "id": portal.pk, "name": portal.name, "url": portal.url,
        "organization": portal.organization, "name_prefix": portal.name_prefix,
        "license_id": portal.license_id, "enabled": portal.enabled,
        "api_token_set": bool(portal.api_token), "counts": counts,
        "last_synced_at": ckan.last_synced_at(portal),
        "problems": [{"sync_id": s.pk, "item_id": s.item_id, "dataset_name": s.dataset_name,
                      "state": s.state, "attempts": s.attempts, "last_error": s.last_error,
                      "last_attempt_at": s.last_attempt_at,
                      "next_attempt_at": s.next_attempt_at} for s in ckan.problems(portal)],
    }


@staff_router.get("/data-portals", response={200: list[DataPortalOut], **ERRORS},
                  summary="CKAN portals of the Pusat Data: items by state and the failures")
def list_portals(request):
    return [_portal(portal) for portal in ckan.portals(request.auth)]


@staff_router.post("/data-portals/{portal_id}/retry", response={200: RetryOut, **ERRORS},
                   summary="Retry failing items of a portal (all, or one now)")
def retry_portal(request, portal_id: int, sync_id: int | None = Query(
        None, description="Retry this one item now (synchronously); without it, every "
                          "failing item of the portal is queued again.")):
    portal = ckan.get_portal(request.auth, portal_id)
    if sync_id is not None:
        sync = ckan.get_sync(request.auth, sync_id)
        if sync.portal_id != portal.pk:
            raise NotFound(_("Not found."))
        outcome = ckan.retry(request.auth, sync, request=request)
        sync.refresh_from_db()
        return {"queued": int(sync.state in ckan.DUE_STATES), "sent": outcome.ok,
                "error": outcome.error.describe() if outcome.error else "",
                "portal": _portal(portal)}
    queued = ckan.retry(request.auth, portal, request=request)
    return {"queued": queued, "portal": _portal(portal)}
