"""Requesters' personal data never reaches a public page, the public API or a public export.

Requests (filed through the portal form and recorded by the factory, in two years), a decision,
and an objection filed by a proxy carry unique marker strings in every personal field and file
name. Visitors then walk every public page they can reach (following links from the home page,
the DIP, the statistics of both years, the request and tracking pages, the 404 page) and every
public API path that needs no parameter, in Indonesian and in English; no marker may appear in
any body or header. The requester's own status page may show their name, and nothing else.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ppid.conftest import pdf_bytes
from ppid.register import services as register
from ppid.register.constants import Status
from ppid.requests import objections, services, spam
from ppid.requests.models import Objection, Request
from ppid.requests.tests.factories import RequestFactory, requester_data

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
HOST = "testserver"
CRAWL_LIMIT = 300
SKIP_PREFIXES = ("/ruang-kerja/", "/admin/", "/i18n/", "/static/")

MARKERS = {
    "name": "MARKERNAME123",
    "nik": "7771234567890123",
    "address": "MARKERADDR456",
    "occupation": "MARKEROCCUP789",
    "phone": "081299887766",
    "email": "markermail321@example.org",
    "on_behalf_of": "MARKERBEHALF654",
    "identity file": "MARKERKTPFILE",
    "proxy letter": "MARKERPROXYLETTER",
    "proxy name": "MARKERPROXYNAME",
    "proxy address": "MARKERPROXYADDR",
    "proxy phone": "081377665544",
    "power of attorney": "MARKERPOAFILE",
}
PERSONAL = {
    "name": MARKERS["name"], "id_number": MARKERS["nik"],
    "address": f"Jl. {MARKERS['address']} No. 7, Banjarbaru",
    "occupation": MARKERS["occupation"], "phone": MARKERS["phone"],
    "email": MARKERS["email"],
}


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.pdf", pdf_bytes("Identitas"),
                              content_type="application/pdf")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.links.append(attrs.get("action") or "")


class Visitor:
    """A browser that remembers every page it fetched and every marker it saw."""

    def __init__(self, language: str, client: Client | None = None, allowed=None):
        self.client = client or Client()
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        self.language = language
        self.allowed = allowed or {}  # path -> labels of markers allowed there
        self.seen: dict[str, int] = {}
        self.leaks: list[str] = []

    def get(self, url: str):
        response = self.client.get(url)
        self.seen[url] = response.status_code
        body = b"".join(response.streaming_content) if response.streaming else response.content
        headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
        haystack = (body.decode("utf-8", "replace") + "\n" + headers).lower()
        path = urlsplit(url).path
        for label, marker in MARKERS.items():
            if marker.lower() in haystack and label not in self.allowed.get(path, ()):
                self.leaks.append(f"[{self.language}] {url}: {label}")
        return response, body

    def crawl(self, *starts: str) -> None:
        queue, done = list(starts), set()
        while queue:
            url = queue.pop(0)
            if url in done:
                continue
            done.add(url)
            assert len(done) <= CRAWL_LIMIT, "the crawl does not end"
            response, body = self.get(url)
            assert response.status_code < 500, (url, response.status_code)
            kind = response.headers.get("Content-Type", "")
            if response.status_code == 200 and kind.startswith("text/html"):
                parser = _Links()
                parser.feed(body.decode("utf-8", "replace"))
                for link in parser.links:
                    target = _same_site(url, link)
                    if target and target not in done:
                        queue.append(target)

    def assert_clean(self) -> None:
        assert not self.leaks, "personal data was served:\n" + "\n".join(self.leaks)


def _same_site(base: str, link: str) -> str | None:
    link = link.strip()
    if not link or link.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    parts = urlsplit(urljoin(f"http://{HOST}{base}", link))
    if parts.netloc != HOST or parts.path.startswith(SKIP_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def cases(agency, people, make_item):
    """A request filed through the form (identity file, proxy letter, on someone's behalf),
    decided and objected to by a proxy; and one recorded in the year before."""
    cache.clear()
    item = make_item(title="Laporan Keuangan Terbuka 2025", status=Status.DOCUMENTED)
    version = register.add_version(people["ppid"], item, SimpleUploadedFile(
        "lra-2025.pdf", pdf_bytes("LRA"), content_type="application/pdf"), title="LRA 2025")
    register.transition(people["ppid"], item, Status.PUBLISHED)

    requester = Client()
    data = requester_data(**PERSONAL, on_behalf_of=MARKERS["on_behalf_of"])
    data.update({"consent": "on", spam.STAMP_FIELD: spam.issue_stamp(now=time.time() - 10),
                 "identity_file": _pdf(MARKERS["identity file"]),
                 "proxy_letter": _pdf(MARKERS["proxy letter"])})
    response = requester.post("/permohonan/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    filed = Request.objects.get(id_number=MARKERS["nik"])
    services.forward(people["ppid"], filed, people["officer"].positions.first().unit,
                     "Mohon disiapkan.")
    services.decide(people["ppid"], filed, services.Decision(
        holding="held", outcome="granted", versions=[version], information_form="soft_copy",
        explanation="Dokumen terlampir."))
    objection = objections.file_objection(filed, {
        "grounds": ["f"], "case_position": "Biaya salinan tidak wajar.",
        "proxy_name": MARKERS["proxy name"], "proxy_address": MARKERS["proxy address"],
        "proxy_phone": MARKERS["proxy phone"]},
        {"power_of_attorney": _pdf(MARKERS["power of attorney"])})
    earlier = RequestFactory(received_at=datetime(2025, 6, 2, 9, 0, tzinfo=WIB), **PERSONAL,
                             on_behalf_of="")
    return {"requester": requester, "filed": filed, "objection": objection,
            "earlier": earlier}


def _public_api_paths(visitor: Visitor) -> list[str]:
    response, body = visitor.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = json.loads(body)["paths"]
    found = [path for path, methods in paths.items()
             if path.startswith("/api/v1/public") and "{" not in path and "get" in methods]
    assert found, "the API lists no public path"
    return found


def test_personal_data_is_stored_in_the_secure_store(cases):
    filed = Request.objects.get(pk=cases["filed"].pk)
    assert filed.identity_file.name.startswith("secure/")
    assert filed.proxy_letter.name.startswith("secure/")
    assert MARKERS["identity file"] in filed.identity_file.name
    objection = Objection.objects.get(pk=cases["objection"].pk)
    assert objection.power_of_attorney.name.startswith("secure/")
    assert objection.proxy_name == MARKERS["proxy name"]


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_public_page_or_api_shows_personal_data(cases, language):
    filed, earlier = cases["filed"], cases["earlier"]
    visitor = Visitor(language)
    years = sorted({filed.number_year, earlier.number_year})
    assert len(years) == 2
    starts = ["/", "/dip/", "/dik/", "/permohonan/", "/permohonan/lacak/",
              f"/permohonan/lacak/?nomor={filed.number}", "/statistik-layanan/",
              *(f"/statistik-layanan/?year={y}" for y in years),
              "/halaman-yang-tidak-ada/", "/api/v1/docs", "/api/v1/openapi.json"]
    visitor.crawl(*starts)
    for path in _public_api_paths(visitor):
        response, _body = visitor.get(path)
        assert response.status_code < 500, (path, response.status_code)
    # Positive controls: the crawl did reach the request pages and both years' statistics.
    for url in ("/permohonan/", "/permohonan/lacak/", "/statistik-layanan/",
                f"/statistik-layanan/?year={years[0]}"):
        assert visitor.seen.get(url) == 200, url
    assert visitor.seen["/halaman-yang-tidak-ada/"] == 404
    # It followed the links: the published item, its file, the DIP's filters.
    assert any(url.startswith("/informasi/") for url in visitor.seen)
    assert any(url.startswith("/berkas/") for url in visitor.seen)
    assert any(url.startswith("/dip/?") for url in visitor.seen)
    # Without the code, a stranger sees none of the request's pages.
    for url in (f"/permohonan/lacak/{filed.pk}/", f"/permohonan/lacak/{filed.pk}/keberatan/",
                f"/permohonan/lacak/{filed.pk}/tanda-terima.pdf",
                f"/permohonan/lacak/{filed.pk}/pemberitahuan.pdf",
                f"/permohonan/lacak/keberatan/{cases['objection'].pk}/tanggapan.pdf"):
        response, _body = visitor.get(url)
        assert response.status_code == 404, url
    # A wrong code shows nothing either.
    response = visitor.client.post("/permohonan/lacak/", {"number": filed.number,
                                                          "code": "AAAAA-BBBBB"})
    assert MARKERS["name"].lower() not in response.content.decode().lower()
    visitor.assert_clean()


@pytest.mark.parametrize("language", ["id", "en"])
def test_requester_sees_only_their_name_on_their_own_status_page(cases, language):
    filed = cases["filed"]
    status = f"/permohonan/lacak/{filed.pk}/"
    visitor = Visitor(language, allowed={status: {"name"}})
    response = visitor.client.post("/permohonan/lacak/", {
        "number": filed.number, "code": filed.tracking_code})
    assert response.status_code == 302
    response, body = visitor.get(status)
    assert response.status_code == 200
    assert MARKERS["name"].encode() in body  # their own name, on their own page
    assert filed.number.encode() in body
    visitor.get(f"/permohonan/lacak/{filed.pk}/keberatan/")
    visitor.crawl("/permohonan/lacak/", status, "/permohonan/", "/statistik-layanan/")
    for path in _public_api_paths(visitor):
        visitor.get(path)
    visitor.assert_clean()

    # The session that filed the request: the receipt page and the status page.
    requester = Visitor(language, client=cases["requester"], allowed={status: {"name"}})
    response, body = requester.get("/permohonan/terkirim/")
    assert response.status_code == 200 and filed.number.encode() in body
    requester.get(status)
    requester.assert_clean()

    # The check itself works: without the allowance, the name on the status page is caught.
    control = Visitor(language, client=cases["requester"])
    control.get(status)
    assert control.leaks == [f"[{language}] {status}: name"]
