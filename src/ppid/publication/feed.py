"""The change feed of the public register (GET /api/v1/public/changes): what a Pusat Data or a
PPID Utama harvests, page by page, from an opaque cursor.

Rules (each tested in tests/test_change_feed.py):
- The cursor is the id of the last `Change` a harvester has seen, written "c" + base 36; no
  cursor reads from the beginning; a malformed cursor is refused (InvalidInput).
- A page reads at most `limit` changes after the cursor. Several changes of one item collapse
  into one entry carrying the item's last cursor; an item that changes again after the page is
  left to the page of its last change, so a harvester that follows `next_cursor` until
  `has_more` is false sees every item once, in its latest state.
- An entry describes the item as it is public NOW: an upsert carries `item_record`; an item
  that is no longer public (withdrawn, exempt, disposed) is a delete tombstone without content,
  whatever the logged operation said.
- `next_cursor` is the last change read, or the given cursor when there is nothing new.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from ppid.core.errors import InvalidInput
from ppid.publication import dcat
from ppid.publication.constants import ChangeOperation
from ppid.publication.models import Change
from ppid.publication.public_record import item_record, public_items_with_documents

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
CURSOR_PREFIX = "c"
_CURSOR = re.compile(r"^c(0|[1-9a-z][0-9a-z]{0,11})$")  # below 2**63
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def encode_cursor(change_id: int) -> str:
    """The opaque cursor of a change id: "c" + base 36 (c0 is before the first change)."""
    if change_id < 0:
        raise ValueError("A change id is never negative.")
    digits = ""
    while True:
        change_id, rest = divmod(change_id, 36)
        digits = _DIGITS[rest] + digits
        if not change_id:
            return CURSOR_PREFIX + digits


def decode_cursor(cursor: str | None) -> int:
    """The change id of a cursor; no cursor is 0 (the beginning). InvalidInput when malformed."""
    if cursor is None or cursor == "":
        return 0
    if not isinstance(cursor, str) or not _CURSOR.match(cursor):
        raise InvalidInput(
            _("The cursor is not valid: use the next_cursor of an earlier answer, or no cursor "
              "to start from the beginning."),
            field_errors={"since": [_("Not a cursor of this feed.")]},
        )
    return int(cursor[1:], 36)


def _limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if limit < 1:
        raise InvalidInput(
            _("The limit must be at least 1 (at most %(max)s).") % {"max": MAX_LIMIT},
            field_errors={"limit": [_("At least 1.")]},
        )
    return min(limit, MAX_LIMIT)


def read(since: str | None = None, limit: int | None = DEFAULT_LIMIT, request=None) -> dict:
    """One page of the feed (the API's JSON answer)."""
    after = decode_cursor(since)
    limit = _limit(limit)
    rows = list(Change.objects.filter(pk__gt=after).order_by("pk")
                .values_list("pk", "item_id")[:limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    result = {"changes": [], "next_cursor": encode_cursor(after), "has_more": has_more,
              "catalog": dcat.catalog_url(request)}
    if not rows:
        return result
    last_read = rows[-1][0]
    latest: dict[int, int] = {}  # item id -> its last change in this page
    for pk, item_id in rows:
        latest[item_id] = pk
    if has_more:  # changed again later: that later page carries the item
        later = set(Change.objects.filter(item_id__in=list(latest), pk__gt=last_read)
                    .values_list("item_id", flat=True).distinct())
        latest = {item_id: pk for item_id, pk in latest.items() if item_id not in later}
    public = {item.pk: item for item in public_items_with_documents().filter(pk__in=list(latest))}
    for item_id, pk in sorted(latest.items(), key=lambda pair: pair[1]):
        item = public.get(item_id)
        result["changes"].append({
            "cursor": encode_cursor(pk),
            "operation": ChangeOperation.UPSERT.value if item else ChangeOperation.DELETE.value,
            "item_id": item_id,
            "item": item_record(item, request) if item else None,
        })
    result["next_cursor"] = encode_cursor(last_read)
    return result
