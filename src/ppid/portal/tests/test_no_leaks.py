"""Permission test: exempt, draft and otherwise unpublished information never leaks.

Builds a register with one published item and every kind of hidden information (a draft, a
documented item, a withdrawn item, exempt items, an internal document of the published item and a
superseded version of its public document), each carrying distinctive marker strings in its title,
summary, document title, file name and PDF text. An anonymous client then walks every public URL
it can find (links in HTML pages and API answers), every filter combination of the DIP and the
public API, every item id and every stored file id, and every response body and header is searched
for the markers, the hidden files' text and SHA-256 and their file ids.

Markers look like ``zqTITLEDRAFTzq``; searches send a prefix query for it (``zqTITLEDRAFT*``), which
the full-text index matches, while a page that echoes the query back never contains a whole marker
by accident.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from ppid.conftest import pdf_bytes
from ppid.core.tests.factories import PASSWORD
from ppid.exemptions.tests.factories import DecisionFactory
from ppid.register import services
from ppid.register.constants import Category, ExemptionGround, Status
from ppid.register.models import DocumentVersion, InformationItem

pytestmark = pytest.mark.django_db

HOST = "testserver"
REDIRECTS = {301, 302, 303, 307, 308}
CRAWL_LIMIT = 600


def marker(kind: str, key: str) -> str:
    return f"zq{kind}{key}zq"


def query_word(kind: str, key: str) -> str:
    """What a searcher would type: a prefix query matching the marker, never the whole of it."""
    return f"zq{kind}{key}*"


# --------------------------------------------------------------------------------------------
# Building the register.
# --------------------------------------------------------------------------------------------


@dataclass
class Register:
    public: InformationItem
    public_file: DocumentVersion
    public_pdf: bytes
    hidden_items: dict[str, InformationItem] = field(default_factory=dict)
    hidden_files: dict[str, DocumentVersion] = field(default_factory=dict)
    # label -> text that must never be served (lower-cased when compared)
    secrets: dict[str, str] = field(default_factory=dict)
    withdrawn_file_id: uuid.UUID | None = None

    @property
    def all_item_ids(self) -> list[int]:
        return sorted(InformationItem.objects.values_list("pk", flat=True))

    @property
    def hidden_item_paths(self) -> set[str]:
        return {f"/informasi/{item.pk}/" for item in self.hidden_items.values()}

    @property
    def hidden_file_paths(self) -> set[str]:
        return {f"/berkas/{v.public_id}/" for v in self.hidden_files.values()}


def _upload(user, item, key, *, is_public=True, document=None, doc_title=None):
    """Store a PDF whose text, name and title all carry the key's markers."""
    content = pdf_bytes(f"Isi {marker('PDF', key)} rahasia")
    upload = SimpleUploadedFile(f"{marker('FILE', key)}.pdf", content,
                                content_type="application/pdf")
    version = services.add_version(
        user, item, upload, document=document, is_public=is_public,
        title="" if document is not None else (doc_title or f"Dokumen {marker('DOC', key)}"),
    )
    return version, content


def _item_secrets(key: str) -> dict[str, str]:
    return {f"{key} title": marker("TITLE", key), f"{key} summary": marker("SUMMARY", key)}


def _file_secrets(key: str, version: DocumentVersion, content: bytes) -> dict[str, str]:
    return {
        f"{key} pdf text": marker("PDF", key),
        f"{key} file name": marker("FILE", key),
        f"{key} sha256": hashlib.sha256(content).hexdigest(),
        f"{key} file id": str(version.public_id),
    }


@pytest.fixture
def register(make_item, units, people, django_capture_on_commit_callbacks):
    # What commits would do in production (indexing) happens here too.
    with django_capture_on_commit_callbacks(execute=True):
        return _build_register(make_item, units, people)


def _build_register(make_item, units, people):
    ppid = people["ppid"]

    def item(key, **kwargs):
        kwargs.setdefault("category", Category.PERIODIC)
        return make_item(
            title=f"Informasi {marker('TITLE', key)}",
            summary=f"Ringkasan {marker('SUMMARY', key)} untuk uji.",
            **kwargs,
        )

    # The one published item: a public document with two versions and an internal document.
    public = item("PUBLIC", year=2025, holder_official="Kepala Bidang A")
    old, old_pdf = _upload(ppid, public, "OLD", doc_title=f"Dokumen {marker('DOC', 'PUBLIC')}")
    current_pdf = pdf_bytes(f"Isi {marker('PDF', 'PUBLIC')} terbuka")
    current = services.add_version(
        ppid, public, SimpleUploadedFile(f"{marker('FILE', 'PUBLIC')}.pdf", current_pdf),
        document=old.document,
    )
    internal, internal_pdf = _upload(ppid, public, "INTERNAL", is_public=False)
    services.transition(ppid, public, Status.DOCUMENTED)
    public = services.transition(ppid, public, Status.PUBLISHED)

    reg = Register(public=public, public_file=current, public_pdf=current_pdf)
    reg.hidden_files |= {"OLD": old, "INTERNAL": internal}
    reg.secrets |= _file_secrets("OLD", old, old_pdf)
    reg.secrets |= _file_secrets("INTERNAL", internal, internal_pdf)
    reg.secrets["INTERNAL doc title"] = marker("DOC", "INTERNAL")

    # A draft with a (public-flagged) document, in another unit and year.
    draft = item("DRAFT", year=2021, holder_unit=units["b"], category=Category.ON_REQUEST)
    # A documented item with a document.
    documented = item("DOCUMENTED", year=2022, category=Category.IMMEDIATE)
    # A withdrawn item: published with a document, then withdrawn.
    withdrawn = item("WITHDRAWN", year=2023)
    # Exempt: documented with an internal document and one wrongly flagged public.
    exempt = item("EXEMPT", year=2019, category=Category.EXEMPT,
                  exemption_ground=ExemptionGround.H, status=Status.DOCUMENTED)
    # An exempt draft: not even its title may reach the DIK.
    exempt_draft = item("EXEMPTDRAFT", year=2020, category=Category.EXEMPT,
                        exemption_ground=ExemptionGround.H, status=Status.DRAFT)

    for key, hidden in (("DRAFT", draft), ("DOCUMENTED", documented), ("WITHDRAWN", withdrawn),
                        ("EXEMPT", exempt), ("EXEMPTDRAFT", exempt_draft)):
        version, content = _upload(ppid, hidden, key, is_public=key not in {"EXEMPT"})
        reg.hidden_items[key] = hidden
        reg.hidden_files[key] = version
        reg.secrets |= _item_secrets(key)
        reg.secrets |= _file_secrets(key, version, content)
        reg.secrets[f"{key} doc title"] = marker("DOC", key)
    flagged, flagged_pdf = _upload(ppid, exempt, "EXEMPTFLAGGED", is_public=True)
    reg.hidden_files["EXEMPTFLAGGED"] = flagged
    reg.secrets |= _file_secrets("EXEMPTFLAGGED", flagged, flagged_pdf)
    reg.secrets["EXEMPTFLAGGED doc title"] = marker("DOC", "EXEMPTFLAGGED")

    services.transition(ppid, documented, Status.DOCUMENTED)
    services.transition(ppid, withdrawn, Status.DOCUMENTED)
    services.transition(ppid, withdrawn, Status.PUBLISHED)
    reg.withdrawn_file_id = reg.hidden_files["WITHDRAWN"].public_id
    # While published, the withdrawn item's file was downloadable: the test can see it.
    assert Client().get(f"/berkas/{reg.withdrawn_file_id}/").status_code == 200
    services.transition(ppid, withdrawn, Status.WITHDRAWN)

    # Sanity: the statuses the test relies on.
    statuses = dict(InformationItem.objects.values_list("title", "status"))
    assert statuses[public.title] == Status.PUBLISHED
    assert statuses[draft.title] == Status.DRAFT
    assert statuses[documented.title] == Status.DOCUMENTED
    assert statuses[withdrawn.title] == Status.WITHDRAWN
    assert statuses[exempt.title] == Status.DOCUMENTED
    assert DocumentVersion.objects.count() == len(reg.hidden_files) + 1
    return reg


# --------------------------------------------------------------------------------------------
# Fetching and checking.
# --------------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.links.append(attrs.get("action") or "")


def _same_site(base: str, link: str) -> str | None:
    """The path and query of a link if it stays on this site, else None."""
    link = link.strip()
    if link.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    parts = urlsplit(urljoin(f"http://{HOST}{base}", link))
    if parts.scheme not in ("http", "https") or parts.netloc != HOST:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _json_urls(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_urls(item)
    elif isinstance(value, str) and value.startswith(("http://", "https://")):
        yield value


@dataclass
class Fetched:
    url: str
    status: int
    headers: dict
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.headers.get("Content-Type", "").startswith("text/html")

    @property
    def is_json(self) -> bool:
        return self.headers.get("Content-Type", "").startswith("application/json")


class Auditor:
    """Fetches URLs as one client and records every response that shows a secret."""

    def __init__(self, client: Client, secrets: dict[str, str], allowed=None):
        self.client = client
        self.secrets = {label: value.lower() for label, value in secrets.items()}
        # path -> labels that may appear there (the DIK may show exempt titles)
        self.allowed = allowed or {}
        self.leaks: list[str] = []
        self.links: set[str] = set()
        self.fetched: dict[str, Fetched] = {}

    def get(self, url: str, **extra) -> Fetched:
        response = self.client.get(url, **extra)
        return self._check(url, response)

    def post(self, url: str, data=None, **extra) -> Fetched:
        response = self.client.post(url, data or {}, **extra)
        return self._check(url, response)

    def _check(self, url, response) -> Fetched:
        # Reading a streamed body to its end closes it (the test client wraps it to do so);
        # calling response.close() here would close the test database connection.
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        headers = dict(response.items())
        fetched = Fetched(url, response.status_code, headers, body)
        self.fetched[url] = fetched
        haystack = "\n".join([
            body.decode("utf-8", "replace"),
            *(f"{name}: {value}" for name, value in headers.items()),
        ]).lower()
        sent = url.lower()
        path = urlsplit(url).path
        for label, secret in self.secrets.items():
            if secret in sent or label in self.allowed.get(path, ()):
                continue  # a page may echo what the client itself sent
            if secret in haystack:
                self.leaks.append(f"{label} ({secret}) in {url} [{response.status_code}]")
        return fetched

    def links_in(self, fetched: Fetched) -> list[str]:
        found = []
        if fetched.status in REDIRECTS and fetched.headers.get("Location"):
            found.append(fetched.headers["Location"])
        if fetched.is_html:
            parser = _Links()
            parser.feed(fetched.body.decode("utf-8", "replace"))
            found += parser.links
        elif fetched.is_json:
            found += list(_json_urls(json.loads(fetched.body or b"null")))
        result = []
        for link in found:
            target = _same_site(urlsplit(fetched.url).path, link)
            if target is not None:
                self.links.add(target)
                result.append(target)
        return result

    def crawl(self, *starts: str) -> None:
        queue = list(starts)
        seen: set[str] = set()
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            assert len(seen) <= CRAWL_LIMIT, "the crawl does not end; is a link generating links?"
            fetched = self.fetched.get(url) or self.get(url)
            assert fetched.status < 500, f"{url} answered {fetched.status}"
            queue += [link for link in self.links_in(fetched) if link not in seen]

    def assert_no_leaks(self) -> None:
        assert not self.leaks, "Hidden information was served:\n" + "\n".join(self.leaks)


def assert_no_links_to_hidden(auditor: Auditor, reg: Register) -> None:
    bad_items = {link for link in auditor.links if urlsplit(link).path in reg.hidden_item_paths}
    bad_files = {link for link in auditor.links if urlsplit(link).path in reg.hidden_file_paths}
    assert not bad_items, f"links to hidden items: {sorted(bad_items)}"
    assert not bad_files, f"links to hidden files: {sorted(bad_files)}"


def _anonymous(reg: Register, language: str = "id", allowed=None) -> Auditor:
    """A visitor without a session; the portal's language is chosen by cookie."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return Auditor(client, reg.secrets, allowed)


# --------------------------------------------------------------------------------------------
# The tests.
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["id", "en"])
def test_crawl_from_the_home_page_never_shows_hidden_information(register, language):
    auditor = _anonymous(register, language)
    auditor.crawl("/", "/api/v1/docs", "/api/v1/public/items?page_size=100")
    assert f'<html lang="{language}"'.encode() in auditor.fetched["/"].body
    # The crawl reached the published item, its page and its file.
    assert f"/informasi/{register.public.pk}/" in auditor.links
    assert f"/berkas/{register.public_file.public_id}/" in auditor.links
    public_page = auditor.fetched[f"/informasi/{register.public.pk}/"]
    assert marker("TITLE", "PUBLIC").encode() in public_page.body
    assert marker("DOC", "PUBLIC").encode() in public_page.body
    assert auditor.fetched[f"/berkas/{register.public_file.public_id}/"].body == (
        register.public_pdf)
    assert_no_links_to_hidden(auditor, register)
    auditor.assert_no_leaks()


def test_every_dip_filter_combination(register, units):
    auditor = _anonymous(register)
    words = [query_word(kind, key) for key in register.hidden_items
             for kind in ("TITLE", "SUMMARY", "DOC", "PDF", "FILE")]
    words += [query_word(kind, key) for key in ("INTERNAL", "OLD", "EXEMPTFLAGGED")
              for kind in ("DOC", "PDF", "FILE")]
    categories = ["", *Category.values, "nonsense"]
    unit_ids = ["", *(str(u.pk) for u in units.values()), "x"]
    years = ["", "2019", "2021", "2023", "2025", "1800"]
    for category, unit, year in itertools.product(categories, unit_ids, years):
        params = {k: v for k, v in (("category", category), ("unit", unit), ("year", year)) if v}
        fetched = auditor.get("/dip/?" + urlencode(params))
        assert fetched.status == 200
        auditor.links_in(fetched)
    for category, word in itertools.product(["", Category.PERIODIC, Category.EXEMPT], words):
        params = {"q": word, **({"category": category} if category else {})}
        fetched = auditor.get("/dip/?" + urlencode(params))
        assert fetched.status == 200
        auditor.links_in(fetched)
    # Several secret words at once, alone and together with a public word.
    for extra in ("", query_word("TITLE", "PUBLIC")):
        fetched = auditor.get("/dip/?" + urlencode({"q": " ".join([*words[:9], extra])}))
        assert fetched.status == 200
        auditor.links_in(fetched)
    for page in ("2", "999", "-1", "x"):
        auditor.links_in(auditor.get(f"/dip/?page={page}"))
    # Positive control: the filters do find the published item.
    found = auditor.get("/dip/?" + urlencode({"q": query_word("TITLE", "PUBLIC")}))
    assert marker("TITLE", "PUBLIC").encode() in found.body
    assert_no_links_to_hidden(auditor, register)
    auditor.assert_no_leaks()


def test_public_api_lists_only_the_published_item(register, units):
    auditor = _anonymous(register)

    def page(**params):
        fetched = auditor.get("/api/v1/public/items?" + urlencode(params))
        assert fetched.status == 200, (params, fetched.body)
        auditor.links_in(fetched)
        return json.loads(fetched.body)

    first = page(page_size=1)
    assert first["count"] == 1
    for number in range(1, first["count"] + 3):
        ids = {r["id"] for r in page(page=number, page_size=1)["results"]}
        assert ids <= {register.public.pk}
    assert [r["id"] for r in page(page_size=100)["results"]] == [register.public.pk]

    words = [query_word(kind, key) for key in register.hidden_items
             for kind in ("TITLE", "SUMMARY", "DOC", "PDF", "FILE")]
    for category in ["", *Category.values]:
        body = page(**({"category": category} if category else {}), page_size=100)
        expected = 1 if category in ("", Category.PERIODIC) else 0
        assert body["count"] == expected, (category, body)
        for word in words:
            params = {"q": word, **({"category": category} if category else {})}
            assert page(**params)["count"] == 0, params
    for unit in units.values():
        page(unit=unit.pk, page_size=100)
    for year in (2019, 2020, 2021, 2022, 2023):
        assert page(year=year)["count"] == 0
    assert page(q=" ".join(words[:10]))["count"] == 0
    assert page(q=query_word("TITLE", "PUBLIC"))["count"] == 1
    # An unknown category is refused, not widened.
    refused = auditor.get("/api/v1/public/items?category=nonsense")
    assert refused.status == 422
    assert_no_links_to_hidden(auditor, register)
    auditor.assert_no_leaks()


def test_every_item_id_and_every_stored_file(register):
    auditor = _anonymous(register)
    ids = register.all_item_ids
    hidden_ids = {item.pk for item in register.hidden_items.values()}
    assert len(ids) == len(hidden_ids) + 1
    for pk in [*ids, 0, max(ids) + 1]:
        api = auditor.get(f"/api/v1/public/items/{pk}")
        page = auditor.get(f"/informasi/{pk}/")
        if pk == register.public.pk:
            assert api.status == 200 and page.status == 200
            documents = json.loads(api.body)["documents"]
            assert [d["file_id"] for d in documents] == [str(register.public_file.public_id)]
            auditor.links_in(api)
            auditor.links_in(page)
        else:
            assert api.status == 404, (pk, api.status)
            assert api.is_json, api.headers
            assert b'"not_found"' in api.body
            assert page.status == 404, (pk, page.status)

    versions = list(DocumentVersion.objects.all())
    assert {v.public_id for v in versions} == (
        {register.public_file.public_id} | {v.public_id for v in register.hidden_files.values()})
    for version in versions:
        fetched = auditor.get(f"/berkas/{version.public_id}/")
        if version.pk == register.public_file.pk:
            assert fetched.status == 200
            assert fetched.body == register.public_pdf
            assert fetched.headers["Content-Type"] == "application/pdf"
        else:
            assert fetched.status == 404, (version, fetched.status)
            assert not fetched.body.startswith(b"%PDF")
    assert auditor.get(f"/berkas/{uuid.uuid4()}/").status == 404
    assert auditor.get(f"/berkas/{register.withdrawn_file_id}/").status == 404

    schema = auditor.get("/api/v1/openapi.json")
    assert schema.status == 200 and schema.is_json
    assert auditor.get("/dik/").status == 404  # the DIK is not published by default
    assert_no_links_to_hidden(auditor, register)
    auditor.assert_no_leaks()


def test_published_item_never_serves_its_internal_document(register):
    auditor = _anonymous(register)
    page = auditor.get(f"/informasi/{register.public.pk}/")
    assert page.status == 200
    links = auditor.links_in(page)
    assert f"/berkas/{register.public_file.public_id}/" in links
    internal = register.hidden_files["INTERNAL"]
    assert f"/berkas/{internal.public_id}/" not in links
    assert internal.document.item_id == register.public.pk and not internal.document.is_public
    assert auditor.get(f"/berkas/{internal.public_id}/").status == 404
    # The superseded version of the public document is not served either.
    assert auditor.get(f"/berkas/{register.hidden_files['OLD'].public_id}/").status == 404
    auditor.assert_no_leaks()


def test_published_exempt_list_shows_title_and_ground_only(register, agency):
    agency.publish_exempt_list = True
    agency.save()
    exempt = register.hidden_items["EXEMPT"]
    DecisionFactory(item=exempt)  # on the DIK only once its decision is signed
    # The DIK may show the exempt item's title; nothing else about it, anywhere.
    allowed = {"/dik/": {"EXEMPT title"}}
    for language in ("id", "en"):
        with translation.override(language):
            ground = escape(str(ExemptionGround.H.label))
        visitor = _anonymous(register, language, allowed=allowed)
        dik = visitor.get("/dik/")
        assert dik.status == 200
        text = dik.body.decode()
        assert marker("TITLE", "EXEMPT") in text and ground in text, (language, ground)
        assert marker("TITLE", "EXEMPTDRAFT") not in text  # drafts are not listed
        assert "/berkas/" not in text
        assert f"/informasi/{exempt.pk}/" not in text
        visitor.assert_no_leaks()
    auditor = _anonymous(register, allowed=allowed)
    auditor.crawl("/", "/dik/", "/api/v1/public/items?page_size=100&category=exempt")
    assert "/dik/" in auditor.links  # the portal links to the published DIK
    assert_no_links_to_hidden(auditor, register)
    auditor.assert_no_leaks()


WORKSPACE_ITEM_PATHS = ("/ruang-kerja/informasi/{pk}/", "/ruang-kerja/informasi/{pk}/ubah/",
                        "/ruang-kerja/informasi/{pk}/riwayat.csv")


def test_workspace_and_staff_api_send_anonymous_users_to_log_in(register):
    auditor = _anonymous(register)
    urls = ["/ruang-kerja/", "/ruang-kerja/?category=exempt", "/ruang-kerja/audit/",
            "/ruang-kerja/audit/ekspor.csv", "/ruang-kerja/informasi/baru/"]
    for pk in register.all_item_ids:
        urls += [path.format(pk=pk) for path in WORKSPACE_ITEM_PATHS]
    urls += [f"/ruang-kerja/berkas/{v.public_id}/" for v in DocumentVersion.objects.all()]
    for url in urls:
        fetched = auditor.get(url)
        assert fetched.status == 302, (url, fetched.status)
        assert fetched.headers["Location"].startswith("/ruang-kerja/masuk/"), fetched.headers
        assert not fetched.body.startswith(b"%PDF")
        login = auditor.get(fetched.headers["Location"])
        assert login.status == 200
    # Changes are refused too, and change nothing.
    exempt = register.hidden_items["EXEMPT"]
    for url in (f"/ruang-kerja/informasi/{exempt.pk}/status/",
                f"/ruang-kerja/informasi/{register.public.pk}/status/"):
        fetched = auditor.post(url, {"to": "withdrawn"})
        assert fetched.status in (302, 403), (url, fetched.status)
    assert InformationItem.objects.get(pk=register.public.pk).status == Status.PUBLISHED
    assert InformationItem.objects.get(pk=exempt.pk).status == Status.DOCUMENTED
    # The staff API needs a token.
    for url in ["/api/v1/items", "/api/v1/items?category=exempt",
                *(f"/api/v1/items/{pk}" for pk in register.all_item_ids)]:
        fetched = auditor.get(url)
        assert fetched.status == 401, (url, fetched.status)
    # Django's admin is behind its own login.
    admin = auditor.get("/admin/register/informationitem/")
    assert admin.status == 302
    auditor.assert_no_leaks()


def test_web_manager_never_sees_exempt_information(register, people, token_for):
    web = people["web"]
    exempt = register.hidden_items["EXEMPT"]
    exempt_secrets = {label: value for label, value in register.secrets.items()
                      if label.startswith(("EXEMPT ", "EXEMPTDRAFT ", "EXEMPTFLAGGED "))}
    token = token_for(web)
    api = Auditor(Client(HTTP_AUTHORIZATION=f"Bearer {token}"), exempt_secrets)

    for pk in (exempt.pk, register.hidden_items["EXEMPTDRAFT"].pk):
        fetched = api.get(f"/api/v1/items/{pk}")
        assert fetched.status == 404, (pk, fetched.status, fetched.body)
        assert fetched.is_json
    listing = api.get("/api/v1/items?page_size=100")
    assert listing.status == 200
    ids = {row["id"] for row in json.loads(listing.body)}
    # Non-exempt items are there (the web manager sees the register), exempt ones are not.
    assert register.public.pk in ids and register.hidden_items["DRAFT"].pk in ids
    assert exempt.pk not in ids
    for params in ({"category": "exempt"}, {"q": query_word("TITLE", "EXEMPT")},
                   {"status": "documented", "page_size": 100}, {"year": 2019}):
        fetched = api.get("/api/v1/items?" + urlencode(params))
        assert fetched.status == 200
        assert exempt.pk not in {row["id"] for row in json.loads(fetched.body)}
    # Nor may it act on them.
    fetched = api.post(f"/api/v1/items/{exempt.pk}/transition", {"to": "draft"},
                       content_type="application/json")
    assert fetched.status == 404, fetched.status
    patched = api.client.patch(f"/api/v1/items/{exempt.pk}", {"title": "x"},
                               content_type="application/json")
    assert patched.status_code == 404
    api.assert_no_leaks()

    browser = Client()
    assert browser.login(username=web.username, password=PASSWORD)
    workspace = Auditor(browser, exempt_secrets)
    for path in WORKSPACE_ITEM_PATHS:
        fetched = workspace.get(path.format(pk=exempt.pk))
        assert fetched.status == 404, (path, fetched.status)
    for key in ("EXEMPT", "EXEMPTFLAGGED"):
        fetched = workspace.get(f"/ruang-kerja/berkas/{register.hidden_files[key].public_id}/")
        assert fetched.status == 404, (key, fetched.status)
    for url in ("/ruang-kerja/", "/ruang-kerja/?category=exempt&page=1",
                "/ruang-kerja/?q=" + query_word("TITLE", "EXEMPT"),
                f"/ruang-kerja/informasi/{register.public.pk}/"):
        fetched = workspace.get(url)
        assert fetched.status == 200, (url, fetched.status)
    fetched = workspace.post(f"/ruang-kerja/informasi/{exempt.pk}/status/", {"to": "draft"})
    assert fetched.status == 404
    assert InformationItem.objects.get(pk=exempt.pk).status == Status.DOCUMENTED
    workspace.assert_no_leaks()
