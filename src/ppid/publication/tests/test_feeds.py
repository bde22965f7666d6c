"""RSS/Atom feeds, the sitemap, robots.txt and the structured metadata of item pages: valid,
absolute, and never showing what is not public."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ppid.publication import announcements
from ppid.register import services as register
from ppid.register.constants import Category, Status

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOTICE = {
    "type": "infectious_disease", "potential_danger": "Penularan cepat di sekolah.",
    "affected": "Siswa SD", "avoid_harm": "Cuci tangan", "get_help": "Puskesmas 24 jam",
    "announcer": "Dinas Kesehatan",
}


@pytest.fixture
def register_rows(make_item, people):
    now = timezone.now()

    def published(title, days_ago, **kwargs):
        kwargs.setdefault("category", Category.PERIODIC)
        return make_item(title=title, status=Status.PUBLISHED,
                         published_at=now - timedelta(days=days_ago), **kwargs)

    rows = {
        "public": published("Rencana Strategis 2025-2029", 3),
        "older": published("Profil Dinas", 10, category=Category.ON_REQUEST),
        "draft": make_item(title="Rancangan Rahasia Draf"),
        "documented": make_item(title="Belum Terbit Dokumentasi", status=Status.DOCUMENTED),
        "withdrawn": make_item(title="Ditarik Kembali Sudah", status=Status.WITHDRAWN,
                               published_at=now - timedelta(days=1)),
        "exempt": make_item(title="Dikecualikan Sangat Rahasia", category=Category.EXEMPT,
                            exemption_ground="17h", status=Status.DOCUMENTED),
    }
    ended = announcements.create(people["ppid"], {"title": "Wabah Campak Berakhir", **NOTICE})
    announcements.announce(people["ppid"], ended)
    announcements.end(people["ppid"], ended, "Kasus menurun")
    active = announcements.create(people["ppid"], {"title": "Wabah DBD Aktif", **NOTICE})
    announcements.announce(people["ppid"], active)
    draft = announcements.create(people["ppid"], {"title": "Pengumuman Draf Tersembunyi",
                                                  **NOTICE})
    rows.update(ended=ended, active=active, notice_draft=draft)
    return rows


def _xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - this site's own response, parsed to check it


HIDDEN = ("draft", "documented", "withdrawn", "exempt", "notice_draft")


def _assert_hidden(text: str, rows) -> None:
    for key in HIDDEN:
        assert rows[key].title not in text, key
    for key in ("draft", "documented", "withdrawn", "exempt"):
        assert reverse("portal:item", args=[rows[key].pk]) not in text, key
    assert reverse("publication_public:announcement", args=[rows["notice_draft"].pk]) \
        not in text


def test_rss(client, register_rows):
    response = client.get(reverse("publication_public:feed_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = _xml(response.content)
    channel = root.find("channel")
    entries = channel.findall("item")
    titles = [e.findtext("title") for e in entries]
    # Newest first: the notices were announced just now, the items days ago.
    assert titles[0].endswith("Wabah DBD Aktif") or titles[1].endswith("Wabah DBD Aktif")
    assert any(t.endswith("Rencana Strategis 2025-2029") for t in titles)
    assert titles.index(next(t for t in titles if "Rencana Strategis" in t)) < titles.index(
        next(t for t in titles if "Profil Dinas" in t))
    links = [e.findtext("link") for e in entries]
    assert all(link.startswith("http://testserver/") for link in links)
    assert (f"http://testserver{reverse('portal:item', args=[register_rows['public'].pk])}"
            in links)
    _assert_hidden(response.content.decode(), register_rows)


def test_atom(client, register_rows):
    response = client.get(reverse("publication_public:feed_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = _xml(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    hrefs = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert len(entries) == 4
    assert all(h.startswith("http://testserver/") for h in hrefs)
    ended = next(e for e in entries if "Wabah Campak Berakhir" in e.findtext(f"{ATOM}title"))
    assert ended.findtext(f"{ATOM}updated")
    _assert_hidden(response.content.decode(), register_rows)


def test_feed_is_limited_to_fifty(client, make_item):
    for n in range(55):
        make_item(title=f"Terbit {n}", status=Status.PUBLISHED,
                  published_at=timezone.now() - timedelta(hours=n), indexed=False)
    root = _xml(client.get(reverse("publication_public:feed_rss")).content)
    titles = [e.findtext("title") for e in root.find("channel").findall("item")]
    assert len(titles) == 50 and titles[0].endswith("Terbit 0")


def test_feed_links_in_every_page_head(client, agency):
    head = client.get("/").content.decode().split("</head>")[0]
    assert 'type="application/rss+xml"' in head and reverse("publication_public:feed_rss") in head
    assert 'type="application/atom+xml"' in head


def test_sitemap(client, register_rows, agency):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = _xml(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
            for u in root.findall(f"{SITEMAP}url")}
    base = "http://testserver"
    for name in ("portal:home", "portal:register", "publication_public:announcements",
                 "requests_public:statistics"):
        assert base + reverse(name) in urls, name
    item_url = base + reverse("portal:item", args=[register_rows["public"].pk])
    zone = zoneinfo.ZoneInfo(agency.time_zone)  # dates in the agency's zone
    assert urls[item_url] == timezone.localtime(register_rows["public"].updated_at,
                                                zone).strftime("%Y-%m-%d")
    for key in ("active", "ended"):
        assert base + reverse("publication_public:announcement",
                              args=[register_rows[key].pk]) in urls
    _assert_hidden(response.content.decode(), register_rows)
    assert not any("/ruang-kerja/" in u for u in urls)


def test_robots(client, agency):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /ruang-kerja/" in text
    assert f"Disallow: /{settings.PPID_ADMIN_PATH}" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


# --------------------------------------------------------------------------------------------
# Structured metadata of the item page
# --------------------------------------------------------------------------------------------


def _json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_item_page_structured_metadata(client, agency, people, make_item, pdf_upload,
                                       django_capture_on_commit_callbacks):
    item = make_item(title='Laporan "Kinerja" </script><script>alert(1)</script> & Anggaran',
                     summary="Ringkasan <b>tebal</b> dengan 'kutip'\nbaris dua.",
                     category=Category.PERIODIC, status=Status.DOCUMENTED, year=2025)
    with django_capture_on_commit_callbacks(execute=True):
        version = register.add_version(people["ppid"], item, pdf_upload("lap.pdf"),
                                       title="Laporan lengkap")
        register.add_version(people["ppid"], item, pdf_upload("internal.pdf"),
                             title="Catatan internal", is_public=False)
        register.transition(people["ppid"], item, Status.PUBLISHED)
    item.refresh_from_db()
    html = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    script = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in script and ">" not in script  # nothing can close or open a tag
    data = _json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    assert data["name"] == item.title
    assert data["description"] == item.summary
    assert data["identifier"] == str(item.pk)
    assert data["url"] == f"http://testserver{reverse('portal:item', args=[item.pk])}"
    assert data["inLanguage"] == "id"
    assert data["publisher"]["name"] == agency.name
    assert datetime.fromisoformat(data["datePublished"]) == item.published_at
    assert datetime.fromisoformat(data["dateModified"]) == item.updated_at
    assert "Periodic (berkala)" in data["keywords"] or "Berkala" in " ".join(data["keywords"])
    [download] = data["distribution"]  # the internal document is not listed
    assert download["@type"] == "DataDownload"
    assert download["name"] == "Laporan lengkap"
    assert download["encodingFormat"] == "application/pdf"
    assert download["contentUrl"] == (
        f"http://testserver{reverse('portal:download', args=[version.public_id])}")
    assert download["sha256"] == version.sha256
    assert '<meta name="description"' in html
    assert '<meta property="og:title" content="Laporan &quot;Kinerja&quot;' in html
    assert "<script>alert(1)</script>" not in html


def test_item_page_without_documents(client, agency, published_item):
    data = _json_ld(client.get(reverse("portal:item", args=[published_item.pk])
                               ).content.decode())
    assert data["distribution"] == []
    assert "datePublished" not in data  # the fixture item has no publication time
