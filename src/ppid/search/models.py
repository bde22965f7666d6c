from django.contrib.postgres.search import SearchVectorField
from django.db import models

from ppid.register.models import InformationItem
from ppid.search.constants import Scope


class SearchEntry(models.Model):
    """One item in one index, with the facts search filters and counts on.

    The text itself lives in the backend's index: an FTS5 table (SQLite, rowid = this id) or
    `vector` (PostgreSQL). An item is in the public index only while it is public.
    """

    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=8, choices=Scope.choices)
    category = models.CharField(max_length=16)
    holder_unit_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    form = models.CharField(max_length=8)
    status = models.CharField(max_length=16)
    doc_types = models.PositiveIntegerField(default=0)  # bit set of FileType (constants order)
    vector = SearchVectorField(null=True)  # PostgreSQL: title (A), summary (B), body (C)
    head = SearchVectorField(null=True)  # PostgreSQL: title and summary only, for ranking
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "scope"], name="one_entry_per_scope"),
        ]
        # PostgreSQL also has one partial GIN index on `vector` per scope (migrations): a
        # btree on scope would tempt the planner to check every entry's out-of-line vector.
        indexes = [models.Index(fields=["-year", "-item"], name="search_entry_listing")]


class IndexState(models.Model):
    """One row shared by every process: `generation` changes (to a new random number)
    whenever the index changes, so caches keyed on it (portal counts, filter choices) are
    never older than the index."""

    generation = models.BigIntegerField(default=0)
