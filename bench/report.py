"""Turning a benchmark run into text: the printed summary and docs/benchmarks.md.

The markdown file has a fixed introduction, a table of headline numbers of every section, and
one section per (backend, size, label), each between markers; a re-run replaces its own
section and keeps the others. Each section carries its headline numbers as JSON in a comment,
from which the table at the top is rebuilt.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

SEARCH_P95_TARGET_MS = 50.0  # at 1M items on PostgreSQL (the target)
PAGE_P95_TARGET_MS = 30.0

INTRO = """# Benchmarks

How fast the register's full-text search is, compared with the baseline most PPID products use
(`ILIKE '%word%'` over title and summary), on the same synthetic data in the same run.

Run it:

    make bench SIZE=100000      # SQLite, then PostgreSQL (scripts/with-postgres); writes this file
    make bench-smoke            # 300 items on both databases, output to var/bench-smoke.md; CI

or on one database: `python bench/run.py --size N [--seed 42] [--out FILE] [--label TEXT]`
(it uses `DATABASE_URL`, else a fresh SQLite file in a temporary folder).
`PPID_PG_OPTIONS` passes server settings to `scripts/with-postgres`, e.g.
`PPID_PG_OPTIONS="-c shared_buffers=4GB -c work_mem=64MB"`. A run with `--json FILE` on a
database that is kept (your own `DATABASE_URL`, or `PPID_DATA_DIR` for SQLite) can be measured
again after a change with `--reuse FILE`: queries, pages and sizes are new, corpus, ingest and
recall are the first run's (the section says so).

What one run does (bench/run.py):

* **Corpus** (bench/corpus.py, fixed seed): an agency with 30 units; items with Indonesian
  government titles ("Laporan Realisasi Anggaran Dinas Kesehatan Tahun 2024"), summaries of
  1–3 sentences and 0–2 documents of 1–8 pages (250–330 words a page) whose extracted text
  (`archive.Processing.text`) comes from templates filled with government vocabulary in affixed
  forms (laporan/melaporkan/pelaporan, arsip/kearsipan/pengarsipan, ...), Zipf-like
  frequencies, so there are broad words and narrow ones. About 76 % of items are published,
  the rest draft, documented, withdrawn or exempt (8 %).
* **Ingest**: `search.index_items` over all items (both indexes, staff and public), then the
  backend's prune/optimize as `reindex_all` does, then what the database would do on its own
  (PostgreSQL: `VACUUM ANALYZE`, as autovacuum would; SQLite: a WAL checkpoint).
* **Queries** (bench/queries.py): 47 fixed queries of 10 kinds. Each is run once untimed, then
  `--repeat` times interleaved: `search_public(q, filters, page=1, exact=False)` (what the
  portal does: on PostgreSQL a search matching more than `PPID_SEARCH_EXACT_UP_TO` items stops
  counting there ("more than N"), shows the newest title/summary matches first, and its facets
  load in a second request; a filtered search whose words alone match more than N also
  loads its facets that way; filter-only browsing is counted once per index generation), the
  same with `exact=True` (exact total and facets, what the API and that second request do),
  and the baseline: published non-exempt items with `title ILIKE '%w%' OR summary ILIKE '%w%'`
  for every word (LIKE on SQLite), count plus the first 20 by year. Percentiles are over all
  timed runs of the queries in a row.
* **Recall** for the affixed-word queries: the relevant items are the public ones with any form
  of the word's root anywhere search may look (title, summary, unit and officials, place, and
  title and text of public documents), as recorded by the generator (not by the stemmer).
* **Portal register page** `/dip/` with Django's test client, in-process (no network, no
  WSGI server): the list, a category, page 50, and a search.
* **Size**: `search.index_size_bytes()` (SQLite: the FTS5 tables; PostgreSQL: the
  `search_searchentry` table with its vectors and GIN index) and the whole database.
  **Memory**: peak RSS (`ru_maxrss`) of the benchmark process after each phase; the database
  server's memory is not in it (its settings are listed).

Targets (issue): at 1M items on PostgreSQL on the 2-core machine, search p95 under 50 ms and
register page p95 under 30 ms. Timings are never asserted; the run fails only on functional
problems (an exempt item found, nothing found where something must be, search missing items of
a word family whose forms share one stem, a page failing).
"""

MARK = "<!-- bench:{key} {edge} -->"
DATA_RE = re.compile(r"<!-- bench-data (\{.*?\}) -->")


def section_key(backend: str, size: int, label: str) -> str:
    return f"{backend}-{size}" + (f"-{re.sub(r'[^a-z0-9]+', '-', label.lower())}"
                                  if label else "")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    data = sorted(values)
    k = (len(data) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (k - low)


def trio(values: list[float]) -> tuple[float, float, float]:
    return pct(values, 50), pct(values, 95), pct(values, 99)


def fmt_ms(value: float) -> str:
    if value != value:  # nan
        return "–"
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def fmt_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b else "–"


def _pooled(rows: list[dict], key: str) -> list[float]:
    return [v for row in rows for v in row[key]]


def headline(result: dict) -> dict:
    rows = result["queries"]
    s, b = trio(_pooled(rows, "search_ms")), trio(_pooled(rows, "baseline_ms"))
    pages = {row["url"]: pct(row["ms"], 95) for row in result["pages"]}
    lists = [v for url, v in pages.items() if "q=" not in url]
    cold = [pct(row.get("cold_ms") or [], 95) for row in result["pages"] if "q=" not in row["url"]]
    cold = [v for v in cold if v == v]
    ingest = result["ingest"]
    recall_rows = result["recall"]
    relevant = sum(r["relevant"] for r in recall_rows)
    return {
        "key": result["key"], "backend": result["env"]["db_version"], "size": result["size"],
        "label": result["label"], "date": result["env"]["date"],
        "search": s, "baseline": b,
        "page_p95_max": max(pages.values()) if pages else float("nan"),
        "list_p95": max(lists) if lists else float("nan"),
        "list_cold_p95": max(cold) if cold else float("nan"),
        "search_page_p95": max([v for url, v in pages.items() if "q=" in url] or [float("nan")]),
        "items_per_s": result["corpus"]["items"] / ingest["seconds"],
        "pages_per_s": result["corpus"]["pages"] / ingest["seconds"],
        "index_bytes": result["sizes"]["index_bytes"], "db_bytes": result["sizes"]["db_bytes"],
        "rss_mb": max(result["rss_mb"].values()),
        "search_recall": sum(r["search_relevant"] for r in recall_rows) / relevant
        if relevant else float("nan"),
        "baseline_recall": sum(r["baseline_relevant"] for r in recall_rows) / relevant
        if relevant else float("nan"),
        "problems": len(result["problems"]),
    }


def summary(result: dict) -> str:
    h = headline(result)
    s, b = h["search"], h["baseline"]
    lines = [
        f"{h['backend']}, {h['size']:,} items ({h['date']})",
        f"  search   p50/p95/p99 {fmt_ms(s[0])} / {fmt_ms(s[1])} / {fmt_ms(s[2])} ms",
        f"  baseline p50/p95/p99 {fmt_ms(b[0])} / {fmt_ms(b[1])} / {fmt_ms(b[2])} ms "
        f"(baseline/search p50 {ratio(b[0], s[0])}, p95 {ratio(b[1], s[1])})",
        f"  recall (affixed words, pooled) search {h['search_recall']:.1%}, "
        f"baseline {h['baseline_recall']:.1%}",
        f"  register page p95: list (slowest of 3 URLs) {fmt_ms(h['list_p95'])} ms, "
        f"cache cleared {fmt_ms(h['list_cold_p95'])} ms; "
        f"with ?q= {fmt_ms(h['search_page_p95'])} ms",
        f"  ingest {h['items_per_s']:,.0f} items/s, {h['pages_per_s']:,.0f} pages/s; "
        f"index {fmt_bytes(h['index_bytes'])}, database {fmt_bytes(h['db_bytes'])}; "
        f"peak RSS {h['rss_mb']:,.0f} MB",
        f"  functional problems: {h['problems']}",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The markdown section of one run
# --------------------------------------------------------------------------------------------


def _table(header: list[str], rows: list[list], align: str | None = None) -> list[str]:
    align = align or "l" + "r" * (len(header) - 1)
    marks = {"l": "---", "r": "--:"}
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join(marks[a] for a in align) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def section(result: dict) -> str:
    env, corpus, ingest = result["env"], result["corpus"], result["ingest"]
    h = headline(result)
    title = f"{env['db_version']}, {result['size']:,} items"
    if result["label"]:
        title += f" ({result['label']})"
    out = [MARK.format(key=result["key"], edge="start"), f"## {title}", ""]
    settings = ", ".join(f"{k}={v}" for k, v in env.get("db_settings", {}).items())
    out += [
        f"Measured {env['date']} on {env['cpu']}, {env['cores']} cores, {env['ram_gb']} GB "
        f"RAM; Python {env['python']}, Django {env['django']}, {env['db_version']} "
        f"({settings}); code {env.get('git') or 'unknown'}. Seed {result['seed']}, "
        f"{result['repeat']} timed runs per query after "
        f"{result['warmup']} untimed (fewer once a query has taken "
        f"{result.get('budget', 0):.0f} s; at least 3).",
        "",
    ]
    if env.get("reused"):
        out += [
            f"Queries, pages and sizes measured again (`--reuse`) on the database generated "
            f"and indexed by the run of {env['reused']['date']} (code "
            f"{env['reused']['git']}); corpus, ingest and recall figures are that run's.",
            "",
        ]
    by_status = ", ".join(f"{k} {v:,}" for k, v in sorted(corpus["by_status"].items()))
    out += [
        f"**Corpus**: {corpus['items']:,} items ({corpus['public']:,} public; exempt "
        f"{corpus['exempt']:,}; by status: {by_status}), {corpus['documents']:,} documents, "
        f"{corpus['pages']:,} text pages, {fmt_bytes(corpus['text_bytes'])} of extracted text.",
        "",
    ]
    # Headline and targets.
    s, b = h["search"], h["baseline"]
    nofacet = trio(_pooled(result["queries"], "search_nofacets_ms"))
    out += ["### Headline", ""]
    out += _table(
        ["", "p50 ms", "p95 ms", "p99 ms"],
        [["search_public as the portal asks (exact=False)", *map(fmt_ms, s)],
         ["search_public exact, with facets (API)", *map(fmt_ms, nofacet)],
         ["baseline ILIKE (count + first 20)", *map(fmt_ms, b)],
         ["ratio baseline / search", ratio(b[0], s[0]), ratio(b[1], s[1]), ratio(b[2], s[2])]],
    )
    out += [""]
    page_p95 = h["list_p95"]
    out += [
        f"* Search p95 {fmt_ms(s[1])} ms — target at 1M on PostgreSQL under "
        f"{SEARCH_P95_TARGET_MS:.0f} ms: "
        + ("**met** at this size." if s[1] < SEARCH_P95_TARGET_MS else "**not met** at this size."),
        f"* Register page p95 (slowest of the three list URLs, as served) {fmt_ms(page_p95)} ms "
        f"— target under {PAGE_P95_TARGET_MS:.0f} ms: "
        + ("**met** at this size" if page_p95 < PAGE_P95_TARGET_MS else "**not met** at this size")
        + (f"; with the cache cleared {fmt_ms(h['list_cold_p95'])} ms"
           if h["list_cold_p95"] == h["list_cold_p95"] else "")
        + f"; the register page with a search (`?q=anggaran`) {fmt_ms(h['search_page_p95'])} ms.",
        f"* Recall on affixed words (pooled over {len(result['recall'])} queries): search "
        f"{h['search_recall']:.1%}, baseline {h['baseline_recall']:.1%}.",
        f"* Functional problems: {len(result['problems'])}"
        + ("." if not result["problems"] else ": " + "; ".join(result["problems"])),
        "",
    ]
    # Per kind.
    kinds: dict[str, list[dict]] = {}
    for row in result["queries"]:
        kinds.setdefault(row["kind"], []).append(row)
    rows = []
    for kind, members in kinds.items():
        ks, kb = trio(_pooled(members, "search_ms")), trio(_pooled(members, "baseline_ms"))
        rows.append([kind, len(members), *map(fmt_ms, ks), *map(fmt_ms, kb),
                     ratio(kb[0], ks[0]), ratio(kb[1], ks[1])])
    out += ["### Search latency by kind of query (ms)", ""]
    out += _table(["kind", "queries", "search p50", "p95", "p99", "baseline p50", "p95", "p99",
                   "ratio p50", "ratio p95"], rows)
    out += [""]
    # Per query.
    rows = []
    for row in result["queries"]:
        rows.append([f"`{row['query']}`", row["kind"], len(row["search_ms"]),
                     f"{row['search_total']:,}",
                     fmt_ms(pct(row["search_ms"], 50)), fmt_ms(pct(row["search_ms"], 95)),
                     fmt_ms(pct(row["search_nofacets_ms"], 50)),
                     f"{row['baseline_total']:,}", fmt_ms(pct(row["baseline_ms"], 50)),
                     fmt_ms(pct(row["baseline_ms"], 95)),
                     ratio(pct(row["baseline_ms"], 50), pct(row["search_ms"], 50))])
    out += ["<details><summary>Every query</summary>", ""]
    out += _table(["query", "kind", "runs", "search found", "p50", "p95", "exact p50",
                   "baseline found", "p50", "p95", "ratio p50"], rows, "llrrrrrrrrr")
    out += ["", "</details>", ""]
    # Recall.
    rows = []
    for r in result["recall"]:
        def rp(found, relevant_found, relevant):
            recall = f"{relevant_found / relevant:.1%}" if relevant else "–"
            precision = f"{relevant_found / found:.1%}" if found else "–"
            return [f"{found:,}", recall, precision]

        rows.append([f"`{r['query']}`", r["forms"], f"{r['relevant']:,}",
                     *rp(r["search_found"], r["search_relevant"], r["relevant"]),
                     *rp(r["baseline_found"], r["baseline_relevant"], r["relevant"])])
    out += ["### Recall on affixed words", "",
            "Relevant: public items with any of the forms anywhere search looks. Found: what "
            "each returns in total; recall and precision against the relevant ones.", ""]
    out += _table(["query", "forms counted as relevant", "relevant", "search found", "recall",
                   "precision", "baseline found", "recall", "precision"], rows, "llrrrrrrr")
    out += [""]
    # Pages.
    rows = []
    for p in result["pages"]:
        cold = p.get("cold_ms") or []
        rows.append([f"`{p['url']}`", p["status"] or "–", *map(fmt_ms, trio(p["ms"])),
                     fmt_ms(pct(cold, 50)), fmt_ms(pct(cold, 95)), p["error"] or ""])
    out += ["### Portal register page (ms, in-process test client)", "",
            "As served (what the view caches stays cached), and with Django's cache cleared "
            "before each request (the first visitor after an index change).", ""]
    out += _table(["URL", "status", "p50", "p95", "p99", "cache cleared p50", "p95", "error"],
                  rows, "llrrrrrl")
    out += [""]
    # Ingest, sizes, memory.
    items = corpus["items"]
    maint = ingest["maintenance"]
    out += ["### Ingest, size, memory", ""]
    out += _table(["", "value"], [
        ["generation (Python + bulk inserts, not search)",
         f"{corpus['seconds']:,.1f} s ({items / corpus['seconds']:,.0f} items/s)"],
        ["ingest: `index_items` over all items",
         f"{ingest['seconds']:,.1f} s — {items / ingest['seconds']:,.0f} items/s, "
         f"{corpus['pages'] / ingest['seconds']:,.0f} text pages/s, "
         f"{corpus['text_bytes'] / 1048576 / ingest['seconds']:,.1f} MB text/s "
         f"({ingest['entries']:,} index entries)"],
        ["prune + optimize (as `reindex_all`)", f"{ingest['optimize_seconds']:,.1f} s"],
        [f"`{maint['what']}`", f"{maint['seconds']:,.1f} s"],
        ["index size (`search.index_size_bytes()`)", fmt_bytes(result["sizes"]["index_bytes"])],
        ["database size", fmt_bytes(result["sizes"]["db_bytes"])],
        *[[f"peak RSS {phase}", f"{mb:,.0f} MB"] for phase, mb in result["rss_mb"].items()],
    ], "lr")
    out += [""]
    out += ["Largest tables and indexes: " + ", ".join(
        f"`{name}` {fmt_bytes(n or 0)}" for name, n in result["sizes"]["tables"]) + ".", ""]
    notes = result.get("notes")
    if notes:
        out += ["### Notes", "", notes.strip(), ""]
    data = {k: v for k, v in h.items()}
    out += [f"<!-- bench-data {json.dumps(data)} -->",
            MARK.format(key=result["key"], edge="end")]
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# The whole file
# --------------------------------------------------------------------------------------------

_SECTION_RE = re.compile(r"<!-- bench:(\S+) start -->.*?<!-- bench:\1 end -->", re.S)
_NOTES_RE = re.compile(r"<!-- notes start -->.*?<!-- notes end -->", re.S)


def _order(key: str) -> tuple:
    backend, size, *rest = key.split("-", 2) + [""]
    return (0 if backend == "sqlite" else 1, int(size) if size.isdigit() else 0, rest)


def write(path: Path, result: dict) -> None:
    old = path.read_text() if path.exists() else ""
    sections = {m.group(1): m.group(0) for m in _SECTION_RE.finditer(old)}
    notes = _NOTES_RE.search(old)
    sections[result["key"]] = section(result)
    ordered = sorted(sections, key=_order)
    table_rows = []
    for key in ordered:
        found = DATA_RE.search(sections[key])
        if not found:
            continue
        h = json.loads(found.group(1))
        s, b = h["search"], h["baseline"]
        table_rows.append([
            h["backend"] + (f" ({h['label']})" if h.get("label") else ""), f"{h['size']:,}",
            h["date"][:10], " / ".join(map(fmt_ms, s)), " / ".join(map(fmt_ms, b)),
            ratio(b[1], s[1]), f"{h['search_recall']:.0%} / {h['baseline_recall']:.0%}",
            fmt_ms(h.get("list_p95", h["page_p95_max"])),
            fmt_ms(h.get("list_cold_p95", float("nan"))),
            fmt_ms(h.get("search_page_p95", float("nan"))), f"{h['items_per_s']:,.0f}",
            fmt_bytes(h["index_bytes"]),
            f"{h['rss_mb']:,.0f} MB",
        ])
    parts = [INTRO, "## Summary", ""]
    parts += _table(["database", "items", "date", "search p50/p95/p99 ms",
                     "baseline p50/p95/p99 ms", "ratio p95", "recall search / baseline",
                     "list page p95 ms", "cache cleared", "search page p95 ms",
                     "ingest items/s", "index", "peak RSS"],
                    table_rows, "lrlrrrrrrrrrr")
    parts += [""]
    if notes:
        parts += [notes.group(0), ""]
    else:
        parts += ["<!-- notes start -->", "<!-- notes end -->", ""]
    parts += [sections[key] + "\n" for key in ordered]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts).rstrip() + "\n")
