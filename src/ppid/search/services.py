"""Full-text search over the register (work in progress: interface first)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction


def index_items(item_ids: Iterable[int]) -> None:
    """Bring the search index up to date for these items (added, changed or gone)."""


def index_later(item_ids: Iterable[int]) -> None:
    """Re-index these items after the current transaction commits (now if there is none)."""
    ids = sorted(set(item_ids))
    if ids:
        transaction.on_commit(lambda: index_items(ids))
