"""The two index backends. Both take the same parsed query and the same stemmed words.

SQLite: an FTS5 table `search_fts` (rowid = SearchEntry.id) holding the stems of each part, so
the Snowball stemmer decides what matches; ranked with bm25 and per-column weights.
PostgreSQL: `SearchEntry.vector`, built with the `indonesian` text-search configuration from
the same folded words, weighted A (title), B (summary), C (body); ranked with ts_rank.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from ppid.search.constants import BODY_WEIGHT, SUMMARY_WEIGHT, TITLE_WEIGHT
from ppid.search.query import Clause, ParsedQuery
from ppid.search.text import stemmed_text, words

FTS_TABLE = "search_fts"
PG_CONFIG = "indonesian"


class SqliteBackend:
    vendor = "sqlite"

    def write(self, rows: list[tuple[int, str, str, str]]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}(rowid, title, summary, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(pk, stemmed_text(t), stemmed_text(s), stemmed_text(b)) for pk, t, s, b in rows],
            )

    def delete(self, entry_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(entry_ids), 500):
                chunk = entry_ids[start:start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)  # noqa: S608

    def prune(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN (SELECT id FROM search_searchentry)"  # noqa: S608
            )

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608

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

    def match(self, entries: QuerySet, parsed: ParsedQuery) -> QuerySet:
        # The user's words travel as a parameter; only the constant table name is formatted.
        return entries.filter(id__in=RawSQL(  # noqa: S611
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [self.match_expression(parsed)],
        ))

    def ranked_item_ids(self, entries: QuerySet, parsed: ParsedQuery, offset: int,
                        limit: int) -> list[int]:
        try:
            inner, params = entries.values("id").query.sql_with_params()
        except EmptyResultSet:
            return []
        sql = (
            f"SELECT e.item_id FROM {FTS_TABLE} JOIN search_searchentry e "  # noqa: S608
            f"ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s AND e.id IN ({inner}) "
            f"ORDER BY bm25({FTS_TABLE}, {TITLE_WEIGHT}, {SUMMARY_WEIGHT}, {BODY_WEIGHT}), "
            "e.item_id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match_expression(parsed), *params, limit, offset])
            return [row[0] for row in cursor.fetchall()]

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", [f"{FTS_TABLE}%"]
                )
            except Exception:  # dbstat is an optional SQLite module
                return 0
            return cursor.fetchone()[0] or 0


class PostgresBackend:
    vendor = "postgresql"
    # ts_rank weights in the order D, C, B, A.
    weights = [BODY_WEIGHT / TITLE_WEIGHT, BODY_WEIGHT / TITLE_WEIGHT,
               SUMMARY_WEIGHT / TITLE_WEIGHT, 1.0]

    def write(self, rows: list[tuple[int, str, str, str]]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchentry SET vector = "
                "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
                "setweight(to_tsvector(%s::regconfig, %s), 'C') WHERE id = %s",
                [
                    (PG_CONFIG, _plain(t), PG_CONFIG, _plain(s), PG_CONFIG, _plain(b), pk)
                    for pk, t, s, b in rows
                ],
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

    def tsquery(self, parsed: ParsedQuery) -> SearchQuery:
        parts = [self._clause(c) for c in parsed.positive]
        parts += [f"!{self._clause(c)}" for c in parsed.negative]
        return SearchQuery(" & ".join(parts), search_type="raw", config=PG_CONFIG)

    def match(self, entries: QuerySet, parsed: ParsedQuery) -> QuerySet:
        return entries.filter(vector=self.tsquery(parsed))

    def ranked_item_ids(self, entries: QuerySet, parsed: ParsedQuery, offset: int,
                        limit: int) -> list[int]:
        query = self.tsquery(parsed)
        return list(
            entries.filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query, weights=self.weights))
            .order_by("-rank", "-item_id")
            .values_list("item_id", flat=True)[offset:offset + limit]
        )

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchentry')")
            return cursor.fetchone()[0] or 0


def _plain(text: str) -> str:
    """Folded words only, so PostgreSQL's parser sees the same tokens as SQLite's."""
    return " ".join(words(text))


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "''") + "'"


def backend() -> SqliteBackend | PostgresBackend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
