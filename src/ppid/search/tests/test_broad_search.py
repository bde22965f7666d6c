"""The portal's answer to broad searches (`exact=False`) against the exact answer.

On PostgreSQL a search matching more than PPID_SEARCH_EXACT_UP_TO items is cut short; below
the cap it must give exactly what the exact search gives (count, order, facets). SQLite always
answers exactly, so there both must agree everywhere.
"""

from __future__ import annotations

import pytest
from django.db import connection

from ppid.register import services as register
from ppid.register.constants import Category, Form, Status
from ppid.search import services as search
from ppid.search.tests.test_search import _extracted

pytestmark = pytest.mark.django_db

ITEMS = [
    # title, summary, body text of a public document, year, category, form
    ("Laporan keuangan daerah", "Realisasi anggaran.", "", 2024, Category.PERIODIC, Form.SOFT_COPY),
    ("Laporan kinerja dinas", "Capaian kinerja.", "rincian laporan keuangan", 2025,
     Category.PERIODIC, Form.HARD_COPY),
    ("Rencana kerja", "Program tahunan.", "anggaran embung desa dan laporan", 2025,
     Category.ON_REQUEST, Form.SOFT_COPY),
    ("Daftar embung", "Lokasi embung desa.", "dana desa untuk embung", 2023,
     Category.ON_REQUEST, Form.SOFT_COPY),
    ("Pengadaan barang dan jasa", "Paket pengadaan.", "laporan pengadaan barang", 2024,
     Category.ON_REQUEST, Form.SOFT_COPY),
    ("Arsip vital", "Kearsipan dinas.", "pengarsipan laporan keuangan", 2022,
     Category.PERIODIC, Form.HARD_COPY),
    ("Standar pelayanan", "Laporan pelayanan publik.", "", 2025, Category.IMMEDIATE,
     Form.SOFT_COPY),
]

QUERIES = [
    ("laporan", {}), ("keuangan", {}), ('"laporan keuangan"', {}), ("embung", {}),
    ("lapor*", {}), ("laporan -keuangan", {}), ('embung -"dana desa"', {}),
    ("laporan", {"year": 2025}), ("laporan", {"category": Category.PERIODIC}),
    ("embung desa", {"form": Form.SOFT_COPY}), ("pengadaan barang", {}), ("tidakada", {}),
]


@pytest.fixture
def register_items(make_item, people, pdf_upload):
    made = {}
    for title, summary, body, year, category, form in ITEMS:
        item = make_item(title=title, summary=summary, year=year, category=category, form=form,
                         status=Status.PUBLISHED)
        if body:
            version = register.add_version(people["ppid"], item, pdf_upload(), title="Lampiran")
            _extracted(version, body)
        made[title] = item
    search.index_items([item.pk for item in made.values()])
    return made


def _facets(results):
    return {name: [(v.value, v.count, v.selected) for v in values]
            for name, values in results.facets.items()}


@pytest.mark.parametrize(("q", "filters"), QUERIES)
def test_below_the_cap_broad_and_exact_answers_agree(register_items, settings, q, filters):
    settings.PPID_SEARCH_EXACT_UP_TO = 1000
    exact = search.search_public(q, search.Filters(**filters), exact=True)
    broad = search.search_public(q, search.Filters(**filters), exact=False)
    assert not broad.capped
    assert broad.total == exact.total
    assert [h.item.pk for h in broad.hits] == [h.item.pk for h in exact.hits]
    assert _facets(broad) == _facets(exact) and not broad.facets_pending


@pytest.mark.parametrize("cap", [1, 2, 3, 5])
@pytest.mark.parametrize(("q", "filters"), QUERIES)
def test_past_the_cap_only_real_matches_newest_first(register_items, settings, cap, q,
                                                     filters):
    settings.PPID_SEARCH_EXACT_UP_TO = 1000
    exact = search.search_public(q, search.Filters(**filters), exact=True, page_size=100)
    expected = {h.item.pk for h in exact.hits}
    settings.PPID_SEARCH_EXACT_UP_TO = cap
    broad = search.search_public(q, search.Filters(**filters), exact=False, page_size=100)
    if connection.vendor != "postgresql":
        assert not broad.capped and broad.total == exact.total
        return
    assert broad.capped == (exact.total > cap)
    shown = [h.item.pk for h in broad.hits]
    assert set(shown) <= expected and len(shown) == len(set(shown))
    if broad.capped:
        assert broad.total == cap and broad.facets == {} and broad.facets_pending
        assert set(shown) == expected  # page 1 of 100 holds them all, title matches first
    else:
        assert broad.total == exact.total
        # facets need the words' matches without the filters: counted later if those pass
        # the cap
        unfiltered = search.search_public(q, exact=True).total
        assert broad.facets_pending == (bool(filters) and unfiltered > cap)


def test_an_exclusion_in_the_text_only_is_honoured_past_the_cap(register_items, settings):
    """`laporan -keuangan`: items whose title says laporan but whose document says keuangan
    are not matches, so they neither count towards the cap nor come back."""
    settings.PPID_SEARCH_EXACT_UP_TO = 1
    results = search.search_public("laporan -keuangan", exact=False, page_size=100)
    titles = {h.item.title for h in results.hits}
    assert "Laporan keuangan daerah" not in titles and "Laporan kinerja dinas" not in titles
    assert "Arsip vital" not in titles


def test_filtered_broad_search_counts_exactly_and_leaves_facets_for_later(
        register_items, settings, client):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite always counts everything at once")
    settings.PPID_SEARCH_EXACT_UP_TO = 3
    results = search.search_public("laporan", search.Filters(year=2025), exact=False)
    assert not results.capped and results.total == 3 and results.facets_pending
    page = client.get("/dip/", {"q": "laporan", "year": 2025}).content.decode()
    assert 'hx-get="/dip/saringan/?q=laporan&amp;year=2025"' in page
    api = client.get("/api/v1/public/search", {"q": "laporan", "year": 2025}).json()
    assert api["count"] == 3 and not api["count_is_floor"] and api["facets_pending"]
    assert api["facets"] == {}


def test_cached_filter_counts_follow_every_index_change(register_items, make_item):
    """Filter-only browsing is counted once per index generation, which every index change
    (in any process: it lives in the database) replaces."""
    from ppid.search.models import IndexState

    before = search.search_public("", search.Filters(year=2025))
    assert before.total == 3
    generation = IndexState.objects.get().generation
    item = make_item(title="Laporan baru", year=2025, status=Status.PUBLISHED,
                     category=Category.PERIODIC)
    search.index_items([item.pk])
    assert IndexState.objects.get().generation != generation
    after = search.search_public("", search.Filters(year=2025))
    assert after.total == 4
    assert {v.value: v.count for v in after.facets["year"]}["2025"] == 4


def test_plan_settings_do_not_outlive_the_search(register_items, settings):
    """The broad search steers PostgreSQL's planner for its own queries only: a request run
    in one transaction must not go on with sequential scans switched off."""
    if connection.vendor != "postgresql":
        pytest.skip("planner settings are PostgreSQL's")
    settings.PPID_SEARCH_EXACT_UP_TO = 1
    search.search_public("laporan -keuangan", exact=False)
    search.search_public("embung", exact=False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), "
                       "current_setting('enable_bitmapscan'), "
                       "current_setting('enable_indexscan')")
        assert cursor.fetchone() == ("on", "on", "on")


def test_past_the_cap_title_matches_come_first_then_the_others_newest_first(register_items,
                                                                            settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite always ranks every match")
    settings.PPID_SEARCH_EXACT_UP_TO = 1
    results = search.search_public("laporan -keuangan", exact=False, page_size=100)
    assert results.capped
    assert [h.item.title for h in results.hits] == [
        "Standar pelayanan",  # summary says laporan; no keuangan anywhere
        "Rencana kerja",  # only its document says laporan (2025)
        "Pengadaan barang dan jasa",  # the same, 2024
    ]
    second = search.search_public("laporan -keuangan", exact=False, page_size=1, page=2)
    assert [h.item.title for h in second.hits] == ["Rencana kerja"]
