"""The two index backends. Both take the same parsed query and the same stemmed words.

SQLite: one FTS5 table per scope (`search_fts_public`, `search_fts_staff`; rowid = SearchEntry.id)
holding the stems of each part, so the Snowball stemmer decides what matches; ranked with bm25
and per-column weights.
PostgreSQL: `SearchEntry.vector`, built with the `indonesian` text-search configuration from
the same folded words, weighted A (title), B (summary), C (body); ranked with ts_rank.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Count, F, QuerySet
from django.db.models.expressions import RawSQL

from ppid.search.constants import BODY_WEIGHT, SUMMARY_WEIGHT, TITLE_WEIGHT
from ppid.search.models import SearchEntry
from ppid.search.query import Clause, ParsedQuery
from ppid.search.text import stemmed_text, words

FTS_TABLES = {"public": "search_fts_public", "staff": "search_fts_staff"}
PG_CONFIG = "indonesian"


class SqliteBackend:
    vendor = "sqlite"

    def create(self, entries: list[SearchEntry], texts: list[tuple[str, str, str]]) -> None:
        """Save new entries with their (title, summary, body) texts: the stems go to the
        scope's FTS table (rowid = entry id)."""
        SearchEntry.objects.bulk_create(entries)
        with connection.cursor() as cursor:
            for scope, table in FTS_TABLES.items():
                values = [(e.pk, stemmed_text(t), stemmed_text(s), stemmed_text(b))
                          for e, (t, s, b) in zip(entries, texts, strict=True)
                          if e.scope == scope]
                if values:
                    cursor.executemany(
                        f"INSERT INTO {table}(rowid, title, summary, body) "  # noqa: S608
                        "VALUES (%s, %s, %s, %s)", values)

    def delete(self, entry_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(entry_ids), 500):
                chunk = entry_ids[start:start + 500]
                marks = ",".join(["%s"] * len(chunk))
                for table in FTS_TABLES.values():
                    cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", chunk)  # noqa: S608

    def prune(self) -> None:
        with connection.cursor() as cursor:
            for table in FTS_TABLES.values():
                cursor.execute(
                    f"DELETE FROM {table} WHERE rowid NOT IN "  # noqa: S608
                    "(SELECT id FROM search_searchentry)"
                )

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            for table in FTS_TABLES.values():
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608
            cursor.execute("ANALYZE")

    @staticmethod
    def _clause(clause: Clause) -> str:
        quoted = '"' + " ".join(clause.stems) + '"'
        return quoted + "*" if clause.prefix else quoted

    def match_expression(self, parsed: ParsedQuery) -> str:
        positive = " AND ".join(self._clause(c) for c in parsed.positive)
        negative = [self._clause(c) for c in parsed.negative]
        if negative:
            return f"({positive}) NOT ({' OR '.join(negative)})"
        return positive

    def match(self, entries: QuerySet, parsed: ParsedQuery, scope: str) -> QuerySet:
        # The user's words travel as a parameter; only the constant table name is formatted.
        table = FTS_TABLES[scope]
        return entries.filter(id__in=RawSQL(  # noqa: S611
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s",  # noqa: S608
            [self.match_expression(parsed)],
        ))

    def _joined(self, entries: QuerySet, parsed: ParsedQuery, scope: str) -> tuple[str, list]:
        """FROM/WHERE with the FTS table as the outer loop and the entries' own conditions
        inlined (an `id IN (subquery)` would make SQLite walk every entry)."""
        query = entries.query
        where, params = query.get_compiler(using=entries.db).compile(query.where)
        table = FTS_TABLES[scope]
        sql = (f"FROM {table} CROSS JOIN search_searchentry "
               f"ON search_searchentry.id = {table}.rowid WHERE {table} MATCH %s")
        if where:
            sql += f" AND ({where})"
        return sql, [self.match_expression(parsed), *params]

    def _rows(self, select: str, entries: QuerySet, parsed: ParsedQuery, scope: str,
              tail: str = "", tail_params: tuple = ()) -> list[tuple]:
        try:
            joined, params = self._joined(entries, parsed, scope)
        except EmptyResultSet:
            return []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {select} {joined} {tail}", [*params, *tail_params])
            return cursor.fetchall()

    # SQLite always counts and ranks exactly: it serves one office, not a province.
    caps_broad_searches = False

    def combo_counts(self, entries: QuerySet, parsed: ParsedQuery, scope: str,
                     columns: list[str]) -> list[tuple]:
        cols = ", ".join(f"search_searchentry.{c}" for c in columns)
        return self._rows(f"{cols}, COUNT(*)", entries, parsed, scope, f"GROUP BY {cols}")

    def ranked_item_ids(self, entries: QuerySet, parsed: ParsedQuery, scope: str, offset: int,
                        limit: int) -> list[int]:
        table = FTS_TABLES[scope]
        rows = self._rows(
            "search_searchentry.item_id", entries, parsed, scope,
            f"ORDER BY bm25({table}, {TITLE_WEIGHT}, {SUMMARY_WEIGHT}, {BODY_WEIGHT}), "
            "search_searchentry.item_id DESC LIMIT %s OFFSET %s", (limit, offset),
        )
        return [row[0] for row in rows]

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            try:
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts_%'")
            except Exception:  # dbstat is an optional SQLite module
                return 0
            return cursor.fetchone()[0] or 0


class PostgresBackend:
    vendor = "postgresql"
    # ts_rank weights in the order D, C, B, A.
    weights = [BODY_WEIGHT / TITLE_WEIGHT, BODY_WEIGHT / TITLE_WEIGHT,
               SUMMARY_WEIGHT / TITLE_WEIGHT, 1.0]

    ENTRY_COLUMNS = ("item_id", "scope", "category", "holder_unit_id", "year", "form", "status",
                     "doc_types")

    def create(self, entries: list[SearchEntry], texts: list[tuple[str, str, str]]) -> None:
        """Insert the entries with their vectors in one statement (no second row version).

        `head` (title and summary) is small enough to stay in the row: ranking and broad
        searches read it instead of the whole text, which PostgreSQL keeps out of line
        (TOAST). An item's public and staff entries often have the same text: built once.
        """
        if not entries:
            return
        numbers: dict[tuple[str, str, str], int] = {}
        for text in texts:
            numbers.setdefault(text, len(numbers))
        text_rows = ", ".join(["(%s, %s, %s, %s)"] * len(numbers))
        entry_rows = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(entries))
        params: list = []
        for (title, summary, body), n in numbers.items():
            params += [n, _plain(title), _plain(summary), _plain(body)]
        for entry, text in zip(entries, texts, strict=True):
            params += [getattr(entry, column) for column in self.ENTRY_COLUMNS]
            params.append(numbers[text])
        columns = ", ".join(self.ENTRY_COLUMNS)
        config = f"'{PG_CONFIG}'::regconfig"
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH t(n, title, summary, body) AS (VALUES {text_rows}), "  # noqa: S608
                f"h AS (SELECT n, setweight(to_tsvector({config}, title), 'A') || "
                f"setweight(to_tsvector({config}, summary), 'B') AS head, body FROM t) "
                f"INSERT INTO search_searchentry ({columns}, head, vector, indexed_at) "
                f"SELECT {', '.join('e.' + c for c in self.ENTRY_COLUMNS)}, h.head, "
                f"h.head || setweight(to_tsvector({config}, h.body), 'C'), now() "
                f"FROM (VALUES {entry_rows}) e({columns}, n) JOIN h ON h.n = e.n",
                params,
            )

    def delete(self, entry_ids: list[int]) -> None:
        """The vector lives on the entry row: deleting the entry is enough."""

    def prune(self) -> None:
        pass

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")

    @staticmethod
    def _clause(clause: Clause) -> str:
        operands = [_lexeme(w) for w in clause.words]
        if clause.prefix:
            operands[-1] += ":*"
        joined = " <-> ".join(operands)
        return f"({joined})" if len(operands) > 1 else joined

    def _raw(self, parsed: ParsedQuery, negative: bool = True) -> str:
        parts = [self._clause(c) for c in parsed.positive]
        if negative:
            parts += [f"!{self._clause(c)}" for c in parsed.negative]
        return " & ".join(parts)

    def tsquery(self, parsed: ParsedQuery, negative: bool = True) -> SearchQuery:
        return SearchQuery(self._raw(parsed, negative), search_type="raw", config=PG_CONFIG)

    def match(self, entries: QuerySet, parsed: ParsedQuery, scope: str) -> QuerySet:
        return entries.filter(vector=self.tsquery(parsed))

    def combo_counts(self, entries: QuerySet, parsed: ParsedQuery, scope: str,
                     columns: list[str]) -> list[tuple]:
        return orm_combo_counts(self.match(entries, parsed, scope), columns)

    caps_broad_searches = True
    # Read the entries in order (stopping early) rather than collect the index's posting list
    # when the planner expects at least this share of them to match: for a word in 1 % of
    # the register the walk is 20-50x slower, for one in 30 % 3x faster.
    WALK_FROM_SHARE = 0.1
    # A page (20) of the other matches, newest first: the walk stops after 20 of them, not
    # the cap + 1, so it pays from a 50x smaller share.
    REST_WALK_FROM_SHARE = 0.005
    # The newest title/summary matches of a search with more than the cap of them: first
    # look among this many newest entries (bounded work), and sort them all only if that
    # did not fill the page (a word in 1 % of a large register).
    NEWEST_FIRST_LOOK = 2000

    def matches_up_to(self, matched: QuerySet, parsed: ParsedQuery, columns: list[str],
                      cap: int) -> Probe:
        """Every match as (item id, *columns, rank), or None if more than `cap` match.

        Only real, visible matches are counted, never the planner's estimate (its statistics
        come from hidden entries too; it only chooses how to look). Title and summary first:
        `head` sits in the row, so PostgreSQL can stop after cap + 1 of them instead of
        collecting a common word's whole posting list in the full-text index. Only a search
        with few title/summary matches reads that index.
        """
        # Excluded words found in a title or summary exclude at once (no full vector read).
        heads = matched.filter(head=self.tsquery(parsed))
        walk = self._dense(matched.filter(head=self.tsquery(parsed, negative=False)), matched,
                           self.WALK_FROM_SHARE)
        with self._plan(walk=walk):
            found = self._head_rows(heads, parsed, cap + 1)
        if len(found) > cap:
            return Probe(None, dense_heads=walk)
        newest_heads = [pk for pk, _year in sorted(found, key=lambda row: (-row[1], -row[0]))]
        query = self.tsquery(parsed)
        with self._plan(walk=False):
            rows = list(
                matched.filter(vector=query).order_by()
                .annotate(rank=SearchRank(F("head"), query, weights=self.weights))
                .values_list("item_id", *columns, "rank")[:cap + 1]
            )
        return Probe(None if len(rows) > cap else rows, newest_heads=newest_heads)

    def _head_rows(self, heads: QuerySet, parsed: ParsedQuery, limit: int) -> list[tuple]:
        """(item id, year) of these title/summary matches (up to `limit`) that are matches:
        with words to exclude, the full vector is read only for them (a fence keeps
        PostgreSQL from testing it first, on every entry it reads)."""
        if not parsed.negative:
            return list(heads.order_by().values_list("item_id", "year")[:limit])
        return self._excluding(heads.order_by(), parsed, ["item_id", "year"], limit)

    def _excluding(self, entries: QuerySet, parsed: ParsedQuery, columns: list[str],
                   limit: int, offset: int = 0) -> list[tuple]:
        """These columns of the entries (in their order) whose full vector has none of the
        words to exclude, up to `limit`. The fence (OFFSET 0) keeps PostgreSQL from testing
        the out-of-line vector of every entry it reads before the entries' own conditions."""
        sql, params = entries.values(*columns, "vector").query.sql_with_params()
        select = ", ".join(f"s.{column}" for column in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {select} FROM ({sql} OFFSET 0) s "  # noqa: S608
                "WHERE s.vector @@ to_tsquery(%s::regconfig, %s) LIMIT %s OFFSET %s",
                [*params, PG_CONFIG, self._raw(parsed), limit, offset])
            return cursor.fetchall()

    def recent_item_ids(self, entries: QuerySet, parsed: ParsedQuery, offset: int, limit: int,
                        probe: Probe) -> list[int]:
        """For very broad searches: items whose title or summary match, newest first, then
        the rest, newest first, each part stopping after offset + limit rows instead of
        ranking every match. The probe has them all when there are at most the cap, and tells
        whether there are so many that walking the (year, item) index finds a page soon."""
        newest = ("-year", "-item_id")
        end = offset + limit
        ids = []
        if probe.newest_heads is not None:  # all of them are known: no query
            ids = probe.newest_heads[offset:end]
        elif not probe.dense_heads:
            ids = self._newest_of_newest(entries, parsed, offset, end)
        if not ids and probe.newest_heads is None:
            # Walk down the (year, item) index when title/summary matches are common, else
            # sort them (at most the cap of them, or a phrase the planner thinks rare).
            ids = self._newest_heads(entries, parsed, offset, end, walk=probe.dense_heads)
        if len(ids) < limit:
            if probe.newest_heads is not None:
                in_heads = len(probe.newest_heads)
            else:
                in_heads = len(self._head_rows(entries.filter(head=self.tsquery(parsed)),
                                               parsed, end))
            rest = (entries.filter(vector=self.tsquery(parsed))
                    .exclude(head=self.tsquery(parsed, negative=False)))
            start = max(0, offset - in_heads)
            with self._plan(walk=self._dense(rest, entries, self.REST_WALK_FROM_SHARE)):
                ids += list(rest.order_by(*newest).values_list("item_id", flat=True)
                            [start:start + limit - len(ids)])
        return ids

    def _newest_heads(self, entries: QuerySet, parsed: ParsedQuery, offset: int, end: int,
                      *, walk: bool) -> list[int]:
        heads = entries.filter(head=self.tsquery(parsed))
        newest = heads.order_by("-year", "-item_id")
        with self._plan(walk=walk):
            if not parsed.negative:
                return list(newest.values_list("item_id", flat=True)[offset:end])
            # Words to exclude: the title/summary matches are ordered first (their full
            # vectors are not read for that), then read only until the page is full.
            rows = self._excluding(newest, parsed, ["item_id"], end - offset, offset)
        return [row[0] for row in rows]

    def _newest_of_newest(self, entries: QuerySet, parsed: ParsedQuery, offset: int,
                          end: int) -> list[int]:
        """The page of title/summary matches if it lies within the NEWEST_FIRST_LOOK newest
        entries (one pass down the (year, item) index), else []."""
        newest = entries.order_by("-year", "-item_id").values("item_id", "year", "head",
                                                               "vector")
        sql, params = newest[:self.NEWEST_FIRST_LOOK].query.sql_with_params()
        condition = "s.head @@ to_tsquery(%s::regconfig, %s)"
        tsquery = [PG_CONFIG, self._raw(parsed)]
        if parsed.negative:
            condition += " AND s.vector @@ to_tsquery(%s::regconfig, %s)"
            tsquery += [PG_CONFIG, self._raw(parsed)]
        with self._plan(walk=True), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.item_id FROM ({sql}) s WHERE {condition} "  # noqa: S608
                "ORDER BY s.year DESC, s.item_id DESC LIMIT %s", [*params, *tsquery, end])
            ids = [row[0] for row in cursor.fetchall()]
        return ids[offset:end] if len(ids) >= end else []

    @staticmethod
    def _dense(subset: QuerySet, universe: QuerySet, share: float) -> bool:
        """Does the planner expect this share of the universe's entries in the subset?"""
        return _estimated_rows(subset) >= share * _estimated_rows(universe)

    @contextmanager
    def _plan(self, *, walk: bool):
        """Walk the entries (table or (year, item) index) or use the GIN indexes only.

        The settings are put back afterwards: `SET LOCAL` would otherwise last until the
        outermost transaction ends, changing every later query of a request run in one."""
        # Each query stops after a page or the cap: starting parallel workers costs more.
        changes = {"max_parallel_workers_per_gather": "0"}
        if walk:
            changes["enable_bitmapscan"] = "off"
        else:
            changes.update(enable_seqscan="off", enable_indexscan="off")
        names = list(changes)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(["current_setting(%s)"] * len(names)), names)
            before = cursor.fetchone()
            cursor.execute("SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(names)),
                           [v for name in names for v in (name, changes[name])])
            yield  # on an error the savepoint's rollback undoes the settings
            cursor.execute(
                "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(names)),
                [v for name, old in zip(names, before, strict=True) for v in (name, old)])

    def ranked_item_ids(self, entries: QuerySet, parsed: ParsedQuery, scope: str, offset: int,
                        limit: int) -> list[int]:
        query = self.tsquery(parsed)
        return list(
            entries.filter(vector=query)
            .annotate(rank=SearchRank(F("head"), query, weights=self.weights))
            .order_by("-rank", "-item_id")
            .values_list("item_id", flat=True)[offset:offset + limit]
        )

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchentry')")
            return cursor.fetchone()[0] or 0


@dataclass
class Probe:
    rows: list[tuple] | None  # every match, or None: more than the cap
    dense_heads: bool = False  # the planner expects them in a good share of the entries
    newest_heads: list[int] | None = None  # all of them (at most the cap), newest first


_PLAN_ROWS = re.compile(r"rows=(\d+)")


def _estimated_rows(entries: QuerySet) -> int:
    """The planner's estimate (only ever used to choose how to look, never shown)."""
    sql, params = entries.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        found = _PLAN_ROWS.search(cursor.fetchone()[0])
    return int(found.group(1)) if found else 0


def orm_combo_counts(entries: QuerySet, columns: list[str]) -> list[tuple]:
    """How many entries have each combination of these columns' values (one GROUP BY)."""
    return list(entries.values_list(*columns).annotate(n=Count("id")).order_by())


def _plain(text: str) -> str:
    """Folded words only, so PostgreSQL's parser sees the same tokens as SQLite's."""
    return " ".join(words(text))


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "''") + "'"


def backend() -> SqliteBackend | PostgresBackend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
