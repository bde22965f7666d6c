"""Leak test for exempt information: made, opened and exempted again the way users do it.

One item goes the whole way through the services: the PPID creates it, uploads a PDF, the
archive extracts its text (indexed for search), it is published; then withdrawn, classified
exempt, its harm test completed, approved by the PPID and signed by the PPID superior. A second
item is exempt from the moment it is created (its harm test pending). Their titles, summaries,
document titles, file names, PDF text, harm-test text and even their unit's name carry marker
strings (``ppid.portal.tests.test_no_leaks.marker``).

An anonymous visitor then walks every public surface: the portal (home, DIP with every search
and filter, its facets, item pages, files, DIK), the public API (items, search, OpenAPI, docs),
404 and 500 pages, the feeds, sitemap, DCAT catalog, change feed and the editions of the DIP
set by decree (one signed while the item was public); the public search index is read directly
too. No marker may appear, except the exempt title on the
DIK, which by the existing convention shows title, ground and period.

Then the PPID decides to open the item: its markers must now appear on the portal, in search
and its file must download (so the crawl does reach it). Then it is exempted again (withdrawn,
harm test, signed): everything disappears again, from pages, search, the index and the cached
register choices and counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from ppid.archive import services as archive
from ppid.archive.models import Processing
from ppid.core.storage import is_secure
from ppid.core.tests.factories import UnitFactory
from ppid.exemptions import services as exemptions
from ppid.exemptions.constants import HarmTestStatus
from ppid.portal.tests.test_no_leaks import Auditor, marker, query_word
from ppid.publication import editions
from ppid.publication.models import Edition
from ppid.register import services as register
from ppid.register.constants import Category, ExemptionGround, Status
from ppid.register.models import DocumentVersion, InformationItem
from ppid.search.backends import FTS_TABLES
from ppid.search.constants import Scope
from ppid.search.models import SearchEntry
from ppid.search.text import stemmed_text

pytestmark = pytest.mark.django_db

EX = "EXEMPTED"  # exempted, opened, exempted again
NEW = "BORNEXEMPT"  # exempt from creation, harm test pending
CTRL = "CONTROL"  # a published item, so the portal has something to show
EX_YEAR = 1987  # no other item has it: the DIP's year choices show whether EX is public
ITEM_KINDS = ("TITLE", "SUMMARY", "DOC", "FILE", "PDF")
TEST_KINDS = ("WITHHELD", "CONSEQUENCE")  # harm-test text: never public, even once opened
# Feeds, sitemap, catalogs and edition lists: crawled like pages.
FEEDS = ("/robots.txt", "/sitemap.xml", "/umpan/rss.xml", "/umpan/atom.xml",
         "/data/katalog.jsonld", "/api/v1/public/catalog", "/api/v1/public/changes?limit=1000",
         "/dip/edisi/", "/dik/edisi/", "/api/v1/public/editions", "/pengumuman/",
         "/api/v1/public/announcements")


@dataclass
class Story:
    item: InformationItem
    version: DocumentVersion
    new: InformationItem
    new_version: DocumentVersion
    control: InformationItem
    control_version: DocumentVersion
    unit_marker: str
    unit_pk: int

    def hidden_paths(self, *, ex: bool = True) -> set[str]:
        paths = {f"/informasi/{self.new.pk}/", f"/berkas/{self.new_version.public_id}/"}
        if ex:
            paths |= {f"/informasi/{self.item.pk}/", f"/berkas/{self.version.public_id}/"}
        return paths

    def secrets(self, *, ex_item: bool = True) -> dict[str, str]:
        """Label -> text never to be served. `ex_item` False: EX is open (its harm test and
        the pending item stay secret)."""
        found = {f"{NEW} {kind}": marker(kind, NEW) for kind in ITEM_KINDS}
        found[f"{NEW} file id"] = str(self.new_version.public_id)
        found[f"{NEW} sha256"] = self.new_version.sha256
        found |= {f"{EX} {kind}": marker(kind, EX) for kind in TEST_KINDS}
        if ex_item:
            found |= {f"{EX} {kind}": marker(kind, EX) for kind in ITEM_KINDS}
            found[f"{EX} file id"] = str(self.version.public_id)
            found[f"{EX} sha256"] = self.version.sha256
            found["unit of the exempt items"] = self.unit_marker
        return found


def _harm_test_text(key: str) -> dict:
    return {
        "withheld_information": f"Nama dan alamat saksi {marker('WITHHELD', key)} halaman 2.",
        "ground": ExemptionGround.H,
        "legal_analysis": "Pasal 17 huruf h UU 14/2008: rahasia pribadi.",
        "consequence": f"Pengungkapan {marker('CONSEQUENCE', key)} membahayakan saksi.",
        "public_interest": "Perlindungan saksi lebih besar daripada kepentingan membukanya.",
        "participants": "PPID; Atasan PPID",
    }


def _item_data(key: str, unit, **extra) -> dict:
    return {"title": f"Informasi {marker('TITLE', key)}",
            "summary": f"Ringkasan {marker('SUMMARY', key)} untuk uji.",
            "holder_unit": unit, "responsible_official": "Kepala Bidang", "year": 2025,
            "category": Category.PERIODIC, **extra}


def _upload_and_process(ppid, item, key, pdf_upload, capture, *, is_public=True):
    with capture(execute=True):
        version = register.add_version(
            ppid, item, pdf_upload(f"{marker('FILE', key)}.pdf",
                                   f"Isi dokumen {marker('PDF', key)} untuk uji kebocoran"),
            title=f"Dokumen {marker('DOC', key)}", is_public=is_public)
    with capture(execute=True):  # what the worker does; its indexing runs after commit
        archive.process_version(version.pk)
    processing = Processing.objects.get(pk=version.pk)
    assert marker("PDF", key) in processing.text, processing.error
    version.refresh_from_db()
    return version


def _exempt_through_harm_test(people, item, capture, *, classify: bool):
    """Withdraw, then exempt: by classifying (the harm test starts itself) or by starting the
    harm test; completed, submitted, approved by the PPID and signed by the superior."""
    ppid = people["ppid"]
    with capture(execute=True):
        withdrawn = register.transition(ppid, item, Status.WITHDRAWN)
        if classify:
            register.classify_item(ppid, withdrawn, {"category": Category.EXEMPT,
                                                "exemption_ground": ExemptionGround.H})
            test = exemptions.open_harm_test(item)
            exemptions.update_harm_test(ppid, test, _harm_test_text(EX))
        else:
            test = exemptions.start_harm_test(ppid, withdrawn, _harm_test_text(EX))
        exemptions.submit(ppid, test)
        exemptions.approve(ppid, test)
        decision = exemptions.sign(people["superior"], test, place="Banjarbaru")
    item.refresh_from_db()
    assert item.is_exempt and exemptions.decision_in_force(item) == decision
    return decision


@pytest.fixture
def story(agency, units, people, pdf_upload, django_capture_on_commit_callbacks) -> Story:
    capture = django_capture_on_commit_callbacks
    agency.publish_exempt_list = True
    agency.city = "Banjarbaru"
    agency.save()
    ppid = people["ppid"]
    unit_marker = marker("UNIT", EX)
    unit = UnitFactory(agency=agency, name=f"Bidang {unit_marker}", code="X",
                       parent=units["top"])

    with capture(execute=True):
        control = register.create_item(ppid, _item_data(CTRL, units["b"]))
    control_version = _upload_and_process(ppid, control, CTRL, pdf_upload, capture)
    with capture(execute=True):
        register.transition(ppid, control, Status.DOCUMENTED)
        register.transition(ppid, control, Status.PUBLISHED)

    # The item that will be exempted: public first, its PDF text extracted and indexed.
    with capture(execute=True):
        item = register.create_item(ppid, _item_data(EX, unit, year=EX_YEAR))
    version = _upload_and_process(ppid, item, EX, pdf_upload, capture)
    with capture(execute=True):
        register.transition(ppid, item, Status.DOCUMENTED)
        item = register.transition(ppid, item, Status.PUBLISHED)

    # Exempt from creation: the PPID classifies it so; its harm test is pending.
    with capture(execute=True):
        new = register.create_item(ppid, _item_data(
            NEW, unit, category=Category.EXEMPT, exemption_ground=ExemptionGround.H))
    new_version = _upload_and_process(ppid, new, NEW, pdf_upload, capture)  # flagged public
    with capture(execute=True):
        register.transition(ppid, new, Status.DOCUMENTED)
    assert exemptions.open_harm_test(new).status == HarmTestStatus.DRAFT
    assert is_secure(new_version.file.name)

    return Story(item=item, version=version, new=new, new_version=new_version,
                 control=control, control_version=control_version, unit_marker=unit_marker,
                 unit_pk=unit.pk)


# --------------------------------------------------------------------------------------------
# The crawl.
# --------------------------------------------------------------------------------------------


def _visitor(secrets: dict[str, str], language: str = "id", allowed=None) -> Auditor:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return Auditor(client, secrets, allowed)


def _search_words(story: Story, *, ex_item: bool) -> list[str]:
    """What a searcher would type: prefixes of every marker, whole markers and affixed forms
    (the Indonesian stemmer takes `-nya` off), and a short prefix shared by all markers."""
    keys = [NEW, EX] if ex_item else [NEW]
    words = [query_word(kind, key) for key in keys for kind in ITEM_KINDS]
    words += [query_word(kind, EX) for kind in TEST_KINDS]
    words += [marker(kind, key) + suffix for key in keys for kind in ("TITLE", "PDF")
              for suffix in ("", "nya")]
    words += ["zqPDF*", "zqTITLE*", marker("UNIT", EX)[:-2] + "*"]
    return words


def _ids(fetched) -> set[int]:
    return {row["id"] for row in json.loads(fetched.body)["results"]}


def crawl_public_surfaces(auditor: Auditor, story: Story, *, ex_item: bool,
                          searches: bool = True) -> None:
    """Everything an anonymous visitor can reach; `ex_item`: EX is exempt (else open)."""
    hidden_ids = {story.new.pk} | ({story.item.pk} if ex_item else set())
    auditor.crawl("/", "/dip/", "/dik/", "/api/v1/public/exempt-list",
                  "/api/v1/docs", "/api/v1/openapi.json",
                  "/api/v1/public/items?page_size=100", "/api/v1/public/search?page_size=100",
                  "/api/v1/public/items?category=exempt&page_size=100",
                  "/api/v1/public/search?category=exempt&page_size=100",
                  f"/dip/?year={EX_YEAR}", f"/dip/?unit={story.unit_pk}",
                  "/dip/?category=exempt", *FEEDS)
    # The facets endpoint links to every filter combination: fetched, not followed.
    for url in ("/dip/saringan/", f"/dip/saringan/?year={EX_YEAR}",
                f"/dip/saringan/?unit={story.unit_pk}"):
        fetched = auditor.get(url)
        assert fetched.status == 200, url
        auditor.links_in(fetched)
    if searches:
        for word in _search_words(story, ex_item=ex_item):
            query = urlencode({"q": word})
            for url in (f"/dip/?{query}", f"/dip/saringan/?{query}"):
                fetched = auditor.get(url)
                assert fetched.status == 200, url
                auditor.links_in(fetched)
            for url in (f"/api/v1/public/search?{query}&page_size=100",
                        f"/api/v1/public/items?{query}&page_size=100"):
                fetched = auditor.get(url)
                assert fetched.status == 200, (url, fetched.body)
                assert not _ids(fetched) & hidden_ids, url
                auditor.links_in(fetched)
    # Item pages, API details and files of the hidden items: 404 pages that say nothing.
    for item in (story.item, story.new):
        for url in (f"/informasi/{item.pk}/", f"/api/v1/public/items/{item.pk}"):
            fetched = auditor.get(url)
            assert fetched.status == (404 if item.pk in hidden_ids else 200), url
    for version in (story.version, story.new_version):
        fetched = auditor.get(f"/berkas/{version.public_id}/")
        if version.document.item_id in hidden_ids:
            assert fetched.status == 404 and not fetched.body.startswith(b"%PDF")
    for edition in Edition.objects.filter(status="signed"):
        for what in ("", "unduh/pdf/", "unduh/xlsx/"):
            auditor.get(f"/{edition.kind}/edisi/{edition.pk}/{what}")
    # The crawl did reach the public register.
    assert f"/informasi/{story.control.pk}/" in auditor.links
    assert f"/berkas/{story.control_version.public_id}/" in auditor.links
    bad = {link for link in auditor.links if urlsplit(link).path in story.hidden_paths(
        ex=ex_item)}
    assert not bad, f"links to hidden items or files: {sorted(bad)}"
    auditor.assert_no_leaks()


def _dik_allows_ex_title() -> dict:
    """The DIK (page and API) shows title, ground, decision number and period: the title of a
    signed exemption may appear there, nothing else about it."""
    return {"/dik/": {f"{EX} TITLE"}, "/api/v1/public/exempt-list": {f"{EX} TITLE"}}


def assert_not_in_public_index(*items: InformationItem) -> None:
    """The public search index holds no entry, and no text, of these items."""
    assert not SearchEntry.objects.filter(item__in=items, scope=Scope.PUBLIC).exists()
    if connection.vendor != "sqlite":
        return
    table = FTS_TABLES[Scope.PUBLIC]
    with connection.cursor() as cursor:
        for item in items:
            key = EX if item.title == f"Informasi {marker('TITLE', EX)}" else NEW
            for kind in ITEM_KINDS:
                like = f"%{stemmed_text(marker(kind, key))}%"
                cursor.execute(
                    f"SELECT count(*) FROM {table} WHERE title LIKE %s OR summary LIKE %s "  # noqa: S608
                    "OR body LIKE %s", [like, like, like])
                assert cursor.fetchone()[0] == 0, (key, kind)


def _stored_with(root: Path, text: str) -> list[Path]:
    return [path for path in root.rglob("*")
            if path.is_file() and text.encode() in path.read_bytes()]


def assert_files_secure(story: Story, files_root: Path, secure_root: Path, *, ex: bool):
    """Exempt files (and their text) are in the secure store only; open ones outside it."""
    assert not _stored_with(files_root, marker("PDF", NEW))
    assert _stored_with(secure_root, marker("PDF", NEW))
    story.version.refresh_from_db()
    assert is_secure(story.version.file.name) == ex
    in_files, in_secure = (_stored_with(root, marker("PDF", EX))
                           for root in (files_root, secure_root))
    assert (not in_files and in_secure) if ex else (in_files and not in_secure)


# --------------------------------------------------------------------------------------------
# The tests.
# --------------------------------------------------------------------------------------------


def test_exempt_open_and_exempt_again(story, people, django_capture_on_commit_callbacks,
                                      _isolated_storage, secure_root):
    capture = django_capture_on_commit_callbacks
    ex_page, ex_file = f"/informasi/{story.item.pk}/", f"/berkas/{story.version.public_id}/"

    # 0. Published: the markers are found (the PDF text too), so the checks can see them.
    visitor = _visitor({})
    page = visitor.get(ex_page)
    assert page.status == 200 and marker("TITLE", EX).encode() in page.body
    found = visitor.get("/dip/?" + urlencode({"q": query_word("PDF", EX)}))
    assert ex_page in visitor.links_in(found)
    assert SearchEntry.objects.filter(item=story.item, scope=Scope.PUBLIC).exists()
    assert f'<option value="{EX_YEAR}"'.encode() in visitor.get("/dip/").body  # now cached

    # The DIP set by decree while it was public: the frozen edition must not show it later.
    editions.sign(people["ppid"], editions.prepare_draft(people["ppid"]),
                  decree_number="188.4/001/PPID/2026", decree_date=date(2026, 1, 15))

    # 1. Exempted through classification, harm test, approval and signature.
    decision = _exempt_through_harm_test(people, story.item, capture, classify=True)
    assert_not_in_public_index(story.item, story.new)
    assert_files_secure(story, _isolated_storage, secure_root, ex=True)
    for language in ("id", "en"):
        auditor = _visitor(story.secrets(), language, allowed=_dik_allows_ex_title())
        crawl_public_surfaces(auditor, story, ex_item=True, searches=language == "id")
        dik = auditor.fetched["/dik/"].body.decode()
        assert marker("TITLE", EX) in dik  # signed: on the DIK, by title only
        assert decision.number in dik
        assert marker("TITLE", NEW) not in dik  # pending harm test: not exempt in law yet
        listed = json.loads(auditor.fetched["/api/v1/public/exempt-list"].body)
        assert [(row["title"], row["decision_number"]) for row in listed] == [
            (story.item.title, decision.number)]
        register_page = auditor.fetched["/dip/"].body.decode()
        assert f'<option value="{EX_YEAR}"' not in register_page  # the cached choices too

    # 2. The PPID decides to open it: back on the portal, in search, its file downloadable.
    with capture(execute=True):
        exemptions.open_exemption(people["ppid"], story.item, category=Category.PERIODIC,
                                  reason="Masa pengecualian tidak lagi diperlukan.")
    story.item.refresh_from_db()
    assert story.item.status == Status.PUBLISHED and not story.item.is_exempt
    assert_files_secure(story, _isolated_storage, secure_root, ex=False)
    auditor = _visitor(story.secrets(ex_item=False))
    crawl_public_surfaces(auditor, story, ex_item=False)
    assert json.loads(auditor.fetched["/api/v1/public/exempt-list"].body) == []
    assert ex_page in auditor.links and ex_file in auditor.links
    page = auditor.fetched[ex_page].body
    for kind in ("TITLE", "SUMMARY", "DOC"):
        assert marker(kind, EX).encode() in page, kind
    assert marker("PDF", EX).encode() in auditor.fetched[ex_file].body
    for word in (query_word("PDF", EX), query_word("TITLE", EX), marker("SUMMARY", EX)):
        query = urlencode({"q": word})
        assert ex_page in auditor.links_in(auditor.get(f"/dip/?{query}")), word
        assert story.item.pk in _ids(auditor.get(f"/api/v1/public/search?{query}")), word
        assert story.item.pk in _ids(auditor.get(f"/api/v1/public/items?{query}")), word
    listing = auditor.get("/dip/").body.decode()  # warms the cached choices and count
    assert f'<option value="{EX_YEAR}"' in listing and story.unit_marker in listing
    assert "2 items found" in _visitor({}, "en").get("/dip/").body.decode()
    assert SearchEntry.objects.filter(item=story.item, scope=Scope.PUBLIC).exists()
    auditor.assert_no_leaks()  # the harm test's text and the pending item stay hidden

    # 3. Exempted again (withdrawn, new harm test, signed): gone again everywhere.
    again = _exempt_through_harm_test(people, story.item, capture, classify=False)
    assert_not_in_public_index(story.item, story.new)
    assert_files_secure(story, _isolated_storage, secure_root, ex=True)
    for language in ("id", "en"):
        auditor = _visitor(story.secrets(), language, allowed=_dik_allows_ex_title())
        crawl_public_surfaces(auditor, story, ex_item=True, searches=language == "id")
        dik = auditor.fetched["/dik/"].body.decode()
        assert marker("TITLE", EX) in dik and again.number in dik
        assert decision.number not in dik  # the decision in force, not the first one
        listing = auditor.fetched["/dip/"].body.decode()
        assert f'<option value="{EX_YEAR}"' not in listing  # the cached choices are new
        if language == "en":
            assert "1 item found" in listing  # and so is the cached count
        assert ex_page not in auditor.links and ex_file not in auditor.links


def test_error_pages_never_show_exempt_information(story, people, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    """404 pages and 500 pages whose exception message carries the exempt markers."""
    assert not settings.DEBUG  # a debug 500 page would show everything
    _exempt_through_harm_test(people, story.item, django_capture_on_commit_callbacks,
                              classify=True)
    secrets = story.secrets()
    leaked = " ".join(secrets.values())

    def fail(*args, **kwargs):
        raise RuntimeError(f"database said: {leaked}")

    auditor = Auditor(Client(raise_request_exception=False), secrets)
    # 404s for the exempt item's page, API entry and file, and for nonsense.
    for url in (f"/informasi/{story.item.pk}/", f"/api/v1/public/items/{story.item.pk}",
                f"/berkas/{story.version.public_id}/", "/tidak-ada/",
                f"/informasi/{story.item.pk}/{marker('TITLE', EX)}/"):
        assert auditor.get(url).status == 404, url
    # 500s: the register, search and the DIK fail with the secrets in the exception.
    monkeypatch.setattr(register, "public_items", fail)
    monkeypatch.setattr(register, "public_exempt_list", fail)
    monkeypatch.setattr("ppid.search.services.search_public", fail)
    for url in ("/", "/dip/", f"/informasi/{story.item.pk}/", "/dik/",
                "/dip/?q=laporan", "/dip/saringan/?q=laporan",
                f"/berkas/{story.version.public_id}/",
                "/api/v1/public/items", f"/api/v1/public/items/{story.item.pk}",
                "/api/v1/public/search?q=laporan"):
        fetched = auditor.get(url)
        assert fetched.status == 500, (url, fetched.status)
        assert b"RuntimeError" not in fetched.body and b"database said" not in fetched.body
    auditor.assert_no_leaks()


def test_item_under_a_new_harm_test_after_opening_is_not_on_the_dik(
        story, people, django_capture_on_commit_callbacks):
    """Exempt in law only once the decision is signed: while a re-exemption is pending after
    an opening decision, the DIK must not list the item (its old decisions do not count)."""
    capture = django_capture_on_commit_callbacks
    _exempt_through_harm_test(people, story.item, capture, classify=True)
    with capture(execute=True):
        exemptions.open_exemption(people["ppid"], story.item, category=Category.PERIODIC,
                                  reason="Masa pengecualian tidak lagi diperlukan.")
        register.transition(people["ppid"], story.item, Status.WITHDRAWN)
        exemptions.start_harm_test(people["ppid"], story.item, _harm_test_text(EX))
    story.item.refresh_from_db()
    assert story.item.is_exempt and exemptions.decision_in_force(story.item) is None
    visitor = _visitor({})
    for url in ("/dik/", "/api/v1/public/exempt-list"):
        dik = visitor.get(url)
        assert dik.status == 200
        assert marker("TITLE", NEW).encode() not in dik.body  # pending from creation: not listed
        assert marker("TITLE", EX).encode() not in dik.body, url  # pending after opening: neither
