"""The whole path in a real browser: a PPID officer registers, documents and publishes an item in
the workspace, and an anonymous visitor finds it on the portal and downloads its PDF.

Drives Debian's Chromium headless through Playwright against pytest-django's live server, and
leaves screenshots of the workspace and portal item pages (desktop and phone) in var/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from ppid.conftest import pdf_bytes
from ppid.core.tests.factories import PASSWORD
from ppid.register.constants import Status
from ppid.register.models import DocumentVersion, InformationItem

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
TIMEOUT_MS = 15_000

TITLE = "Laporan Realisasi Anggaran Semester I 2025"
SUMMARY = "Realisasi pendapatan dan belanja daerah sampai dengan 30 Juni 2025."
PDF_TEXT = "Realisasi Anggaran Semester I uji peramban"


def _screenshots(page, name: str) -> list[Path]:
    """Full-page screenshots of the current page at desktop and phone sizes."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    paths = []
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        path = SCREENSHOTS / f"{name}-{size}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0
        paths.append(path)
    page.set_viewport_size({"width": 1280, "height": 900})
    return paths


@pytest.mark.browser
def test_officer_publishes_and_visitor_downloads(transactional_db, live_server, people, units,
                                                 tmp_path, monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test still touches the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    base = live_server.url
    pdf = pdf_bytes(PDF_TEXT)
    pdf_path = tmp_path / "realisasi-anggaran.pdf"
    pdf_path.write_bytes(pdf)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        try:
            staff = browser.new_context(viewport={"width": 1280, "height": 900})
            staff.set_default_timeout(TIMEOUT_MS)
            page = staff.new_page()

            # Log in.
            page.goto(f"{base}/ruang-kerja/masuk/")
            page.fill("[name=username]", people["ppid"].username)
            page.fill("[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(re.compile(r"/ruang-kerja/$"))

            # Register a new item.
            page.goto(f"{base}/ruang-kerja/informasi/baru/")
            page.fill("[name=title]", TITLE)
            page.fill("[name=summary]", SUMMARY)
            page.select_option("select[name=category]", "periodic")
            page.fill("[name=year]", "2025")
            page.select_option("select[name=holder_unit]", str(units["a"].pk))
            page.fill("[name=responsible_official]", "Kepala Bidang Anggaran")
            page.select_option("select[name=form]", "soft")
            page.click("main button[type=submit]")
            page.wait_for_url(re.compile(r"/ruang-kerja/informasi/\d+/$"))
            item = InformationItem.objects.get(title=TITLE)
            assert page.url == f"{base}/ruang-kerja/informasi/{item.pk}/"
            assert item.status == Status.DRAFT
            expect(page.locator("h1")).to_have_text(TITLE)

            # Upload the PDF.
            page.set_input_files("input[name=file]", str(pdf_path))
            page.fill("form.upload [name=title]", "Laporan realisasi")
            with page.expect_navigation():
                page.click("form.upload button[type=submit]")
            expect(page.locator(".doc h3")).to_contain_text("Laporan realisasi")
            version = DocumentVersion.objects.get(document__item=item)
            assert version.content_type == "application/pdf" and version.size == len(pdf)

            # Documented, then published.
            for target in (Status.DOCUMENTED, Status.PUBLISHED):
                with page.expect_navigation():
                    page.click(f"button[name=to][value={target}]")
                expect(page.locator(f".status-{target}")).to_be_visible()
                item.refresh_from_db()
                assert item.status == target
            assert item.published_at is not None
            expect(page.locator(f"a[href='/informasi/{item.pk}/']")).to_be_visible()
            _screenshots(page, "ws-item")

            # An anonymous visitor finds it in the DIP and downloads the file.
            visitor = browser.new_context(viewport={"width": 1280, "height": 900})
            visitor.set_default_timeout(TIMEOUT_MS)
            public = visitor.new_page()
            public.goto(f"{base}/dip/")
            public.get_by_role("link", name=TITLE).click()
            public.wait_for_url(f"{base}/informasi/{item.pk}/")
            expect(public.locator("h1")).to_have_text(TITLE)
            expect(public.locator("main")).to_contain_text(SUMMARY)
            link = public.locator("a.download")
            expect(link).to_have_count(1)
            href = link.get_attribute("href")
            assert href == f"/berkas/{version.public_id}/"
            response = public.request.get(urljoin(public.url, href))
            assert response.status == 200
            assert response.headers["content-type"] == "application/pdf"
            assert response.body() == pdf
            _screenshots(public, "portal-item")

            # The visitor has no way into the workspace.
            public.goto(f"{base}/ruang-kerja/informasi/{item.pk}/")
            assert "/ruang-kerja/masuk/" in public.url
        finally:
            browser.close()
            # ORM calls made while Playwright's loop runs get their own connection (asgiref
            # binds it to that context); close it here or PostgreSQL cannot drop the test DB.
            from django.db import connections

            connections.close_all()
