"""Federation: a PPID Utama harvests the published registers of its PPID Pelaksana (other
instances of this product) through their change feeds (ppid.publication.feed), and shows them,
with its own, on one portal page (/jaringan/), each item linked to its page at the source.

Harvesting only runs where `Agency.is_main_ppid` is set. Each page of a feed is applied in one
transaction together with the source's new cursor, so an interrupted harvest resumes where it
stopped; an unreachable source or an invalid answer is recorded on the source and never removes
what was harvested before. HTTP uses only the standard library.
"""

from __future__ import annotations

import http.client
import json
import logging
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, F, IntegerField, Q, QuerySet, Value
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.core.models import Agency
from ppid.publication.constants import ChangeOperation
from ppid.publication.models import FederationSource, HarvestedItem
from ppid.register import services as register
from ppid.register.constants import PUBLIC_CATEGORIES

logger = logging.getLogger(__name__)

USER_AGENT = "PPID-federation/1.0"
TIMEOUT_SECONDS = 20
PAGE_LIMIT = 500
MAX_PAGES_PER_RUN = 40  # 20,000 changes per source and run; the next run goes on
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
FEED_PATH = "/api/v1/public/changes"
SOURCE_FIELDS = ("name", "base_url", "enabled")


class HarvestError(Exception):
    """The source could not be read, or its answer is not a change feed."""


def is_main_ppid() -> bool:
    agency = Agency.current()
    return bool(agency and agency.is_main_ppid)


# ---------------------------------------------------------------------------------------------
# Sources (the workspace page): MANAGE_DATA_CENTER; every change is audited.
# ---------------------------------------------------------------------------------------------


def may_manage(user) -> bool:
    return Access.for_user(user).can(C.MANAGE_DATA_CENTER)


def _require_manage(user) -> None:
    if not may_manage(user):
        raise NotAllowed(_("Only the PPID, the web manager or the administrator may manage the "
                           "federated PPID Pelaksana."))


def sources(user) -> QuerySet[FederationSource]:
    _require_manage(user)
    return FederationSource.objects.order_by("name", "pk")


def get_source(user, pk) -> FederationSource:
    _require_manage(user)
    source = FederationSource.objects.filter(pk=pk).first()
    if source is None:
        raise NotFound(_("This PPID Pelaksana is not configured."))
    return source


def _snapshot(source: FederationSource) -> dict:
    return {name: getattr(source, name) for name in SOURCE_FIELDS}


def clean_base_url(value: str) -> str:
    """An http(s) address of an instance, without a trailing slash, query or fragment."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise InvalidInput(
            _("Give the instance's address, e.g. https://ppid.dinas.example.go.id."),
            field_errors={"base_url": [_("An http:// or https:// address without a query.")]},
        )
    return value.rstrip("/")


def save_source(user, data: dict, source: FederationSource | None = None,
                request=None) -> FederationSource:
    """Add a source (source=None) or change its name, address or whether it is harvested."""
    _require_manage(user)
    creating = source is None
    source = source or FederationSource()
    before = {} if creating else _snapshot(source)
    if not str(data.get("name", source.name) or "").strip():
        raise InvalidInput(_("Give the PPID Pelaksana a name."),
                           field_errors={"name": [_("This field is required.")]})
    source.name = str(data.get("name", source.name)).strip()
    new_url = clean_base_url(data.get("base_url", source.base_url))
    if not creating and new_url != source.base_url:
        source.cursor = ""  # another instance: its cursors mean nothing here; start over
    source.base_url = new_url
    source.enabled = bool(data.get("enabled", source.enabled if not creating else True))
    after = _snapshot(source)
    if not creating and after == before:
        return source
    with transaction.atomic():
        if not creating and before["base_url"] != new_url:
            source.items.all().delete()  # they belong to the old address
        source.save()
        audit.record(Action.FEDERATION_CHANGE, actor=user, obj=source, before=before or None,
                     after=after, request=request)
    return source


def harvest_now(user, source: FederationSource, request=None) -> dict:
    """A harvest started from the workspace (audited)."""
    _require_manage(user)
    if not is_main_ppid():
        raise Conflict(_("Only an instance set as the PPID Utama harvests its PPID Pelaksana "
                         "(agency settings)."))
    result = harvest(source)
    audit.record(Action.FEDERATION_CHANGE, actor=user, obj=source,
                 after={"harvest": {k: v for k, v in result.items() if k != "name"}},
                 request=request)
    return result


# ---------------------------------------------------------------------------------------------
# Harvesting.
# ---------------------------------------------------------------------------------------------


def _opener() -> urllib.request.OpenerDirector:
    """HTTP and HTTPS only (no file:// or ftp://, not even through a redirect)."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.HTTPHandler, urllib.request.HTTPSHandler,
                    urllib.request.HTTPRedirectHandler, urllib.request.HTTPDefaultErrorHandler,
                    urllib.request.HTTPErrorProcessor):
        opener.add_handler(handler())
    return opener


def _message(text, **params) -> str:
    """An error kept on the source, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text) % params if params else str(text)


def feed_url(source: FederationSource, cursor: str) -> str:
    params = {"limit": PAGE_LIMIT}
    if cursor:
        params = {"since": cursor, **params}
    return f"{source.base_url.rstrip('/')}{FEED_PATH}?{urlencode(params)}"


def fetch_page(url: str) -> dict:
    request = urllib.request.Request(  # noqa: S310 - the opener only speaks http(s)
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    try:
        with _opener().open(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        detail = ""
        try:
            error = json.loads(exc.read(64 * 1024) or b"{}")
            detail = error.get("message_en", "") if isinstance(error, dict) else ""
        except (ValueError, OSError):
            pass
        raise HarvestError(_message(_("The instance answered HTTP %(status)s for %(url)s. "
                                      "%(detail)s"), status=exc.code, url=url,
                                    detail=detail).strip()) from exc
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise HarvestError(_message(_("Could not reach %(url)s: %(reason)s"), url=url,
                                    reason=reason)) from exc
    if len(body) > MAX_RESPONSE_BYTES:
        raise HarvestError(_message(_("The answer of %(url)s is too large."), url=url))
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise HarvestError(_message(_("The answer of %(url)s is not JSON: is this the address "
                                      "of a PPID instance?"), url=url)) from exc
    if (not isinstance(data, dict) or not isinstance(data.get("changes"), list)
            or not isinstance(data.get("next_cursor"), str)
            or not isinstance(data.get("has_more"), bool)
            or not 0 < len(data["next_cursor"]) <= 64):
        raise HarvestError(_message(_("The answer of %(url)s is not a change feed of a PPID "
                                      "instance."), url=url))
    return data


def _when(value):
    if not isinstance(value, str):
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def _link(source: FederationSource, remote_id: int, url) -> str:
    """The item's page at the source: its own http(s) address, else the usual path there."""
    if isinstance(url, str) and len(url) <= 500 and urlsplit(url).scheme in ("http", "https"):
        return url
    return f"{source.base_url.rstrip('/')}/informasi/{remote_id}/"


def _fields(source: FederationSource, remote_id: int, record) -> dict | None:
    """HarvestedItem fields of a record; None when it must not be shown (not public here)."""
    if not isinstance(record, dict):
        raise HarvestError(_message(_("An upsert of item %(id)s carries no item."), id=remote_id))
    title = record.get("title")
    if not isinstance(title, str) or not title.strip():
        raise HarvestError(_message(_("Item %(id)s has no title."), id=remote_id))
    if record.get("category") not in PUBLIC_CATEGORIES:
        return None  # exempt or unknown: never shown, whatever the source says
    year = record.get("year")
    holder = record.get("holder_unit")
    summary = record.get("summary")
    return {
        "title": title.strip()[:500],
        "summary": summary if isinstance(summary, str) else "",
        "category": record["category"],
        "year": year if isinstance(year, int) and 0 < year < 32768 else None,
        "holder": holder[:255] if isinstance(holder, str) else "",
        "url": _link(source, remote_id, record.get("url")),
        "published_at": _when(record.get("published_at")),
        "modified_at": _when(record.get("modified_at")),
        "data": record,
    }


def _apply(source: FederationSource, cursor: str, page: dict) -> tuple[int, int] | None:
    """Apply one page and move the cursor, in one transaction. None: another harvest of this
    source moved on meanwhile (it carries on; this one stops)."""
    upserts: dict[int, dict] = {}
    deletes: set[int] = set()
    for entry in page["changes"]:
        if not isinstance(entry, dict):
            raise HarvestError(_message(_("The change feed holds an entry that is not an "
                                          "object.")))
        remote_id = entry.get("item_id")
        operation = entry.get("operation")
        if not isinstance(remote_id, int) or isinstance(remote_id, bool):
            raise HarvestError(_message(_("The change feed holds an entry without item_id.")))
        if operation == ChangeOperation.UPSERT:
            fields = _fields(source, remote_id, entry.get("item"))
        elif operation == ChangeOperation.DELETE:
            fields = None
        else:
            raise HarvestError(_message(_("Unknown operation “%(op)s” in the change feed."),
                                        op=operation))
        upserts.pop(remote_id, None)
        deletes.discard(remote_id)
        if fields is None:
            deletes.add(remote_id)
        else:
            upserts[remote_id] = fields
    with transaction.atomic():
        locked = FederationSource.objects.select_for_update().get(pk=source.pk)
        if locked.cursor != cursor or locked.base_url != source.base_url:
            return None
        deleted = 0
        if deletes:
            deleted = HarvestedItem.objects.filter(source=source,
                                                   remote_id__in=deletes).delete()[0]
        for remote_id, fields in upserts.items():
            HarvestedItem.objects.update_or_create(source=source, remote_id=remote_id,
                                                   defaults=fields)
        locked.cursor = page["next_cursor"]
        locked.save(update_fields=["cursor"])
    source.cursor = page["next_cursor"]
    return len(upserts), deleted


def harvest(source: FederationSource) -> dict:
    """Read the source's feed from its cursor until it has no more (bounded per run)."""
    if not is_main_ppid():
        raise Conflict(_("Only an instance set as the PPID Utama harvests its PPID Pelaksana "
                         "(agency settings)."))
    result = {"name": source.name, "upserted": 0, "deleted": 0, "pages": 0, "error": "",
              "cursor_before": source.cursor}
    error = ""
    try:
        for _page in range(MAX_PAGES_PER_RUN):
            cursor = source.cursor
            page = fetch_page(feed_url(source, cursor))
            applied = _apply(source, cursor, page)
            if applied is None:
                break
            result["pages"] += 1
            result["upserted"] += applied[0]
            result["deleted"] += applied[1]
            if not page["has_more"] or page["next_cursor"] == cursor:
                break
    except HarvestError as exc:
        error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a broken source never stops the other sources
        logger.exception("Harvesting %s failed", source.base_url)
        error = _message(_("Harvesting failed unexpectedly: %(error)s"), error=exc)
    now = timezone.now()
    source.last_harvest_at = now
    if error:
        source.last_error = error[:2000]
        source.failures += 1
    else:
        source.last_success_at = now
        source.last_error = ""
        source.failures = 0
    FederationSource.objects.filter(pk=source.pk).update(
        last_harvest_at=source.last_harvest_at, last_success_at=source.last_success_at,
        last_error=source.last_error, failures=source.failures)
    result.update(error=error, cursor=source.cursor)
    if error:
        logger.warning("Harvest of %s: %s", source.base_url, error)
    return result


def harvest_all(source_id: int | None = None) -> dict:
    """The scheduled harvest: every enabled source (or one), counts per source."""
    if not is_main_ppid():
        return {"main_ppid": False, "sources": {}}
    chosen = FederationSource.objects.filter(enabled=True).order_by("pk")
    if source_id is not None:
        chosen = FederationSource.objects.filter(pk=source_id)
    return {"main_ppid": True,
            "sources": {str(source.pk): harvest(source) for source in chosen}}


# ---------------------------------------------------------------------------------------------
# The portal page of the network: own public items and harvested ones in one list.
# ---------------------------------------------------------------------------------------------

OWN = "own"


def network_entries(*, q: str = "", source: str = "", category: str = "") -> QuerySet:
    """Rows (dicts) of own public items (entry_source 0) and harvested items of enabled sources,
    newest first. `source` is "" (all), OWN, or a source id."""
    own = register.public_items()
    harvested = HarvestedItem.objects.filter(source__enabled=True)
    if q:
        own = own.filter(Q(title__icontains=q) | Q(summary__icontains=q))
        harvested = harvested.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    if category:
        own = own.filter(category=category)
        harvested = harvested.filter(category=category)
    parts = []
    if source in ("", OWN):
        parts.append(own.order_by().annotate(
            entry_holder=F("holder_unit__name"),
            entry_url=Value("", output_field=CharField()),
            entry_published=F("published_at"),
            entry_source=Value(0, output_field=IntegerField()),
        ).values("pk", "title", "summary", "category", "year", "entry_holder", "entry_url",
                 "entry_published", "entry_source"))
    if source != OWN:
        if source:
            harvested = harvested.filter(source_id=source)
        parts.append(harvested.order_by().annotate(
            entry_holder=F("holder"),
            entry_url=F("url"),
            entry_published=F("published_at"),
            entry_source=F("source_id"),
        ).values("pk", "title", "summary", "category", "year", "entry_holder", "entry_url",
                 "entry_published", "entry_source"))
    newest_first = (F("entry_published").desc(nulls_last=True), "-pk")
    if len(parts) == 1:
        return parts[0].order_by(*newest_first)
    return parts[0].union(parts[1], all=True).order_by(*newest_first)
