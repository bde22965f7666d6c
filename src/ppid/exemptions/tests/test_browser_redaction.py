"""Redaction in a real browser: the PPID drags a box over a word on the page image, gives the
ground and reason, and the mark lands where it was drawn (Debian's Chromium via Playwright)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.core.tests.factories import PASSWORD
from ppid.exemptions import redaction as engine
from ppid.exemptions import redactions
from ppid.register import services as register
from ppid.register.constants import Status
from ppid.workspace.tests.test_browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, _screenshots

SECRET = "ZQRAHASIAQZ"


@pytest.mark.browser
def test_ppid_draws_a_redaction(transactional_db, live_server, people, make_item, monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright
    from weasyprint import HTML

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    item = make_item(title="Surat Keterangan Uji", status=Status.DOCUMENTED)
    pdf = HTML(string=f"<h1>Surat</h1><p>Kode {SECRET} rahasia.</p>").write_pdf()
    version = register.add_version(people["ppid"], item, SimpleUploadedFile("surat.pdf", pdf))
    with redactions.source_pdf(version) as path:
        box = next(w for w in engine.words(path) if SECRET in w.text).rect

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(f"{live_server.url}/ruang-kerja/masuk/")
            page.fill("[name=username]", people["ppid"].username)
            page.fill("[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(re.compile(r"/ruang-kerja/$"))
            page.goto(f"{live_server.url}/ruang-kerja/informasi/{item.pk}/")
            page.click("text=Hitamkan")
            page.wait_for_url(re.compile(r"/hitamkan/"))
            image = page.locator(".redact-canvas img").first
            expect(image).to_be_visible()
            page.wait_for_function("document.querySelector('.redact-canvas img').naturalWidth > 0")
            bounds = image.bounding_box()
            x0 = bounds["x"] + (box.x0 - 0.005) * bounds["width"]
            y0 = bounds["y"] + (box.y0 - 0.005) * bounds["height"]
            x1 = bounds["x"] + (box.x1 + 0.005) * bounds["width"]
            y1 = bounds["y"] + (box.y1 + 0.005) * bounds["height"]
            page.mouse.move(x0, y0)
            page.mouse.down()
            page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2)
            page.mouse.move(x1, y1)
            page.mouse.up()
            expect(page.locator("#redact-submit")).to_be_enabled()
            page.fill("#redact-form [name=reason]", "Kode pengamanan internal")
            page.click("#redact-submit")
            expect(page.locator(".redact-box:not(.redact-new)")).to_have_count(1)
            _screenshots(page, "redaction")
        finally:
            browser.close()

    [mark] = version.marked_redactions.all()
    assert mark.source == "drawn" and mark.page == 0 and mark.ground == "17h"
    assert mark.x0 <= box.x0 and mark.y0 <= box.y0 and mark.x1 >= box.x1 and mark.y1 >= box.y1
    assert mark.x1 - mark.x0 < 0.5  # where it was drawn, not the whole page
