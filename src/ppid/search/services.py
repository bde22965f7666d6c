"""Full-text search over the register: indexing and querying, the same on both databases.

Who may find what is decided by the register's visibility rules (`register.services.
public_filter` and `staff_filter`), applied to the index entries, and again when the found
items are loaded through `public_items()` / `staff_items()`: a stale index entry can hide a
result, never show one that should not be seen.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Left
from django.utils.safestring import SafeString

from ppid.core.models import Unit
from ppid.register import services as register
from ppid.register.constants import FILE_EXTENSIONS, Category, FileType, Form, Status
from ppid.register.models import Document, InformationItem
from ppid.search.backends import backend, orm_combo_counts
from ppid.search.constants import PAGE_SIZE, Scope
from ppid.search.models import IndexState, SearchEntry
from ppid.search.query import ParsedQuery, parse
from ppid.search.snippets import Marker, excerpt, highlight

logger = logging.getLogger(__name__)

CHUNK = 500
CACHE_SECONDS = 600  # cached counts are keyed on the index generation: never stale
MAX_BODY_CHARS = 500_000  # per item; PostgreSQL's tsvector has a 1 MB limit
SNIPPET_SOURCE_CHARS = 30_000  # excerpts come from the start of each document's text
FILE_TYPES = list(FileType)
DOC_TYPE_KEYS = {FILE_EXTENSIONS[t]: 1 << i for i, t in enumerate(FILE_TYPES)}
DOC_TYPE_LABELS = {FILE_EXTENSIONS[t]: t.label for t in FILE_TYPES}


# --------------------------------------------------------------------------------------------
# Indexing
# --------------------------------------------------------------------------------------------


@dataclass
class _Doc:
    title: str
    is_public: bool
    content_type: str
    text: str = ""


def _documents(item_ids: list[int], text_limit: int | None = None) -> dict[int, list[_Doc]]:
    """Each item's documents (current versions) with their extracted text (its start only,
    if `text_limit` is given)."""
    rows = Document.objects.filter(item_id__in=item_ids, current_version__isnull=False).values_list(
        "item_id", "title", "is_public", "current_version_id", "current_version__content_type"
    )
    texts = _extracted_texts([row[3] for row in rows], text_limit)
    found: dict[int, list[_Doc]] = defaultdict(list)
    for item_id, title, is_public, version_id, content_type in rows:
        found[item_id].append(_Doc(title, is_public, content_type, texts.get(version_id, "")))
    return found


def _extracted_texts(version_ids: list[int], limit: int | None = None) -> dict[int, str]:
    from django.apps import apps

    try:
        processing = apps.get_model("archive", "Processing")
    except LookupError:  # text extraction not installed
        return {}
    text = Left("text", limit) if limit else F("text")
    found = {}
    for start in range(0, len(version_ids), CHUNK):
        found.update(
            processing.objects.filter(version_id__in=version_ids[start:start + CHUNK])
            .exclude(text="").values_list("version_id", text)
        )
    return found


def _body(item: InformationItem, docs: list[_Doc]) -> str:
    parts = [item.holder_unit.name, item.holder_official, item.responsible_official,
             item.made_at_place]
    for doc in docs:
        parts += [doc.title, doc.text]
    return "\n".join(p for p in parts if p)[:MAX_BODY_CHARS]


def _doc_mask(docs: list[_Doc]) -> int:
    mask = 0
    for doc in docs:
        key = FILE_EXTENSIONS.get(doc.content_type)
        mask |= DOC_TYPE_KEYS.get(key, 0)
    return mask


def index_items(item_ids: Iterable[int]) -> int:
    """Bring the index up to date for these items (added, changed or gone). Returns entries."""
    ids = sorted(set(item_ids))
    written = 0
    for start in range(0, len(ids), CHUNK):
        written += _index_chunk(ids[start:start + CHUNK])
    _bump_generation()
    return written


def _index_chunk(ids: list[int]) -> int:
    engine = backend()
    with transaction.atomic():
        old = list(SearchEntry.objects.filter(item_id__in=ids).values_list("id", flat=True))
        if old:
            engine.delete(old)
            SearchEntry.objects.filter(id__in=old).delete()
        items = list(InformationItem.objects.filter(pk__in=ids).select_related("holder_unit"))
        public_ids = set(register.public_items().filter(pk__in=ids).values_list("pk", flat=True))
        documents = _documents(ids)
        entries, texts = [], []
        for item in items:
            docs = documents.get(item.pk, [])
            scopes = [(Scope.STAFF, docs)]
            if item.pk in public_ids:
                scopes.append((Scope.PUBLIC, [d for d in docs if d.is_public]))
            for scope, scope_docs in scopes:
                entries.append(SearchEntry(
                    item=item, scope=scope, category=item.category,
                    holder_unit_id=item.holder_unit_id, year=item.year, form=item.form,
                    status=item.status, doc_types=_doc_mask(scope_docs),
                ))
                texts.append((item.title, item.summary, _body(item, scope_docs)))
        engine.create(entries, texts)
    return len(entries)


def generation() -> int:
    """A number that changes whenever the index changes (in any process), for cache keys."""
    return IndexState.objects.values_list("generation", flat=True).first() or 0


def _bump_generation() -> None:
    # A new random number rather than +1: a rolled-back change must not let a later one
    # reuse its number (and the cache entries made under it).
    token = secrets.randbits(62)
    if not IndexState.objects.filter(pk=1).update(generation=token):
        IndexState.objects.update_or_create(pk=1, defaults={"generation": token})


def index_later(item_ids: Iterable[int]) -> None:
    """Re-index these items after the current transaction commits (now if there is none)."""
    ids = sorted(set(item_ids))
    if ids:
        transaction.on_commit(lambda: _index_safely(ids))


def _index_safely(ids: list[int]) -> None:
    try:
        index_items(ids)
    except Exception:  # the change itself is saved; `ppid reindex` repairs the index
        logger.exception("Could not index items %s; run `ppid reindex`", ids[:20])


def _checkpoint_file():
    return settings.DATA_DIR / "reindex-checkpoint.json"


def reindex_all(*, resume: bool = False,
                progress: Callable[[int, int], None] | None = None) -> dict:
    """Rebuild the whole index in chunks; an interrupted run continues with `resume=True`."""
    checkpoint = _checkpoint_file()
    after = 0
    if resume and checkpoint.exists():
        after = json.loads(checkpoint.read_text()).get("last_item_id", 0)
    all_ids = InformationItem.objects.order_by("pk").values_list("pk", flat=True)
    total = all_ids.count()
    done = all_ids.filter(pk__lte=after).count()
    if progress:
        progress(done, total)
    failed: list[tuple[int, str]] = []
    ids = list(all_ids.filter(pk__gt=after))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        try:
            index_items(chunk)
        except Exception as exc:  # one bad chunk must not stop the rebuild
            logger.exception("Indexing items %s..%s failed", chunk[0], chunk[-1])
            failed.extend((pk, str(exc)) for pk in chunk)
        checkpoint.write_text(json.dumps({"last_item_id": chunk[-1]}))
        done += len(chunk)
        if progress:
            progress(done, total)
    engine = backend()
    engine.prune()
    engine.optimize()
    checkpoint.unlink(missing_ok=True)
    return {"total": total, "indexed": total - len(failed), "failed": failed}


def index_missing() -> int:
    """Index the items that have no entry yet (say, data from before search existed)."""
    indexed = SearchEntry.objects.filter(scope=Scope.STAFF).values("item_id")
    missing = list(InformationItem.objects.exclude(pk__in=indexed).values_list("pk", flat=True))
    if missing:
        index_items(missing)
    return len(missing)


def index_report() -> list[tuple[str, str]]:
    """For `ppid check`: does every item have its staff index entry?"""
    try:
        items = InformationItem.objects.count()
        indexed = SearchEntry.objects.filter(scope=Scope.STAFF).count()
    except DatabaseError:
        return []  # no tables yet: `ppid migrate` comes first and is reported elsewhere
    if items == indexed:
        return [("ok", f"Search index covers all {items} items.")]
    return [("warning", f"The search index has {indexed} of {items} items; run `ppid reindex`.")]


def index_size_bytes() -> int:
    return backend().size_bytes()


# --------------------------------------------------------------------------------------------
# Searching
# --------------------------------------------------------------------------------------------


@dataclass
class Filters:
    category: str | None = None
    unit: int | None = None
    year: int | None = None
    form: str | None = None
    doc_type: str | None = None
    status: str | None = None  # staff only

    @classmethod
    def from_params(cls, params, *, staff: bool = False) -> Filters:
        def number(name):
            try:
                return int(params.get(name))
            except (TypeError, ValueError):
                return None

        def choice(name, allowed):
            value = params.get(name) or None
            return value if value in allowed else None

        categories = Category.values if staff else [
            c for c in Category.values if c != Category.EXEMPT]
        return cls(
            category=choice("category", categories),
            unit=number("unit"),
            year=number("year"),
            form=choice("form", Form.values),
            doc_type=choice("doc_type", DOC_TYPE_KEYS),
            status=choice("status", Status.values) if staff else None,
        )

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Hit:
    item: InformationItem
    title: SafeString
    snippet: SafeString


@dataclass
class Results:
    query: ParsedQuery
    filters: Filters
    hits: list[Hit]
    total: int
    page: int
    page_size: int
    capped: bool = False  # more than `total` items match (very broad searches): total is a floor
    facets_pending: bool = False  # facets asked for but left to a call with hits=False
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.total else 0


class ResultPage:
    """Results shaped like a Django Page, for the shared pagination template."""

    def __init__(self, results):
        self.number = results.page
        self.paginator = type("P", (), {"num_pages": results.pages, "count": results.total})
        self.object_list = results.hits
        self.count = results.total
        self.start_index = results.start_index

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.number < self.paginator.num_pages

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1


_FACET_FIELDS = {"category": "category", "unit": "holder_unit_id", "year": "year",
                 "form": "form", "status": "status"}


def _filtered(entries: QuerySet, filters: Filters) -> QuerySet:
    for name, column in _FACET_FIELDS.items():
        value = getattr(filters, name)
        if value is not None:
            entries = entries.filter(**{column: value})
    if filters.doc_type:
        entries = entries.annotate(
            _has_type=F("doc_types").bitand(DOC_TYPE_KEYS[filters.doc_type])
        ).filter(_has_type__gt=0)
    return entries


def search_public(q: str, filters: Filters | None = None, *, page: int = 1,
                  page_size: int = PAGE_SIZE, facets: bool = True, exact: bool = True,
                  hits: bool = True) -> Results:
    """Portal search: published, non-exempt items only.

    With `exact=False` a very broad search (PostgreSQL, more than PPID_SEARCH_EXACT_UP_TO
    matches) answers at once with "more than N", the newest matches first and no facets
    (`Results.capped`); a second call with `hits=False` counts the facets exactly.
    """
    entries = SearchEntry.objects.filter(Q(scope=Scope.PUBLIC) & register.public_filter())
    return _search(entries, register.public_items(), q, filters or Filters(), page, page_size,
                   facets=facets, scope=Scope.PUBLIC, exact=exact, hits=hits)


def search_staff(user, q: str, filters: Filters | None = None, *, page: int = 1,
                 page_size: int = PAGE_SIZE, facets: bool = True, exact: bool = True) -> Results:
    """Workspace search: what this user may see, exempt items only within their reach."""
    condition = register.staff_filter(user)
    if condition is None:
        entries = SearchEntry.objects.none()
    else:
        entries = SearchEntry.objects.filter(Q(scope=Scope.STAFF) & condition)
    return _search(entries, register.staff_items(user), q, filters or Filters(), page,
                   page_size, facets=facets, scope=Scope.STAFF, exact=exact)


_COLUMNS = [*_FACET_FIELDS.values(), "doc_types"]


def _search(entries: QuerySet, items: QuerySet, q: str, filters: Filters, page: int,
            page_size: int, *, facets: bool, scope: str, exact: bool = True,
            hits: bool = True) -> Results:
    public = scope == Scope.PUBLIC
    parsed = parse(q)
    engine = backend()
    matched = _filtered(entries, filters)
    capped, tally, ranked = False, None, None
    if parsed and not exact and engine.caps_broad_searches:
        probe, ranked, tally = _broad_search(engine, entries, matched, parsed, filters,
                                             facets=facets)
        capped = probe.rows is None
        total = settings.PPID_SEARCH_EXACT_UP_TO if capped else len(ranked)
    else:
        # One GROUP BY over every facet column gives the total and every facet's counts.
        if parsed:
            tally = _Tally(engine.combo_counts(entries, parsed, scope, _COLUMNS), filters)
        elif public:
            tally = _public_tally(entries, filters)
        else:
            tally = _Tally(orm_combo_counts(entries, _COLUMNS), filters)
        total = tally.count()
    page = max(1, page)
    if not capped:
        page = min(page, max(1, -(-total // page_size)))
    offset = (page - 1) * page_size
    if not hits:
        ids = []
    elif capped:
        ids = engine.recent_item_ids(matched, parsed, offset, page_size, probe)
    elif ranked is not None:
        ids = ranked[offset:offset + page_size]
    elif parsed:
        ids = engine.ranked_item_ids(matched, parsed, scope, offset, page_size)
    else:
        ids = list(matched.order_by("-year", "-item_id")
                   .values_list("item_id", flat=True)[offset:offset + page_size])
    found = InformationItem.objects.filter(pk__in=ids).filter(pk__in=items.filter(pk__in=ids))
    found = found.select_related("holder_unit").in_bulk()
    ordered = [found[pk] for pk in ids if pk in found]
    results = Results(parsed, filters, _hits(ordered, parsed, public), total, page, page_size,
                      capped=capped, facets_pending=facets and tally is None)
    if facets and tally is not None:
        results.facets = _facets(tally, filters, public)
    return results


def _broad_search(engine, entries: QuerySet, matched: QuerySet, parsed: ParsedQuery,
                  filters: Filters, *, facets: bool):
    """A search that may match much of a large register (PostgreSQL, `exact=False`).

    Counting stops after cap + 1 real, visible matches (never the planner's estimate: its
    statistics come from every entry, hidden ones too, so it would tell about hidden text).
    Returns the probe (`rows` None: past the cap, the newest matches are shown), the matching
    item ids best first, and the facet counts (None if they would need a broad count without
    the filters, or past the cap)."""
    cap = settings.PPID_SEARCH_EXACT_UP_TO
    probe = engine.matches_up_to(matched, parsed, _COLUMNS, cap)
    if probe.rows is None:
        return probe, None, None
    rows = probe.rows
    ranked = [row[0] for row in sorted(rows, key=lambda row: (-row[-1], -row[0]))]
    unfiltered = rows
    if filters.as_dict():  # a facet's counts ignore its own filter: count without them
        unfiltered = engine.matches_up_to(entries, parsed, _COLUMNS, cap).rows if facets else None
    tally = None
    if unfiltered is not None:
        tally = _Tally([(*row[1:-1], 1) for row in unfiltered], filters)
    return probe, ranked, tally


def _public_tally(entries: QuerySet, filters: Filters) -> _Tally:
    """Counts for browsing the public register by filters alone (no words): the same for
    every visitor, so kept per index generation, like the register page's counts."""
    current = generation()
    key = f"search:public:{current}:" + urlencode(sorted(filters.as_dict().items()))
    tally = cache.get(key)
    if tally is None:
        combos = cache.get_or_set(f"search:public:{current}:combos",
                                  lambda: orm_combo_counts(entries, _COLUMNS), CACHE_SECONDS)
        tally = _Tally(combos, filters)
        cache.set(key, tally, CACHE_SECONDS)
    return tally


class _Tally:
    """Counts from (category, unit, year, form, status, doc_types, n) rows, in one pass.

    A facet's counts apply every filter but its own, so the other values stay selectable.
    """

    NAMES = (*_FACET_FIELDS, "doc_type")

    def __init__(self, combos: list[tuple], filters: Filters):
        active = [(i, getattr(filters, name)) for i, name in enumerate(_FACET_FIELDS)
                  if getattr(filters, name) is not None]
        type_bit = DOC_TYPE_KEYS[filters.doc_type] if filters.doc_type else 0
        type_slot = len(_FACET_FIELDS)
        fields = [defaultdict(int) for _ in _FACET_FIELDS]
        masks: dict[int, int] = defaultdict(int)  # doc type bit sets, tallied at the end
        total = 0
        for row in combos:  # tens of thousands of rows at a province's scale: kept tight
            failed = None
            for i, value in active:
                if row[i] != value:
                    if failed is not None:
                        break
                    failed = i
            else:
                mask = row[type_slot]
                if type_bit and not mask & type_bit:
                    if failed is not None:
                        continue
                    masks[mask] += row[-1]
                elif failed is None:
                    n = row[-1]
                    total += n
                    masks[mask] += n
                    for counts, value in zip(fields, row):  # noqa: B905 (row is longer)
                        counts[value] += n
                else:
                    fields[failed][row[failed]] += row[-1]
        self.total = total
        self.counts = dict(zip(_FACET_FIELDS, fields, strict=True))
        doc_types = self.counts["doc_type"] = defaultdict(int)
        for mask, n in masks.items():
            for key, bit in DOC_TYPE_KEYS.items():
                if mask & bit:
                    doc_types[key] += n

    def count(self) -> int:
        return self.total

    def group(self, name: str) -> dict:
        return self.counts[name]

    def doc_types(self) -> dict[str, int]:
        return {key: self.counts["doc_type"].get(key, 0) for key in DOC_TYPE_KEYS}


def _hits(items: list[InformationItem], parsed: ParsedQuery, public: bool) -> list[Hit]:
    """Titles with the matches marked, and an excerpt: from the summary if it matches, else
    from the documents (whose text is only read for the items that need it)."""
    marker = Marker(parsed)
    snippets = {item.pk: excerpt(item.summary, marker) if marker else SafeString("")
                for item in items}
    missing = [pk for pk, snippet in snippets.items() if marker and not snippet]
    documents = _documents(missing, SNIPPET_SOURCE_CHARS) if missing else {}
    for pk in missing:
        docs = [d for d in documents.get(pk, []) if d.is_public or not public]
        for text in (*(d.text for d in docs), *(d.title for d in docs)):
            snippets[pk] = excerpt(text, marker)
            if snippets[pk]:
                break
    return [Hit(item, highlight(item.title, marker), snippets[item.pk]) for item in items]


def _facets(tally: _Tally, filters: Filters, public: bool) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {}
    for name in ["category", "unit", "year", "form"] + ([] if public else ["status"]):
        facets[name] = _facet_values(name, tally.group(name), getattr(filters, name))
    facets["doc_type"] = [
        FacetValue(key, str(DOC_TYPE_LABELS[key]), n, filters.doc_type == key)
        for key, n in tally.doc_types().items() if n
    ]
    return facets


def _facet_values(name: str, counts: dict, selected) -> list[FacetValue]:
    if name == "unit":
        labels = dict(Unit.objects.filter(pk__in=counts).values_list("pk", "name"))
    elif name == "year":
        labels = {year: str(year) for year in counts}
    else:
        choices = {"category": Category, "form": Form, "status": Status}[name]
        labels = {value: str(choices(value).label) for value in counts if value in choices.values}
    values = [FacetValue(str(value), labels.get(value, str(value)), n, value == selected)
              for value, n in counts.items()]
    if name == "year":
        values.sort(key=lambda v: v.value, reverse=True)
    else:
        values.sort(key=lambda v: (-v.count, v.label))
    return values


def matching_item_ids(q: str, *, public: bool) -> QuerySet:
    """Ids of items whose index entry matches `q` (as a subquery); no visibility applied here,
    so callers restrict their own visible queryset with it."""
    parsed = parse(q)
    scope = Scope.PUBLIC if public else Scope.STAFF
    entries = SearchEntry.objects.filter(scope=scope)
    if not parsed:
        return entries.values("item_id")
    return backend().match(entries, parsed, scope).values("item_id")
