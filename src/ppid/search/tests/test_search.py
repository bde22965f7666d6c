"""Search behaviour, the same on SQLite (FTS5) and PostgreSQL (indonesian configuration)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppid.register import services as register
from ppid.register.constants import Category, ExemptionGround, Form, Status
from ppid.register.models import DocumentVersion
from ppid.search import services as search
from ppid.search.models import SearchEntry
from ppid.search.query import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_item):
    def make(title, summary="Ringkasan.", **kwargs):
        kwargs.setdefault("status", Status.PUBLISHED)
        kwargs.setdefault("category", Category.PERIODIC)
        item = make_item(title=title, summary=summary, **kwargs)
        search.index_items([item.pk])
        return item

    return make


def titles(results):
    return [hit.item.title for hit in results.hits]


def found(q, **filters):
    return set(titles(search.search_public(q, search.Filters(**filters), page_size=100)))


def test_affixed_forms_find_each_other(published):
    published("Pendokumentasian arsip daerah")
    published("Berita acara", summary="Semua surat masuk didokumentasikan setiap hari.")
    published("Siaran pers dipublikasikan bulanan")
    published("Laporan keuangan")
    assert found("dokumentasi") == {"Pendokumentasian arsip daerah", "Berita acara"}
    assert found("publikasi") == {"Siaran pers dipublikasikan bulanan"}
    assert found("mendokumentasikan") == {"Pendokumentasian arsip daerah", "Berita acara"}


def test_stop_words_are_dropped_from_plain_words_only():
    parsed = parse('laporan yang "dan lain" untuk')
    assert [c.words for c in parsed.clauses] == [("laporan",), ("dan", "lain")]
    assert parsed.dropped == ("yang", "untuk")
    assert [c.words for c in parse("yang").clauses] == [("yang",)]  # only stop words: kept


def test_phrase_prefix_and_exclusion(published):
    published("Laporan keuangan tahunan")
    published("Keuangan dan laporan kinerja")
    published("Daftar arsiparis", summary="Petugas kearsipan")
    published("Arsip vital")
    assert found('"laporan keuangan"') == {"Laporan keuangan tahunan"}
    assert found("laporan keuangan") == {"Laporan keuangan tahunan", "Keuangan dan laporan kinerja"}
    assert found("arsip*") == {"Daftar arsiparis", "Arsip vital"}
    assert found("laporan -kinerja") == {"Laporan keuangan tahunan"}
    assert found('laporan -"laporan keuangan"') == {"Keuangan dan laporan kinerja"}


def test_title_weighs_more_than_summary_and_body(published, people, pdf_upload):
    body = published("Rencana kerja", summary="Tidak menyebut kata itu.")
    version = register.add_version(people["ppid"], body, pdf_upload(), title="Lampiran")
    _extracted(version, "Rincian anggaran terbuka di lampiran.")
    search.index_items([body.pk])
    summary = published("Rencana strategis", summary="Rincian anggaran dinas.")
    title = published("Anggaran pendapatan daerah", summary="Rincian.")
    assert titles(search.search_public("anggaran")) == [title.title, summary.title, body.title]


def test_document_text_is_searched_and_snippet_marks_words(published, people, pdf_upload):
    item = published("Surat keputusan", summary="Keputusan kepala dinas.")
    version = register.add_version(people["ppid"], item, pdf_upload(), title="Lampiran SK")
    _extracted(version, "Bagian pertama. Daftar penerima bantuan sosial yang diverifikasi "
                        "oleh tim pada bulan Maret. Bagian akhir.")
    search.index_items([item.pk])
    results = search.search_public("verifikasi bantuan")
    assert titles(results) == ["Surat keputusan"]
    snippet = str(results.hits[0].snippet)
    assert "<mark>bantuan</mark>" in snippet and "<mark>diverifikasi</mark>" in snippet


def _extracted(version: DocumentVersion, text: str) -> None:
    from django.apps import apps

    processing = apps.get_model("archive", "Processing")
    processing.objects.update_or_create(version=version, defaults={"text": text, "state": "done"})


def test_private_document_text_is_not_publicly_searchable(published, people, pdf_upload):
    item = published("Nota internal", summary="Ringkasan.")
    version = register.add_version(people["ppid"], item, pdf_upload(), title="Catatan",
                                   is_public=False)
    _extracted(version, "rahasiadapur kata unik")
    search.index_items([item.pk])
    assert found("rahasiadapur") == set()
    staff = search.search_staff(people["ppid"], "rahasiadapur")
    assert titles(staff) == ["Nota internal"]


def test_filters_and_counts_per_value(published, units):
    published("Anggaran dinas A", year=2024, holder_unit=units["a"])
    published("Anggaran dinas B", year=2025, holder_unit=units["b"], form=Form.BOTH,
              hard_copy_location="Lemari 1")
    published("Anggaran serta merta", year=2025, category=Category.IMMEDIATE)
    published("Tidak terkait", year=2025)
    results = search.search_public("anggaran", search.Filters(year=2025))
    assert results.total == 2
    facets = {name: {v.value: v.count for v in values} for name, values in results.facets.items()}
    assert facets["year"] == {"2024": 1, "2025": 2}  # a facet ignores its own filter
    assert facets["category"] == {Category.PERIODIC: 1, Category.IMMEDIATE: 1}
    assert facets["form"] == {Form.BOTH: 1, Form.SOFT_COPY: 1}
    assert facets["unit"] == {str(units["a"].pk): 1, str(units["b"].pk): 1}
    assert found("anggaran", unit=units["b"].pk) == {"Anggaran dinas B"}
    assert found("anggaran", category=Category.IMMEDIATE) == {"Anggaran serta merta"}
    assert found("anggaran", form=Form.BOTH) == {"Anggaran dinas B"}


def test_document_type_filter(published, people, pdf_upload):
    with_pdf = published("Peraturan daerah pertama")
    register.add_version(people["ppid"], with_pdf, pdf_upload())
    with_text = published("Peraturan daerah kedua")
    register.add_version(people["ppid"], with_text, SimpleUploadedFile(
        "catatan.txt", b"Catatan rapat peraturan daerah", content_type="text/plain"))
    search.index_items([with_pdf.pk, with_text.pk])
    assert found("peraturan", doc_type="pdf") == {"Peraturan daerah pertama"}
    results = search.search_public("peraturan")
    assert {v.value: v.count for v in results.facets["doc_type"]} == {"pdf": 1, "txt": 1}


def test_pages_are_stable_and_complete(published):
    for n in range(45):
        published(f"Pengumuman nomor {n:02d}", summary="Pengumuman rutin.")
    seen = []
    for page in (1, 2, 3):
        results = search.search_public("pengumuman", page=page, page_size=20)
        assert results.total == 45 and results.pages == 3
        seen += titles(results)
    assert len(seen) == 45 and len(set(seen)) == 45
    assert titles(search.search_public("pengumuman", page=2, page_size=20)) == seen[20:40]


def test_portal_search_never_returns_unpublished_or_exempt(published, make_item, people):
    published("Anggaran terbuka")
    draft = make_item(title="Anggaran draf", status=Status.DRAFT)
    exempt = make_item(title="Anggaran rahasia", category=Category.EXEMPT,
                       exemption_ground=ExemptionGround.H, status=Status.DOCUMENTED)
    search.index_items([draft.pk, exempt.pk])
    assert found("anggaran") == {"Anggaran terbuka"}
    assert not SearchEntry.objects.filter(item=exempt, scope="public").exists()
    # staff: the PPID sees everything, the web manager (no exempt reach) not the exempt one
    assert set(titles(search.search_staff(people["ppid"], "anggaran"))) == {
        "Anggaran terbuka", "Anggaran draf", "Anggaran rahasia"}
    assert set(titles(search.search_staff(people["web"], "anggaran"))) == {
        "Anggaran terbuka", "Anggaran draf"}
    assert titles(search.search_staff(people["nobody"], "anggaran")) == []


def test_changes_reach_the_index_after_commit(people, units, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = register.create_item(people["ppid"], {
            "title": "Profil pejabat struktural", "summary": "Daftar riwayat hidup.",
            "category": Category.PERIODIC, "year": 2025, "holder_unit": units["a"],
            "responsible_official": "Sekretaris",
        })
    assert found("pejabat") == set()  # a draft is not public
    assert titles(search.search_staff(people["ppid"], "pejabat")) == [item.title]
    with django_capture_on_commit_callbacks(execute=True):
        register.transition(people["ppid"], item, Status.DOCUMENTED)
        register.transition(people["ppid"], item, Status.PUBLISHED)
    assert found("pejabat") == {item.title}
    with django_capture_on_commit_callbacks(execute=True):
        register.transition(people["ppid"], item, Status.WITHDRAWN)
    assert found("pejabat") == set()


def test_reindex_all_rebuilds_and_resumes(published, make_item, settings):
    for n in range(3):
        published(f"Rekap pengaduan {n}")
    SearchEntry.objects.all().delete()
    assert found("pengaduan") == set()
    progress = []
    report = search.reindex_all(progress=lambda done, total: progress.append((done, total)))
    assert report["indexed"] == 3 and progress[-1] == (3, 3)
    assert len(found("pengaduan")) == 3
    (settings.DATA_DIR / "reindex-checkpoint.json").write_text('{"last_item_id": 0}')
    assert search.reindex_all(resume=True)["total"] == 3


def test_public_search_api(client, published):
    published("Laporan pendokumentasian", summary="Ringkasan laporan.")
    response = client.get("/api/v1/public/search", {"q": "dokumentasi"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    hit = data["results"][0]
    assert hit["title"] == "Laporan pendokumentasian"
    assert "<mark>pendokumentasian</mark>" in hit["title_html"]
    assert {f["value"] for f in data["facets"]["category"]} == {Category.PERIODIC}
    assert client.get("/api/v1/public/search", {"q": "x", "category": "exempt"}).json()[
        "count"] == 0


def test_portal_register_page_searches_with_facets_and_snippets(client, published, make_item):
    published("Laporan pengarsipan", summary="Tata cara kearsipan di dinas.")
    published("Rencana anggaran", summary="Tidak terkait.")
    make_item(title="Arsip rahasia", category=Category.EXEMPT,
              exemption_ground=ExemptionGround.H, status=Status.DOCUMENTED)
    page = client.get("/dip/", {"q": "arsip"}).content.decode()
    assert "<mark>pengarsipan</mark>" in page and "<mark>kearsipan</mark>" in page
    assert "Rencana anggaran" not in page and "Arsip rahasia" not in page
    assert 'class="facets"' in page
    listing = client.get("/dip/").content.decode()
    assert "Rencana anggaran" in listing and "Arsip rahasia" not in listing


def test_reindex_command(published, capsys):
    from django.core.management import call_command

    published("Rekap kunjungan")
    SearchEntry.objects.all().delete()
    call_command("reindex", "--no-progress")
    assert found("kunjungan") == {"Rekap kunjungan"}
    assert "Indexed 1 of 1" in capsys.readouterr().out


def test_hidden_words_never_come_back_from_public_search_surfaces(
        client, published, make_item, people, pdf_upload, django_capture_on_commit_callbacks):
    """Whole marker words of hidden information, searched on the page and the API."""
    hidden = {
        "draft": make_item(title="Draf penanda qxdraftqx", status=Status.DRAFT),
        "exempt": make_item(title="Dikecualikan qxexemptqx", category=Category.EXEMPT,
                            exemption_ground=ExemptionGround.H, status=Status.DOCUMENTED),
        "withdrawn": make_item(title="Ditarik qxwithdrawnqx", status=Status.WITHDRAWN),
    }
    visible = published("Terbuka qxopenqx")
    with django_capture_on_commit_callbacks(execute=True):
        version = register.add_version(people["ppid"], visible, pdf_upload(), title="Internal",
                                       is_public=False)
        _extracted(version, "teks qxinternalqx")
        exempt_doc = register.add_version(people["ppid"], hidden["exempt"], pdf_upload())
        _extracted(exempt_doc, "isi qxexemptbodyqx")
    search.index_items([i.pk for i in hidden.values()] + [visible.pk])
    words = ["qxdraftqx", "qxexemptqx", "qxwithdrawnqx", "qxinternalqx", "qxexemptbodyqx"]
    for word in words + ["qx*", "qxe*"]:
        page = client.get("/dip/", {"q": word}).content.decode()
        api = client.get("/api/v1/public/search", {"q": word}).json()
        for secret in words:
            if secret != word:
                assert secret not in page and secret not in json.dumps(api)
        public_hits = 1 if word == "qx*" else 0
        assert page.count('class="hit"') == public_hits and api["count"] == public_hits
        assert client.get("/api/v1/public/items", {"q": word}).json()["count"] == public_hits
    assert "qxopenqx" in client.get("/dip/", {"q": "qxopenqx"}).content.decode()


def test_check_reports_a_stale_index(published):
    item = published("Rekap aduan")
    assert search.index_report()[0][0] == "ok"
    SearchEntry.objects.filter(item=item).delete()
    level, sentence = search.index_report()[0]
    assert level == "warning" and "ppid reindex" in sentence


def test_staff_search_api_follows_the_users_reach(client, published, make_item, people,
                                                  token_for):
    published("Anggaran terbuka")
    make_item(title="Anggaran rahasia", category=Category.EXEMPT,
              exemption_ground=ExemptionGround.H, status=Status.DOCUMENTED)

    def titles_for(user, **params):
        response = client.get("/api/v1/search", {"q": "anggaran", **params},
                              HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        assert response.status_code == 200
        return {r["title"] for r in response.json()["results"]}

    assert titles_for(people["ppid"]) == {"Anggaran terbuka", "Anggaran rahasia"}
    assert titles_for(people["web"]) == {"Anggaran terbuka"}
    assert titles_for(people["ppid"], status=Status.DOCUMENTED) == {"Anggaran rahasia"}
    assert client.get("/api/v1/search", {"q": "anggaran"}).status_code == 401


def test_items_from_before_the_index_are_indexed_once(published):
    item = published("Rekap lama")
    SearchEntry.objects.filter(item=item).delete()
    assert search.index_missing() == 1
    assert search.index_missing() == 0
    assert found("rekap") == {"Rekap lama"}


TYPED = ["a", "b", "_", " ", "-", "*", '"', "\\", "'", "é", "1", "\u0663", "\u07ca", "\t",
         "AND", "OR", "NOT", "NEAR", ":", "(", ")", "^", "+"]


@given(st.lists(st.sampled_from(TYPED), max_size=20).map("".join))
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_typed_query_is_answered_never_an_error(published_once, text):
    results = search.search_public(text)
    assert results.total >= 0
    search.search_staff(published_once, text, facets=False)


@pytest.fixture
def published_once(published, people):
    published("Anggaran a_b dan é", summary="ab AND OR NOT 1")
    return people["ppid"]


def test_very_broad_searches_answer_with_a_floor_newest_first(published, settings, client):
    """PostgreSQL only: past the cap, counting stops and the newest matches come first."""
    from django.db import connection

    old = published("Anggaran lama", year=2020)
    body_only = published("Rencana kerja", summary="Rincian anggaran.", year=2026)
    new = published("Anggaran baru", year=2025)
    settings.PPID_SEARCH_EXACT_UP_TO = 2
    results = search.search_public("anggaran", exact=False)
    if connection.vendor != "postgresql":
        assert not results.capped and results.total == 3  # SQLite always counts
        return
    assert results.capped and results.total == 2 and results.facets == {}
    # title or summary matches, newest first; every item matches in its summary here
    assert [hit.item for hit in results.hits] == [body_only, new, old]
    page = client.get("/dip/", {"q": "anggaran"}).content.decode()
    assert 'hx-get="/dip/saringan/?q=anggaran"' in page
    assert "Lebih dari 2 informasi" in page
    facets = client.get("/dip/saringan/", {"q": "anggaran"}).content.decode()
    assert "3 informasi" in facets or "3 items" in facets
    settings.PPID_SEARCH_EXACT_UP_TO = 3
    assert not search.search_public("anggaran", exact=False).capped


def test_the_cap_counts_only_visible_matches(published, make_item, settings, client):
    """A word hidden items carry many times is never reported as found (no estimates)."""
    published("Anggaran terbuka")
    for n in range(5):
        make_item(title=f"Rahasiabesar {n}", category=Category.EXEMPT,
                  exemption_ground=ExemptionGround.H, status=Status.DOCUMENTED)
        make_item(title=f"Rahasiabesar draf {n}")
    settings.PPID_SEARCH_EXACT_UP_TO = 1
    results = search.search_public("rahasiabesar", exact=False)
    assert results.total == 0 and not results.capped and results.hits == []
    api = client.get("/api/v1/public/search", {"q": "rahasiabesar"}).json()
    assert api["count"] == 0 and not api["count_is_floor"]


def test_recent_first_fills_with_body_only_matches(published, people, pdf_upload, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("estimates and recency order are PostgreSQL's broad-search path")
    titled = published("Anggaran daerah", year=2020)
    body = published("Rencana kerja", summary="Tidak terkait.", year=2026)
    version = register.add_version(people["ppid"], body, pdf_upload(), title="Lampiran")
    _extracted(version, "rincian anggaran")
    search.index_items([body.pk])
    settings.PPID_SEARCH_EXACT_UP_TO = 1
    first = search.search_public("anggaran", exact=False, page_size=1)
    second = search.search_public("anggaran", exact=False, page_size=1, page=2)
    assert [h.item for h in first.hits] == [titled]
    assert [h.item for h in second.hits] == [body]


def test_public_search_api_caps_very_broad_searches_unless_asked(client, published,
                                                                settings):
    from django.db import connection

    published("Anggaran pertama")
    published("Anggaran kedua")
    settings.PPID_SEARCH_EXACT_UP_TO = 1
    broad = client.get("/api/v1/public/search", {"q": "anggaran"}).json()
    exact = client.get("/api/v1/public/search", {"q": "anggaran", "exact": "true"}).json()
    assert exact["count"] == 2 and not exact["count_is_floor"] and exact["facets"]
    on_postgres = connection.vendor == "postgresql"
    assert broad["count_is_floor"] == on_postgres
    assert broad["count"] == (1 if on_postgres else 2)
    assert {r["title"] for r in broad["results"]} == {"Anggaran pertama", "Anggaran kedua"}
