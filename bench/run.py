"""The search benchmark: one command, one database (whatever DATABASE_URL says).

    python bench/run.py --size 100000 [--seed 42] [--out docs/benchmarks.md] [--label ...]

Generates a synthetic register (bench/corpus.py) into a fresh database, indexes it with
`search.index_items`, then measures search latency for a fixed query set (bench/queries.py)
against the ILIKE baseline in the same run, recall of both for affixed words, the portal
register page, index and database size and peak memory. Prints a summary and writes (or
replaces) this backend's and size's section of the output file.

Without DATABASE_URL it uses a new SQLite file in a temporary PPID_DATA_DIR. The exit code is
1 if something is functionally wrong (an exempt item found, a query that must find something
finding nothing, search missing items of a word family it should find, a page failing);
never because of a timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from array import array
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402
import report  # noqa: E402
from queries import EXEMPT_QUERY, QUERIES, Query, baseline_terms  # noqa: E402

TEMP_DIR: str | None = None


def _setup_django(keep: bool, replace: bool = False, reuse: bool = False) -> None:
    global TEMP_DIR
    if not os.environ.get("PPID_DATA_DIR"):
        TEMP_DIR = tempfile.mkdtemp(prefix="ppid-bench-")
        os.environ["PPID_DATA_DIR"] = TEMP_DIR
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ppid.settings")
    os.environ.setdefault("PPID_LOG_LEVEL", "WARNING")
    if not os.environ.get("DATABASE_URL") and not reuse:
        data = Path(os.environ["PPID_DATA_DIR"])
        if TEMP_DIR is None and (data / "ppid.sqlite3").exists() and not replace:
            sys.exit(f"{data / 'ppid.sqlite3'} exists: the benchmark needs a fresh database. "
                     "Use another PPID_DATA_DIR (or none), or --replace-db to delete it.")
        for name in ("ppid.sqlite3", "ppid.sqlite3-wal", "ppid.sqlite3-shm"):
            (data / name).unlink(missing_ok=True)  # a fresh database every run
    import django

    django.setup()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------

METHODS = {"pdf": "text_layer", "docx": "docx", "xlsx": "xlsx", "odt": "odf", "txt": "plain",
           "jpg": "ocr", "png": "ocr", "tif": "ocr"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def generate(size: int, seed: int, batch: int) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from ppid.archive.models import Processing
    from ppid.core.models import Agency, Unit
    from ppid.register.models import Document, DocumentVersion, InformationItem

    gen = corpus.Corpus(seed)
    agency = Agency.objects.create(
        name="Pemerintah Kabupaten Sukamaju", short_name="Pemkab Sukamaju",
        address="Jl. Merdeka No. 1, Sukamaju", email="ppid@sukamajukab.go.id",
        profile="Kabupaten fiktif untuk pengujian kinerja.")
    setda = None
    units = []
    for name, code in zip(corpus.UNITS, corpus.UNIT_CODES, strict=True):
        parent = setda if name.startswith("Bagian") else None
        unit = Unit.objects.create(agency=agency, name=name, code=code, parent=parent,
                                   has_unit_ppid=name.startswith(("Dinas", "Badan")))
        if name == "Sekretariat Daerah":
            setda = unit
        units.append(unit)
    unit_ids = [u.pk for u in units]
    now = timezone.now()

    pks = array("q")
    families = array("I")
    stats = {"items": 0, "public": 0, "exempt": 0, "documents": 0, "pages": 0,
             "text_bytes": 0, "by_status": {}}
    doc_table = Document._meta.db_table
    version_table = DocumentVersion._meta.db_table
    started = time.perf_counter()
    for start in range(0, size, batch):
        specs = [gen.item(i) for i in range(start, min(size, start + batch))]
        with transaction.atomic():
            items = InformationItem.objects.bulk_create([
                InformationItem(
                    title=s.title, summary=s.summary, category=s.category, status=s.status,
                    year=s.year, holder_unit_id=unit_ids[s.unit],
                    holder_official=s.holder_official,
                    responsible_official=s.responsible_official, made_on=s.made_on,
                    made_at_place=s.made_at_place, form=s.form,
                    hard_copy_location=s.hard_copy_location,
                    exemption_ground=s.exemption_ground, exemption_until=s.exemption_until,
                    published_at=now if s.status == "published" else None,
                ) for s in specs
            ])
            docs, doc_specs = [], []
            for item, s in zip(items, specs, strict=True):
                for d in s.docs:
                    docs.append(Document(item=item, title=d.title, is_public=d.is_public))
                    doc_specs.append(d)
            docs = Document.objects.bulk_create(docs)
            versions = []
            for doc, d in zip(docs, doc_specs, strict=True):
                digest = hashlib.sha256(f"{seed}:{doc.pk}".encode()).hexdigest()
                versions.append(DocumentVersion(
                    document=doc, number=1, file=f"documents/{digest[:2]}/{digest[:32]}.{d.ext}",
                    original_name=f"{_slug(d.title)}.{d.ext}", content_type=d.content_type,
                    size=d.pages * (60_000 + int(digest[:4], 16)), sha256=digest,
                ))
            versions = DocumentVersion.objects.bulk_create(versions)
            Processing.objects.bulk_create([
                Processing(version=v, state="done", progress=100, method=METHODS[d.ext],
                           page_count=d.pages, language="id", text=d.text, attempts=1,
                           queued_at=now, started_at=now, finished_at=now)
                for v, d in zip(versions, doc_specs, strict=True)
            ])
            if docs:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"UPDATE {doc_table} SET current_version_id = "  # noqa: S608
                        f"(SELECT v.id FROM {version_table} v WHERE v.document_id = "
                        f"{doc_table}.id) WHERE id BETWEEN %s AND %s",
                        [docs[0].pk, docs[-1].pk],
                    )
        for item, s in zip(items, specs, strict=True):
            pks.append(item.pk)
            families.append(s.families)
            stats["items"] += 1
            stats["public"] += s.is_public
            stats["exempt"] += s.category == "exempt"
            stats["by_status"][s.status] = stats["by_status"].get(s.status, 0) + 1
            stats["documents"] += len(s.docs)
            stats["pages"] += sum(d.pages for d in s.docs)
            stats["text_bytes"] += sum(len(d.text.encode()) for d in s.docs)
        if (start // batch) % 20 == 0 or start + batch >= size:
            elapsed = time.perf_counter() - started
            log(f"generated {stats['items']:,}/{size:,} items ({stats['items'] / elapsed:,.0f}/s)")
    stats["seconds"] = time.perf_counter() - started
    stats["unit_ids"] = {u.name: u.pk for u in units}
    return {"stats": stats, "pks": pks, "families": families}


# --------------------------------------------------------------------------------------------
# Ingest
# --------------------------------------------------------------------------------------------


def ingest(pks: array, slice_size: int = 5000) -> dict:
    from ppid.search import services as search
    from ppid.search.backends import backend

    ids = sorted(pks)
    written = 0
    started = time.perf_counter()
    for start in range(0, len(ids), slice_size):
        written += search.index_items(ids[start:start + slice_size])
        done = start + slice_size
        if (start // slice_size) % 10 == 0 or done >= len(ids):
            elapsed = time.perf_counter() - started
            log(f"indexed {min(done, len(ids)):,}/{len(ids):,} items "
                f"({min(done, len(ids)) / elapsed:,.0f}/s)")
    seconds = time.perf_counter() - started
    t = time.perf_counter()
    engine = backend()
    engine.prune()
    engine.optimize()
    optimize = time.perf_counter() - t
    return {"seconds": seconds, "entries": written, "optimize_seconds": optimize}


def maintenance() -> dict:
    """What an operator's database does on its own after a bulk load: PostgreSQL's autovacuum
    (VACUUM ANALYZE); on SQLite a WAL checkpoint (no ANALYZE: nothing in PPID runs one)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            done = "VACUUM ANALYZE"
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            done = "PRAGMA wal_checkpoint(TRUNCATE)"
    return {"what": done, "seconds": time.perf_counter() - started}


# --------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------


def _filters(query: Query, unit_ids: dict):
    from ppid.search.services import Filters

    values = dict(query.filters)
    if "unit" in values:
        values["unit"] = unit_ids[values["unit"]]
    return Filters(**values)


def baseline_queryset(query: Query, unit_ids: dict):
    """Published, non-exempt items whose title or summary contains every word (ILIKE on
    PostgreSQL, LIKE on SQLite), with the same filters."""
    from django.db.models import Exists, OuterRef, Q

    from ppid.register import services as register
    from ppid.register.constants import FILE_EXTENSIONS
    from ppid.register.models import Document

    qs = register.public_items()
    positive, negative = baseline_terms(query.q)
    for word in positive:
        qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    for word in negative:
        qs = qs.exclude(Q(title__icontains=word) | Q(summary__icontains=word))
    filters = _filters(query, unit_ids)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.unit:
        qs = qs.filter(holder_unit_id=filters.unit)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.form:
        qs = qs.filter(form=filters.form)
    if filters.doc_type:
        types = [t for t, ext in FILE_EXTENSIONS.items() if ext == filters.doc_type]
        qs = qs.filter(Exists(Document.objects.filter(
            item=OuterRef("pk"), is_public=True, current_version__content_type__in=types)))
    return qs


def run_search(query: Query, unit_ids: dict, exact: bool = False):
    """As the portal asks (exact=False: a very broad search on PostgreSQL stops counting at the
    cap, newest matches first, its facets loaded by a second request) or exactly
    (exact=True: exact total and facets, the API's `exact=true`)."""
    from ppid.search import services as search

    results = search.search_public(query.q, _filters(query, unit_ids), page=1, exact=exact)
    return results.total, [hit.item for hit in results.hits]


def run_baseline(query: Query, unit_ids: dict):
    qs = baseline_queryset(query, unit_ids)
    total = qs.count()
    first = list(qs.select_related("holder_unit").order_by("-year", "-pk")[:20])
    return total, first


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, value


def measure_queries(unit_ids: dict, repeat: int, warmup: int, budget: float) -> list[dict]:
    """Each query `repeat` times, but no more runs once a query has taken `budget` seconds
    (at least 3 runs), so that slow cases at large sizes cannot stretch a run to hours."""
    rows = []
    for n, query in enumerate(QUERIES, 1):
        for _ in range(warmup):
            run_search(query, unit_ids)
            run_search(query, unit_ids, exact=True)
            run_baseline(query, unit_ids)
        search_ms, core_ms, base_ms = [], [], []
        started = time.perf_counter()
        for done in range(repeat):  # interleaved, so that both see the same cache state
            if done >= 3 and time.perf_counter() - started > budget:
                break
            ms, (s_total, s_hits) = timed(run_search, query, unit_ids)
            search_ms.append(ms)
            ms, _value = timed(run_search, query, unit_ids, exact=True)
            core_ms.append(ms)
            ms, (b_total, _b_first) = timed(run_baseline, query, unit_ids)
            base_ms.append(ms)
        rows.append({"query": query.label, "kind": query.kind, "must": query.must,
                     "search_total": s_total, "baseline_total": b_total,
                     "search_ms": search_ms, "search_nofacets_ms": core_ms,
                     "baseline_ms": base_ms,
                     "hits_public": all(h.status == "published" and h.category != "exempt"
                                        for h in s_hits)})
        log(f"query {n:2}/{len(QUERIES)} {query.label!r}: search {s_total:,} "
            f"p50 {median(search_ms):.1f} ms, baseline {b_total:,} p50 {median(base_ms):.1f} ms")
    return rows


def measure_recall(generated: dict, unit_ids: dict) -> list[dict]:
    from ppid.register import services as register
    from ppid.search import services as search

    pks, families = generated["pks"], generated["families"]
    rows = []
    for query in QUERIES:
        if not query.family:
            continue
        bit = corpus.FAMILY_BIT[query.family]
        truth = {pk for pk, mask in zip(pks, families, strict=True) if mask & bit}
        found = set(register.public_items()
                    .filter(pk__in=search.matching_item_ids(query.q, public=True))
                    .values_list("pk", flat=True))
        base = set(baseline_queryset(query, unit_ids).values_list("pk", flat=True))
        rows.append({
            "query": query.q, "family": query.family,
            "forms": ", ".join(corpus.FAMILIES[query.family]),
            "relevant": len(truth),
            "search_found": len(found), "search_relevant": len(found & truth),
            "baseline_found": len(base), "baseline_relevant": len(base & truth),
            "full_recall": query.full_recall,
        })
    return rows


def measure_pages(repeat: int, warmup: int) -> list[dict]:
    """Each URL `repeat` times as it runs in production (whatever the view caches stays
    cached), then `repeat // 2` times with Django's cache cleared before each request: what
    the first visitor after an index change waits."""
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    rows = []
    for url in ("/dip/", "/dip/?category=periodic", "/dip/?page=50", "/dip/?q=anggaran"):
        times, cold, status, error = [], [], None, ""
        try:
            for _ in range(warmup):
                client.get(url)
            for _ in range(repeat):
                ms, response = timed(client.get, url)
                times.append(ms)
                status = response.status_code
            for _ in range(max(3, repeat // 2)):
                cache.clear()
                ms, response = timed(client.get, url)
                cold.append(ms)
        except Exception as exc:  # report it; the run goes on
            error = f"{type(exc).__name__}: {exc}"[:300]
        rows.append({"url": url, "ms": times, "cold_ms": cold, "status": status,
                     "error": error})
        log(f"page {url}: status {status} p50 "
            f"{median(times) if times else float('nan'):.1f} ms, cache cleared "
            f"{median(cold) if cold else float('nan'):.1f} ms {error}")
    return rows


# --------------------------------------------------------------------------------------------
# Where the time goes: every SQL statement of a few searches and pages, with its time
# --------------------------------------------------------------------------------------------

PROFILE_QUERIES = ["anggaran", '"laporan keuangan"', "biopori", "pengadaan", "laporan -keuangan"]
PROFILE_PAGES = ["/dip/", "/dip/?page=50", "/dip/?q=anggaran"]


def profile(unit_ids: dict) -> list[dict]:
    """Each SQL statement run by some searches and pages, with its time; on PostgreSQL also
    EXPLAIN ANALYZE of the slowest two of each."""
    from django.db import connection
    from django.test import Client

    cases = [(f"search_public({q!r})", lambda q=q: run_search(Query(q, ""), unit_ids))
             for q in PROFILE_QUERIES]
    client = Client()
    cases += [(f"GET {url}", lambda url=url: client.get(url)) for url in PROFILE_PAGES]
    out = []
    for name, fn in cases:
        try:
            fn()  # warm
        except Exception as exc:  # report it; the run goes on
            out.append({"case": name, "total_ms": float("nan"), "statements": [], "plans": [],
                        "error": f"{type(exc).__name__}: {exc}"[:300]})
            continue
        statements = []

        def timer(execute, sql, params, many, context, statements=statements):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                statements.append({"ms": (time.perf_counter() - started) * 1000,
                                   "sql": sql, "params": params})

        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            fn()
        total = (time.perf_counter() - started) * 1000
        for st in statements:
            params = st.pop("params")
            if connection.vendor == "postgresql":
                st["sql"] = connection.ops.compose_sql(st["sql"], params)
            else:
                st["sql"] = connection.ops.last_executed_query(None, st["sql"], params)
        plans = []
        if connection.vendor == "postgresql":
            for stmt in sorted(statements, key=lambda st: -st["ms"])[:2]:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + stmt["sql"])
                    plans.append({"sql": stmt["sql"],
                                  "plan": "\n".join(r[0] for r in cursor.fetchall())})
        out.append({"case": name, "total_ms": total, "statements": statements, "plans": plans})
    return out


def write_profile(path: Path, rows: list[dict]) -> None:
    lines = []
    for row in rows:
        sql_ms = sum(st["ms"] for st in row["statements"])
        if row.get("error"):
            lines += [f"== {row['case']}: failed: {row['error']}", ""]
            continue
        lines.append(f"== {row['case']}: {row['total_ms']:.1f} ms in all, "
                     f"{len(row['statements'])} SQL statements, {sql_ms:.1f} ms in SQL")
        for st in row["statements"]:
            lines.append(f"  {st['ms']:8.1f} ms  {st['sql'][:400]}")
        for plan in row["plans"]:
            lines += ["", "  EXPLAIN ANALYZE " + plan["sql"][:400], plan["plan"], ""]
        lines.append("")
    path.write_text("\n".join(lines))


# --------------------------------------------------------------------------------------------
# Checks (functional only; never timing)
# --------------------------------------------------------------------------------------------


def checks(stats: dict, query_rows: list[dict], recall_rows: list[dict], page_rows: list[dict],
           unit_ids: dict, smoke: bool) -> list[str]:
    from ppid.register import services as register
    from ppid.register.models import InformationItem
    from ppid.search import services as search

    problems = []
    total, _hits = run_search(EXEMPT_QUERY, unit_ids)
    if total:
        problems.append(f"search_public found {total} item(s) for {EXEMPT_QUERY.q!r}, "
                        "a word only exempt items carry")
    if stats["exempt"] and not search.matching_item_ids(EXEMPT_QUERY.q, public=False).exists():
        problems.append(f"the staff index does not find {EXEMPT_QUERY.q!r}: check is void")
    base_total, _first = run_baseline(EXEMPT_QUERY, unit_ids)
    if base_total:
        problems.append(f"the baseline found {base_total} exempt item(s)")
    for query in [*QUERIES, EXEMPT_QUERY]:
        if not query.q:
            continue
        leaked = (InformationItem.objects
                  .filter(pk__in=search.matching_item_ids(query.q, public=True))
                  .exclude(register.public_filter()).count())
        if leaked:
            problems.append(f"the public index holds {leaked} non-public item(s) "
                            f"matching {query.q!r}")
    for row in query_rows:
        if not row["hits_public"]:
            problems.append(f"a non-public item among the hits of {row['query']!r}")
        if row["must"] and not row["search_total"]:
            problems.append(f"search found nothing for {row['query']!r}")
    browse = search.search_public("", facets=False).total
    if browse != stats["public"]:
        problems.append(f"search_public('') found {browse} items, {stats['public']} are public")
    for row in recall_rows:
        if row["full_recall"] and row["search_relevant"] < row["relevant"]:
            problems.append(f"search found {row['search_relevant']} of {row['relevant']} "
                            f"items with a form of {row['family']!r} for {row['query']!r}")
    for row in page_rows:
        if row["error"] or row["status"] != 200:
            problems.append(f"{row['url']} answered {row['status']} {row['error']}")
    return problems


# --------------------------------------------------------------------------------------------
# Sizes and environment
# --------------------------------------------------------------------------------------------


def sizes() -> dict:
    from django.conf import settings
    from django.db import connection

    from ppid.search import services as search

    out = {"index_bytes": search.index_size_bytes(), "tables": []}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            out["db_bytes"] = cursor.fetchone()[0]
            cursor.execute(
                "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 8")
            out["tables"] = cursor.fetchall()
        else:
            path = Path(settings.DATABASES["default"]["NAME"])
            out["db_bytes"] = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
            cursor.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name "
                           "ORDER BY 2 DESC LIMIT 12")
            out["tables"] = cursor.fetchall()
    return out


def environment() -> dict:
    import django
    from django.db import connection

    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem_kb = int(line.split()[1])
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT,
                                 capture_output=True, text=True).stdout.split("\n")
        changed = [line[3:] for line in changed if line.strip()]
    except OSError:
        commit, changed = "", []
    env = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "git": commit + (f" with {len(changed)} uncommitted file(s) under src/"
                         if changed else ""),
        "cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(), "django": django.get_version(),
        "backend": connection.vendor,
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            env["db_version"] = "PostgreSQL " + cursor.fetchone()[0].split()[0]
            settings = {}
            for name in ("shared_buffers", "work_mem", "effective_cache_size",
                         "maintenance_work_mem", "max_parallel_workers_per_gather", "jit",
                         "random_page_cost", "fsync", "synchronous_commit"):
                cursor.execute(f"SHOW {name}")
                settings[name] = cursor.fetchone()[0]
            env["db_settings"] = settings
        else:
            cursor.execute("SELECT sqlite_version()")
            env["db_version"] = "SQLite " + cursor.fetchone()[0]
            cursor.execute("PRAGMA journal_mode")
            env["db_settings"] = {"journal_mode": cursor.fetchone()[0],
                                  "synchronous": "NORMAL (settings.py)"}
    return env


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000, help="number of items")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"),
                        help="markdown file whose section for this run is written or replaced")
    parser.add_argument("--label", default="", help="added to the section's title and key")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs of each query")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first")
    parser.add_argument("--budget", type=float, default=30.0,
                        help="seconds per query after which no more runs start (min. 3 runs)")
    parser.add_argument("--batch", type=int, default=1000, help="items per insert batch")
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    parser.add_argument("--replace-db", action="store_true",
                        help="delete an existing SQLite database in PPID_DATA_DIR first")
    parser.add_argument("--reuse", metavar="JSON",
                        help="measure again on the database a run wrote this --json for "
                        "(same DATABASE_URL): queries, pages and sizes are new, the corpus, "
                        "ingest and recall are that run's")
    parser.add_argument("--profile", help="write the SQL of some searches and pages, with "
                        "times (and plans on PostgreSQL), to this file")
    args = parser.parse_args(argv)

    _setup_django(args.keep, args.replace_db, reuse=bool(args.reuse))
    from django.core.management import call_command
    from django.db import connection

    from ppid.register.models import InformationItem

    try:
        if args.reuse:
            earlier = json.loads(Path(args.reuse).read_text())
            log(f"measuring again on the database of the run of {earlier['env']['date']}")
            call_command("migrate", verbosity=0)
            args.size, args.seed = earlier["size"], earlier["seed"]
            stats = earlier["corpus"]
            rss = {"after setup": rss_mb()}
        else:
            log(f"migrating a fresh {connection.vendor} database")
            call_command("migrate", verbosity=0)
            if InformationItem.objects.exists():
                print("The database is not empty: the benchmark needs a fresh one "
                      "(or --reuse).", file=sys.stderr)
                return 2
        env = environment()
        if args.reuse:
            from ppid.core.models import Unit

            unit_ids = dict(Unit.objects.values_list("name", "pk"))
            ingest_result, recall_rows = earlier["ingest"], earlier["recall"]
            env["reused"] = {"date": earlier["env"]["date"], "git": earlier["env"]["git"]}
        else:
            rss = {"after setup": rss_mb()}
            log(f"generating {args.size:,} items (seed {args.seed})")
            generated = generate(args.size, args.seed, args.batch)
            stats = generated["stats"]
            unit_ids = stats.pop("unit_ids")
            gc.collect()
            rss["after generation"] = rss_mb()
            log("indexing")
            ingest_result = ingest(generated["pks"])
            ingest_result["maintenance"] = maintenance()
            rss["after ingest"] = rss_mb()
        log("measuring queries")
        query_rows = measure_queries(unit_ids, args.repeat, args.warmup, args.budget)
        if not args.reuse:
            recall_rows = measure_recall(generated, unit_ids)
        page_rows = measure_pages(args.repeat * 2, args.warmup + 1)
        rss["at the end"] = rss_mb()
        problems = checks(stats, query_rows, recall_rows, page_rows, unit_ids,
                          smoke=args.size < 5000)
        size_info = sizes()
        result = {
            "key": report.section_key(env["backend"], args.size, args.label),
            "label": args.label, "size": args.size, "seed": args.seed,
            "repeat": args.repeat, "warmup": args.warmup, "budget": args.budget,
            "env": env, "corpus": stats,
            "ingest": ingest_result, "queries": query_rows, "recall": recall_rows,
            "pages": page_rows, "sizes": size_info, "rss_mb": rss, "problems": problems,
        }
        text = report.summary(result)
        print(text)
        report.write(Path(args.out), result)
        log(f"wrote {args.out}")
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=1, default=str))
        if args.profile:
            write_profile(Path(args.profile), profile(unit_ids))
            log(f"wrote {args.profile}")
        if problems:
            print("FUNCTIONAL PROBLEMS:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
        return 0
    finally:
        connection.close()
        if TEMP_DIR and not args.keep:
            shutil.rmtree(TEMP_DIR, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
