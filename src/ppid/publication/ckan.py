"""Pushing the published register to CKAN portals (Satu Data Indonesia, provincial data portals).

Each public item becomes one dataset on each enabled portal, its public documents the dataset's
resources; a change of the item updates the same dataset (same name), a withdrawal deletes it.
What is due comes from the change log (publication.changes marks `DatasetSync` rows PENDING);
`push_due` (every 5 minutes) sends it. Failures that may pass (network, timeouts, HTTP 5xx, 429,
409 without a validation error) retry with exponential backoff; failures that will not pass by
themselves (validation, authorization, organization not found) stop at once. Either kind is
shown on the Pusat Data page and can be retried by hand.

Only the standard library talks HTTP: `CkanClient` POSTs JSON to `{url}/api/3/action/<action>`
with the API token in the `Authorization` header (CKAN 2.9 - 2.11). See docs/pusat-data.md.
"""

from __future__ import annotations

import http.client
import json
import logging
import random
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import InvalidInput, NotAllowed, NotFound
from ppid.publication.constants import Channel, SyncState
from ppid.publication.models import Change, ChannelRecord, DataPortal, DatasetSync
from ppid.publication.public_record import item_record, public_items_with_documents
from ppid.register import services as register
from ppid.register.constants import FILE_EXTENSIONS

logger = logging.getLogger(__name__)

TIMEOUT = 20  # seconds, per HTTP call
USER_AGENT = "PPID"
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
MAX_ATTEMPTS = 10  # then FAILED: no more automatic retries
BATCH = 200  # syncs per push_due run
BACKOFF_CAP = timedelta(hours=6)
# While one run sends a sync, another run leaves it alone (and after a crash it is due again).
LEASE = timedelta(minutes=10)
NAME_MAX = 100  # CKAN's PACKAGE_NAME_MAX_LENGTH
NAME_MIN = 2
NAME_PATTERN = re.compile(r"^[a-z0-9_-]+$")
TAG_MAX = 100
PROBLEM_STATES = (SyncState.RETRYING, SyncState.FAILED)
DUE_STATES = (SyncState.PENDING, SyncState.RETRYING)
# HTTP statuses worth retrying when the body says nothing more precise.
RETRYABLE_STATUSES = {408, 409, 425, 429}
# CKAN error types (the `__type` of the error) and whether they may pass by themselves.
RETRYABLE_TYPES = {"Search Error", "Search Index Error", "Internal Server Error"}
PERMANENT_TYPES = {"Validation Error", "Authorization Error", "Not Found Error",
                   "Integrity Error", "Search Query Error"}
INTERNAL = "PPID"  # error_type of a failure inside PPID (not the portal's)


# --------------------------------------------------------------------------------------------
# Errors.
# --------------------------------------------------------------------------------------------


class CkanError(Exception):
    """A CKAN call failed. `raw` keeps the portal's own error text for the log and the page."""

    retryable = False

    def __init__(self, message: str, *, status: int | None = None, error_type: str = "",
                 raw: str = "", fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.error_type = error_type
        self.raw = raw
        self.fields = fields or {}

    def describe(self) -> str:
        """One readable line for the page and the log (in the active language)."""
        if self.error_type == INTERNAL:
            lead = gettext("PPID could not prepare the dataset")
        elif self.error_type == "Validation Error":
            lead = gettext("The portal refused the dataset")
        elif self.error_type == "Authorization Error" or self.status in (401, 403):
            lead = gettext("The portal refused the API token or its rights "
                           "(is the token valid and a member of the organization?)")
        elif self.error_type == "Not Found Error" or self.status == 404:
            lead = gettext("Not found on the portal")
        elif self.status is None:
            lead = gettext("The portal could not be reached")
        else:
            lead = gettext("The portal answered with an error")
        status = f"HTTP {self.status}" if self.status else ""
        detail = "; ".join(part for part in (status, self.message) if part)
        return f"{lead}: {detail}" if detail else lead


class RetryableError(CkanError):
    """Network errors, timeouts, HTTP 5xx, 429, 409 lock: retried automatically with backoff."""

    retryable = True


class PermanentError(CkanError):
    """Validation, authorization, unknown organization: no automatic retry; fix and retry."""


class NotFoundError(PermanentError):
    """The dataset (or organization) does not exist on the portal."""


def _flatten_errors(error: dict) -> tuple[str, dict]:
    """CKAN's error dict -> (one line, {field: [messages]}) without the `__type` key."""
    fields = {}
    for key, value in error.items():
        if key in ("__type", "message"):
            continue
        fields[key] = _messages(value)
    parts = [str(error["message"])] if error.get("message") else []
    parts += [f"{key}: {' '.join(msgs)}" for key, msgs in fields.items() if msgs]
    return "; ".join(parts), fields


def _messages(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out = []
        for entry in value:
            out += _messages(entry)
        return out
    if isinstance(value, dict):  # e.g. resources: [{"url": ["Missing value"]}]
        out = []
        for key, entry in value.items():
            out += [f"{key}: {m}" for m in _messages(entry)]
        return out
    return [str(value)] if value not in (None, "") else []


def error_from_response(status: int, payload, raw: str) -> CkanError:
    """The error for a CKAN answer that is not a success (status + parsed JSON body)."""
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        error = payload["error"]
        error_type = str(error.get("__type", ""))
        message, fields = _flatten_errors(error)
        message = message or error_type or f"HTTP {status}"
        if error_type == "Not Found Error" or (not error_type and status == 404):
            cls = NotFoundError
        elif error_type in RETRYABLE_TYPES:
            cls = RetryableError
        elif error_type in PERMANENT_TYPES:
            cls = PermanentError
        else:
            cls = RetryableError if _retryable_status(status) else PermanentError
        return cls(message, status=status, error_type=error_type, raw=raw[:2000], fields=fields)
    # Not CKAN's JSON (a proxy's error page, "Bad request - Action name not known: ...").
    text = payload if isinstance(payload, str) else _first_line(raw)
    cls = RetryableError if _retryable_status(status) else (
        NotFoundError if status == 404 else PermanentError)
    return cls(text[:300] or f"HTTP {status}", status=status, raw=raw[:2000])


def _retryable_status(status: int | None) -> bool:
    return status is None or status >= 500 or status in RETRYABLE_STATUSES


def _first_line(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    return " ".join(text.split())[:300]


# --------------------------------------------------------------------------------------------
# The client.
# --------------------------------------------------------------------------------------------


class CkanClient:
    """A small CKAN Action API client (API v3, JSON over POST)."""

    def __init__(self, base_url: str, token: str = "", *, timeout: float | None = None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = TIMEOUT if timeout is None else timeout

    def action_url(self, action: str) -> str:
        return f"{self.base_url}/api/3/action/{action}"

    def call(self, action: str, data: dict | None = None):
        """POST `data` to the action; the `result` on success, else a CkanError."""
        body = json.dumps(data or {}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "User-Agent": USER_AGENT}
        if self.token:
            headers["Authorization"] = self.token
        url = self.action_url(action)
        if not url.startswith(("https://", "http://")):
            raise PermanentError(gettext("the address must start with https:// or http://"))
        request = urllib.request.Request(url, data=body, headers=headers,  # noqa: S310
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
                raw = response.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as exc:
            status = exc.code
            try:
                raw = exc.read(MAX_RESPONSE_BYTES)
            except (OSError, http.client.HTTPException):
                raw = b""
            finally:
                exc.close()
        # Network failures carry no answer of the portal (`raw` stays empty).
        except TimeoutError as exc:
            raise RetryableError(gettext("no answer within %(s)s seconds")
                                 % {"s": self.timeout}) from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise RetryableError(gettext("no answer within %(s)s seconds")
                                     % {"s": self.timeout}) from exc
            raise RetryableError(str(reason)) from exc
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise RetryableError(str(exc) or exc.__class__.__name__) from exc
        text = raw.decode("utf-8", errors="replace")
        try:
            payload = json.loads(text) if text else None
        except ValueError:
            payload = None
        if status < 400 and isinstance(payload, dict) and payload.get("success") is True:
            return payload.get("result")
        if status < 400 and not isinstance(payload, dict):
            # 200 but not CKAN's JSON: a login page, a wrong address behind a proxy.
            raise PermanentError(gettext("the answer is not the CKAN Action API (check the "
                                         "address)") + f": {_first_line(text)[:120]}",
                                 status=status, raw=text[:2000])
        raise error_from_response(status, payload if payload is not None else text, text)


def client_for(portal: DataPortal, *, timeout: float | None = None) -> CkanClient:
    return CkanClient(portal.url, portal.api_token, timeout=timeout)


# --------------------------------------------------------------------------------------------
# Item -> dataset.
# --------------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "", slugify(text or "").lower()).strip("-_")


def dataset_name(portal: DataPortal, item_id: int) -> str:
    """The dataset's name on the portal: `<prefix>-<item id>` (CKAN: a-z0-9-_, 2-100 chars)."""
    suffix = f"-{item_id}"
    prefix = _slug(portal.name_prefix) or _slug(portal.organization) or "ppid"
    prefix = prefix[:NAME_MAX - len(suffix)].rstrip("-_") or "ppid"
    return f"{prefix}{suffix}"


def valid_name(name: str) -> bool:
    return NAME_MIN <= len(name) <= NAME_MAX and bool(NAME_PATTERN.match(name))


def dataset_page_url(portal: DataPortal, name: str) -> str:
    return f"{portal.url.rstrip('/')}/dataset/{name}"


def _tag(text: str) -> str | None:
    """A CKAN tag name: letters, digits, space, - _ . ; 2-100 characters."""
    tag = re.sub(r"[^\w \-.]", " ", (text or "").lower())
    tag = " ".join(tag.split())[:TAG_MAX]
    return tag if len(tag) >= 2 else None


def _format(media_type: str, file_name: str) -> str:
    extension = FILE_EXTENSIONS.get(media_type) or file_name.rsplit(".", 1)[-1]
    return {"jpg": "JPEG", "tif": "TIFF"}.get(extension.lower(), extension.upper())[:100]


def build_dataset(portal: DataPortal, record: dict, name: str) -> dict:
    """The CKAN dataset dict of an item's public record (publication.public_record)."""
    extras = [
        ("ppid_item_id", str(record["id"])),
        ("ppid_category", record["category_label"]),
        ("ppid_year", str(record["year"] or "")),
        ("ppid_holder_unit", record["holder_unit"]),
        ("ppid_responsible_official", record["responsible_official"]),
        ("ppid_published_at", record["published_at"] or ""),
        ("ppid_modified_at", record["modified_at"] or ""),
    ]
    tags = [tag for tag in (_tag("ppid"), _tag(record["category_label"]),
                            _tag(str(record["year"] or ""))) if tag]
    resources = []
    for document in record["documents"]:
        resources.append({
            "name": document["title"][:500],
            "description": gettext("File %(file)s, version %(version)s")
            % {"file": document["file_name"], "version": document["version"]},
            "url": document["url"],
            "format": _format(document["media_type"], document["file_name"]),
            "mimetype": document["media_type"],
            "size": document["size"],
            "hash": f"sha256:{document['sha256']}",
        })
    return {
        "name": name,
        "title": record["title"],
        "notes": record["summary"] or record["title"],
        "owner_org": portal.organization,
        "license_id": portal.license_id,
        "url": record["url"],
        "author": record["holder_unit"],
        "maintainer": record["responsible_official"] or record["holder_unit"],
        "private": False,
        "state": "active",
        "tags": [{"name": tag} for tag in dict.fromkeys(tags)],
        "extras": [{"key": key, "value": value} for key, value in extras if value],
        "resources": resources,
    }


def _keep_resource_ids(dataset: dict, existing: dict) -> None:
    """Resources already on the portal keep their ids (matched by URL, then by name)."""
    old = [r for r in existing.get("resources") or [] if isinstance(r, dict) and r.get("id")]
    by_url = {r.get("url"): r["id"] for r in old}
    by_name = {r.get("name"): r["id"] for r in old}
    used = set()
    for resource in dataset["resources"]:
        rid = by_url.get(resource["url"]) or by_name.get(resource["name"])
        if rid and rid not in used:
            resource["id"] = rid
            used.add(rid)


# --------------------------------------------------------------------------------------------
# Pushing.
# --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    ok: bool
    operation: str  # "create", "update" (also of a deleted dataset), "delete"; "" if failed
    error: CkanError | None = None


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd ... failure; at most 6 hours; +0-10 %."""
    delay = min(timedelta(minutes=2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    return delay + delay * random.uniform(0, 0.1)  # noqa: S311 (jitter, not security)


def _show(client: CkanClient, name: str) -> dict | None:
    try:
        result = client.call("package_show", {"id": name})
    except NotFoundError:
        return None
    return result if isinstance(result, dict) else None


def send(sync: DatasetSync, *, client: CkanClient | None = None) -> Outcome:
    """Bring one item's dataset on one portal in line with the item now (no bookkeeping)."""
    portal = sync.portal
    client = client or client_for(portal)
    name = sync.dataset_name or dataset_name(portal, sync.item_id)
    item = public_items_with_documents().filter(pk=sync.item_id).first()
    try:
        if item is not None:
            dataset = build_dataset(portal, item_record(item), name)
            existing = _show(client, name)
            if existing is None:
                result = client.call("package_create", dataset)
                operation = "create"
            else:
                dataset["id"] = existing.get("id") or name
                _keep_resource_ids(dataset, existing)
                result = client.call("package_patch", dataset)
                operation = "update"
            result = result if isinstance(result, dict) else {}
            sync.dataset_id = str(result.get("id") or dataset.get("id") or "")[:64]
        else:
            try:
                client.call("package_delete", {"id": sync.dataset_id or name})
            except NotFoundError:
                pass  # never sent, or deleted on the portal: done either way
            operation = "delete"
    except CkanError as error:
        return Outcome(ok=False, operation="", error=error)
    except Exception as exc:  # a fault on our side: shown and retried like any failure
        logger.exception("CKAN push of item %s failed inside PPID", sync.item_id)
        return Outcome(ok=False, operation="", error=RetryableError(
            f"{exc.__class__.__name__}: {exc}", error_type=INTERNAL))
    sync.dataset_name = name
    return Outcome(ok=True, operation=operation)


def push(sync: DatasetSync, *, now: datetime | None = None,
         client: CkanClient | None = None) -> Outcome:
    """Send one sync and record the result (state, attempts, backoff, the Pusat Data channel)."""
    now = now or timezone.now()
    wanted = sync.wanted_change
    outcome = send(sync, client=client)
    if outcome.ok:
        _record_success(sync, wanted, now, outcome)
    else:
        _record_failure(sync, wanted, now, outcome.error)
    return outcome


def _record_success(sync: DatasetSync, wanted: int, now: datetime, outcome: Outcome) -> None:
    fields = {"dataset_name": sync.dataset_name, "dataset_id": sync.dataset_id,
              "synced_change": wanted, "synced_at": now, "last_attempt_at": now,
              "last_error": "", "attempts": 0}
    # A change that came in while we were sending keeps the sync PENDING (sent next run).
    done = DatasetSync.objects.filter(pk=sync.pk, wanted_change=wanted).update(
        state=SyncState.SYNCED, next_attempt_at=None, **fields)
    if not done:
        DatasetSync.objects.filter(pk=sync.pk).update(**fields)
    sync.refresh_from_db()
    if outcome.operation != "delete":
        _record_channel(sync)


def _record_failure(sync: DatasetSync, wanted: int, now: datetime, error: CkanError) -> None:
    attempts = sync.attempts + 1
    give_up = not error.retryable or attempts >= MAX_ATTEMPTS
    message = error.describe()
    if error.raw and error.raw not in message:
        message += "\n" + error.raw[:2000]
    fields = {"attempts": attempts, "last_error": message, "last_attempt_at": now,
              "state": SyncState.FAILED if give_up else SyncState.RETRYING,
              "next_attempt_at": None if give_up else now + backoff(attempts)}
    done = DatasetSync.objects.filter(pk=sync.pk, wanted_change=wanted).update(**fields)
    if not done:  # a newer change reset the sync meanwhile: keep it due, note the error only
        DatasetSync.objects.filter(pk=sync.pk).update(last_error=message, last_attempt_at=now)
    sync.refresh_from_db()
    logger.warning("CKAN push of item %s to %s failed (attempt %s): %s", sync.item_id,
                   sync.portal.url, attempts, message.splitlines()[0])


def _record_channel(sync: DatasetSync) -> None:
    """The item went out on the Pusat Data: recorded once per publication and per portal."""
    from ppid.publication import channels

    item = register.public_items().filter(pk=sync.item_id).first()
    if item is None:
        return
    reference = dataset_page_url(sync.portal, sync.dataset_name)
    recorded = ChannelRecord.objects.filter(item=item, channel=Channel.DATA_CENTER,
                                            reference=reference)
    if item.published_at is not None:
        recorded = recorded.filter(recorded_at__gte=item.published_at)
    if recorded.exists():
        return
    try:
        channels.record_channel(None, item=item, channel=Channel.DATA_CENTER,
                                reference=reference, note=sync.portal.name[:500],
                                automatic=True)
    except Exception:  # the push itself succeeded; the channel log must not undo it
        logger.exception("Could not record the Pusat Data channel of item %s", item.pk)


def due_syncs(now: datetime | None = None):
    now = now or timezone.now()
    return (DatasetSync.objects
            .filter(portal__enabled=True, state__in=DUE_STATES)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .select_related("portal")
            .order_by(F("next_attempt_at").asc(nulls_first=True), "pk"))


def _claim(sync: DatasetSync, now: datetime) -> bool:
    """Take the sync for this run (another run that sees it later leaves it alone)."""
    return bool(DatasetSync.objects.filter(
        pk=sync.pk, state=sync.state, wanted_change=sync.wanted_change,
        next_attempt_at=sync.next_attempt_at).update(next_attempt_at=now + LEASE))


def push_due(now: datetime | None = None, *, limit: int = BATCH) -> dict:
    """The scheduled task: send what is due to the enabled portals; returns counts."""
    now = now or timezone.now()
    counts = {"sent": 0, "deleted": 0, "retrying": 0, "failed": 0, "skipped": 0}
    unreachable: set[int] = set()
    clients: dict[int, CkanClient] = {}
    for sync in list(due_syncs(now)[:limit]):
        if sync.portal_id in unreachable:
            counts["skipped"] += 1
            continue
        if not _claim(sync, now):
            counts["skipped"] += 1
            continue
        sync.next_attempt_at = now + LEASE
        client = clients.setdefault(sync.portal_id, client_for(sync.portal))
        outcome = push(sync, now=now, client=client)
        if outcome.ok:
            counts["deleted" if outcome.operation == "delete" else "sent"] += 1
        else:
            counts["failed" if sync.state == SyncState.FAILED else "retrying"] += 1
            error = outcome.error
            if error is not None and error.status is None and error.error_type != INTERNAL:
                # Not reachable: the rest of this portal stays due for the next run.
                unreachable.add(sync.portal_id)
    return counts


# --------------------------------------------------------------------------------------------
# Staff operations: configuration, status, retries, send everything again.
# --------------------------------------------------------------------------------------------


def may_manage(user) -> bool:
    return Access.for_user(user).can_anywhere(C.MANAGE_DATA_CENTER)


def _require(user) -> None:
    if not may_manage(user):
        raise NotAllowed(_("Only the PPID, the web manager or an administrator may manage the "
                           "Pusat Data."))


PORTAL_FIELDS = ("name", "url", "organization", "name_prefix", "license_id", "enabled")


def snapshot(portal: DataPortal) -> dict:
    """What the audit log keeps of a portal: never the token, only whether one is set."""
    data = {name: getattr(portal, name) for name in PORTAL_FIELDS}
    data["api_token_set"] = bool(portal.api_token)
    return data


def _clean(portal: DataPortal) -> None:
    portal.name = (portal.name or "").strip()
    portal.url = (portal.url or "").strip().rstrip("/")
    portal.organization = (portal.organization or "").strip()
    portal.name_prefix = (portal.name_prefix or "").strip().lower()
    portal.license_id = (portal.license_id or "").strip()
    errors = {}
    if not portal.name:
        errors["name"] = [_("This field is required.")]
    if not re.match(r"^https?://[^/\s]+", portal.url):
        errors["url"] = [_("Enter the address of the CKAN portal, e.g. https://data.go.id")]
    if not portal.organization:
        errors["organization"] = [_("This field is required.")]
    elif not re.match(r"^[a-z0-9_-]{2,100}$", portal.organization):  # a name or an id
        errors["organization"] = [_("Use the organization's name (slug) on the portal: "
                                    "lowercase letters, digits, - and _.")]
    if portal.name_prefix and not _slug(portal.name_prefix):
        errors["name_prefix"] = [_("Use lowercase letters, digits, - and _.")]
    if not portal.api_token:
        errors["api_token"] = [_("Enter the API token of the portal account.")]
    if not portal.license_id:
        errors["license_id"] = [_("This field is required.")]
    try:
        portal.clean_fields(exclude=list(errors))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise InvalidInput(_("Some fields are missing or invalid."), field_errors=errors)


def create_portal(user, data: dict, request=None) -> DataPortal:
    _require(user)
    portal = DataPortal(**{k: v for k, v in data.items() if k in PORTAL_FIELDS})
    portal.api_token = (data.get("api_token") or "").strip()
    _clean(portal)
    with transaction.atomic():
        portal.save()
        audit.record(Action.DATA_PORTAL_CHANGE, actor=user, obj=portal, request=request,
                     after={**snapshot(portal), "operation": "create"})
        if portal.enabled:
            enqueue_all(portal)
    return portal


def update_portal(user, portal: DataPortal, data: dict, request=None) -> DataPortal:
    """Change a portal; a new token is set only when given. Enabling it sends everything."""
    _require(user)
    portal = DataPortal.objects.get(pk=portal.pk)
    before = snapshot(portal)
    was_enabled = portal.enabled
    for name in PORTAL_FIELDS:
        if name in data:
            setattr(portal, name, data[name])
    token = (data.get("api_token") or "").strip()
    token_changed = bool(token) and token != portal.api_token
    if token:
        portal.api_token = token
    _clean(portal)
    after = snapshot(portal)
    changed = sorted(k for k in after if before.get(k) != after.get(k))
    if not changed and not token_changed:
        return portal
    with transaction.atomic():
        portal.save()
        audit.record(Action.DATA_PORTAL_CHANGE, actor=user, obj=portal, request=request,
                     before={k: before[k] for k in changed},
                     after={**{k: after[k] for k in changed}, "operation": "update",
                            "api_token_changed": token_changed})
        if portal.enabled and not was_enabled:
            enqueue_all(portal)
        elif token_changed or {"url", "organization"} & set(changed):
            # Connection settings fixed: what gave up may go through now.
            _reset(portal.syncs.filter(state__in=PROBLEM_STATES))
    return portal


def delete_portal(user, portal: DataPortal, request=None) -> None:
    """Stop sending to a portal and forget its state (datasets already there stay there)."""
    _require(user)
    with transaction.atomic():
        audit.record(Action.DATA_PORTAL_CHANGE, actor=user, obj=portal, request=request,
                     before=snapshot(portal), after={"operation": "delete"})
        portal.delete()


def _latest_change():
    """The id of the item's latest change (0 if none), for updates of DatasetSync rows."""
    return Coalesce(Subquery(Change.objects.filter(item_id=OuterRef("item_id"))
                             .order_by("-pk").values("pk")[:1]), Value(0))


def _reset(queryset) -> int:
    return queryset.update(state=SyncState.PENDING, attempts=0, next_attempt_at=None)


def enqueue_all(portal: DataPortal) -> int:
    """(Re)send every public item to the portal, and withdraw there what was sent and is not
    public any more. The latest change of each item is the wanted change. Returns how many
    syncs of the portal are due."""
    public_ids = set(register.public_items().values_list("pk", flat=True))
    latest = dict(Change.objects.filter(item_id__in=public_ids).values("item_id")
                  .annotate(last=Max("pk")).values_list("item_id", "last"))
    with transaction.atomic():
        known = set(portal.syncs.values_list("item_id", flat=True))
        DatasetSync.objects.bulk_create(
            [DatasetSync(portal=portal, item_id=item_id, wanted_change=latest.get(item_id, 0),
                         dataset_name=dataset_name(portal, item_id))
             for item_id in sorted(public_ids - known)],
            batch_size=500, ignore_conflicts=True)
        portal.syncs.filter(item_id__in=public_ids & known).update(
            wanted_change=_latest_change(), state=SyncState.PENDING, attempts=0,
            next_attempt_at=None)
        # Sent before and not public now (withdrawn while the portal was off): delete there,
        # unless that deletion was already sent.
        gone = (portal.syncs.exclude(item_id__in=public_ids)
                .exclude(dataset_id="", synced_change=0)
                .annotate(latest=_latest_change())
                .filter(~Q(state=SyncState.SYNCED) | Q(synced_change__lt=F("latest"))))
        DatasetSync.objects.filter(pk__in=list(gone.values_list("pk", flat=True))).update(
            wanted_change=_latest_change(), state=SyncState.PENDING, attempts=0,
            next_attempt_at=None)
    return portal.syncs.filter(state=SyncState.PENDING).count()


def resend_all(user, portal: DataPortal, request=None) -> int:
    """The "send everything again" button."""
    _require(user)
    with transaction.atomic():
        count = enqueue_all(portal)
        audit.record(Action.DATA_PUSH_RETRY, actor=user, obj=portal, request=request,
                     after={"operation": "resend_all", "due": count})
    _run_soon()
    return count


def retry(user, target: DatasetSync | DataPortal, request=None):
    """Retry by hand: one sync now (returns its Outcome), or every failing sync of a portal
    (returns how many are due again; the background task sends them within minutes)."""
    _require(user)
    if isinstance(target, DataPortal):
        with transaction.atomic():
            count = _reset(target.syncs.filter(state__in=PROBLEM_STATES))
            audit.record(Action.DATA_PUSH_RETRY, actor=user, obj=target, request=request,
                         after={"operation": "retry_failed", "count": count})
        _run_soon()
        return count
    sync = DatasetSync.objects.select_related("portal").get(pk=target.pk)
    audit.record(Action.DATA_PUSH_RETRY, actor=user, obj=sync.portal, request=request,
                 after={"operation": "retry", "item_id": sync.item_id,
                        "attempts": sync.attempts, "state": sync.state})
    DatasetSync.objects.filter(pk=sync.pk).update(attempts=0, state=SyncState.PENDING,
                                                  next_attempt_at=None)
    sync.refresh_from_db()
    return push(sync)


def _run_soon() -> None:
    """Ask the task worker to push now rather than at the next 5-minute tick."""
    def enqueue():
        try:
            from ppid.publication import tasks

            tasks.push_data_portals.enqueue()
        except Exception:  # the schedule sends it anyway
            logger.exception("Could not enqueue the CKAN push")

    transaction.on_commit(enqueue)


@dataclass
class ConnectionResult:
    ok: bool
    message: str
    organization_title: str = ""


def check_connection(user, portal: DataPortal) -> ConnectionResult:
    """organization_show (the organization exists) and organization_list_for_user (the token
    may add datasets to it: CKAN treats an unknown token as anonymous, who may not)."""
    _require(user)
    client = client_for(portal)
    try:
        organization = client.call("organization_show", {"id": portal.organization,
                                                         "include_datasets": False})
    except NotFoundError:
        return ConnectionResult(False, gettext("The portal answered, but it has no "
                                               "organization “%(org)s”.")
                                % {"org": portal.organization})
    except CkanError as error:
        return ConnectionResult(False, error.describe())
    organization = organization if isinstance(organization, dict) else {}
    title = str(organization.get("title") or organization.get("display_name")
                or portal.organization)
    try:
        allowed = client.call("organization_list_for_user", {"permission": "create_dataset"})
    except CkanError as error:
        return ConnectionResult(False, gettext("The organization “%(title)s” exists, but the "
                                               "token could not be checked: %(error)s")
                                % {"title": title, "error": error.describe()}, title)
    keys = {portal.organization, organization.get("id"), organization.get("name")} - {None, ""}
    if not any(isinstance(o, dict) and ({o.get("id"), o.get("name")} & keys)
               for o in allowed or []):
        return ConnectionResult(False, gettext(
            "The organization “%(title)s” exists, but this API token may not add datasets to "
            "it (the token is wrong or expired, or its user is not an editor of the "
            "organization).") % {"title": title}, title)
    return ConnectionResult(True, gettext("Connected: the token may add datasets to "
                                          "“%(title)s”.") % {"title": title}, title)


# --------------------------------------------------------------------------------------------
# Status for the page and the API.
# --------------------------------------------------------------------------------------------


def portals(user):
    _require(user)
    return DataPortal.objects.order_by("name", "pk")


def get_portal(user, pk) -> DataPortal:
    _require(user)
    portal = DataPortal.objects.filter(pk=pk).first()
    if portal is None:
        raise NotFound(_("Data portal not found."))
    return portal


def get_sync(user, pk) -> DatasetSync:
    _require(user)
    sync = DatasetSync.objects.select_related("portal").filter(pk=pk).first()
    if sync is None:
        raise NotFound(_("Not found."))
    return sync


def state_counts(portal: DataPortal) -> dict:
    counts = {state: 0 for state in SyncState.values}
    for row in portal.syncs.values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts


def problems(portal: DataPortal, limit: int = 100):
    """Failing syncs first (gave up), then those retrying; newest attempt first."""
    return (portal.syncs.filter(state__in=PROBLEM_STATES)
            .order_by("-state", "-last_attempt_at", "pk")[:limit])


def last_synced_at(portal: DataPortal):
    return portal.syncs.exclude(synced_at=None).order_by("-synced_at").values_list(
        "synced_at", flat=True).first()


def item_titles(item_ids) -> dict[int, str]:
    from ppid.register.models import InformationItem

    return dict(InformationItem.objects.filter(pk__in=list(item_ids))
                .values_list("pk", "title"))


def item_workspace_url(item_id: int) -> str:
    try:
        return reverse("workspace:item", args=[item_id])
    except NoReverseMatch:  # pragma: no cover
        return ""
