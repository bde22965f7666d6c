"""The fixed query set of the search benchmark, and the ILIKE baseline it is compared with.

Each query has a kind (for the per-kind summary), optional filters, whether it must find
something on any corpus of a few hundred items (`must`), and for affixed-word queries the word
family (corpus.FAMILIES) whose items are the relevant ones for recall. `full_recall` marks the
families whose forms the Snowball stemmer reduces to one stem: there, search must find every
relevant item (a functional check, not a timing one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Query:
    q: str
    kind: str
    filters: dict = field(default_factory=dict)  # category, unit (a unit *name*), year, ...
    must: bool = False
    family: str | None = None
    full_recall: bool = False

    @property
    def label(self) -> str:
        parts = [self.q or "(no words)"]
        parts += [f"{k}={v}" for k, v in self.filters.items()]
        return " ".join(parts)


QUERIES: list[Query] = [
    # Single common words (broad).
    Query("anggaran", "common word", must=True),
    Query("kesehatan", "common word", must=True),
    Query("laporan", "common word", must=True),
    Query("pendidikan", "common word", must=True),
    Query("dinas", "common word", must=True),
    # Middling words.
    Query("embung", "middling word"),
    Query("posyandu", "middling word"),
    Query("irigasi", "middling word"),
    Query("stunting", "middling word"),
    Query("abrasi", "middling word"),
    # Rare words (narrow: a few dozen items per 100,000).
    Query("biopori", "rare word"),
    Query("hidram", "rare word"),
    Query("keramba", "rare word"),
    Query("geomembran", "rare word"),
    # Affixed words: the item is relevant if any form of the root occurs.
    Query("pengarsipan", "affixed word", family="arsip", full_recall=True),
    Query("didokumentasikan", "affixed word", family="dokumentasi", full_recall=True),
    Query("dipublikasikan", "affixed word", family="publikasi", full_recall=True),
    Query("penganggaran", "affixed word", family="anggaran", full_recall=True),
    Query("melaporkan", "affixed word", family="lapor", full_recall=True),
    Query("pemeriksaan", "affixed word", family="periksa", full_recall=True),
    Query("mengevaluasi", "affixed word", family="evaluasi", full_recall=True),
    Query("pengadaan", "affixed word", family="adakan", full_recall=True),
    Query("perencanaan", "affixed word", family="rencana"),
    Query("pengawasan", "affixed word", family="awas"),
    Query("pengelolaan", "affixed word", family="kelola"),
    Query("ditetapkan", "affixed word", family="tetap"),
    # Exact phrases.
    Query('"laporan keuangan"', "phrase", must=True),
    Query('"rencana strategis"', "phrase"),
    Query('"standar pelayanan"', "phrase"),
    Query('"pengadaan barang dan jasa"', "phrase", must=True),
    Query('"dana alokasi khusus"', "phrase"),
    # Several words (all must occur).
    Query("realisasi anggaran kesehatan", "several words", must=True),
    Query("laporan kinerja pendidikan 2024", "several words"),
    Query("posyandu stunting", "several words"),
    # Prefixes.
    Query("anggar*", "prefix", must=True),
    Query("dokumen*", "prefix", must=True),
    Query("irig*", "prefix"),
    # Exclusions.
    Query("laporan -keuangan", "exclusion", must=True),
    Query("anggaran -kesehatan", "exclusion", must=True),
    Query('embung -"dana desa"', "exclusion"),
    # Filters.
    Query("anggaran", "filtered", {"category": "periodic"}, must=True),
    Query("laporan", "filtered", {"year": 2024}, must=True),
    Query("kesehatan", "filtered", {"unit": "Dinas Kesehatan"}, must=True),
    Query("pengumuman", "filtered", {"doc_type": "pdf"}),
    Query("embung", "filtered", {"year": 2023, "category": "on_request"}),
    Query("", "filtered", {"category": "periodic"}, must=True),
    Query("", "filtered", {"unit": "Dinas Kearsipan dan Perpustakaan", "year": 2024}),
]

# Exempt items (and only they) carry this word: search_public must never find it.
EXEMPT_QUERY = Query("rahasia", "exempt check")

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def baseline_terms(q: str) -> tuple[list[str], list[str]]:
    """What a typical PPID product does with the search box: each word (or quoted phrase) as a
    case-insensitive substring of title or summary; a trailing * is dropped (a substring is a
    prefix match already); -word excludes."""
    positive, negative = [], []
    for quoted_neg, quoted, neg, bare in _TOKEN_RE.findall(q or ""):
        text = (quoted if quoted else bare.rstrip("*")).strip()
        if not text:
            continue
        (negative if (quoted_neg or neg) else positive).append(text)
    return positive, negative
