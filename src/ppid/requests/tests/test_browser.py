"""A request for information from the portal form to a dispute, in a real browser.

A member of the public files a request and follows it with its number and tracking code in a
fresh browser; the PPID forwards it, extends the deadline and grants it in part with a redacted
document; the requester downloads the notice and the document, objects; the PPID superior
upholds the decision, and the PPID records the dispute at the Komisi Informasi.

Drives Debian's Chromium headless through Playwright against pytest-django's live server (see
ppid/workspace/tests/test_browser.py) and leaves screenshots in var/screenshots/request-*.png.
Selectors are field names, form actions, CSS classes and URLs, never translated wording.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.utils import timezone

from ppid.core.tests.factories import PASSWORD
from ppid.register.constants import Status
from ppid.requests import services, spam
from ppid.requests.constants import (
    DisputeStage,
    ObjectionOutcome,
    ObjectionStatus,
    Outcome,
    RequestStatus,
)
from ppid.requests.models import Objection, Request
from ppid.requests.tests.document_factories import redacted_version
from ppid.workspace.tests.test_browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, _screenshots
from ppid.worktime.services import work_calendar

ITEM_TITLE = "Kontrak Pengadaan Laptop Sekolah 2025"
DETAILS = "Salinan kontrak pengadaan laptop untuk sekolah dasar tahun anggaran 2025."
PURPOSE = "Bahan liputan tentang belanja pendidikan."
NIK = "6371014101900002"
FORWARD_NOTE = "Mohon disiapkan salinan kontrak beserta lampirannya."
EXTEND_REASON = "Dokumen perlu dihitamkan pada bagian data pribadi penyedia."
EXPLANATION = "Salinan diberikan dengan data pribadi penyedia dihitamkan (Pasal 17 huruf h)."
CASE_POSITION = "Saya meminta kontrak lengkap, tetapi yang diberikan hanya sebagian."
ANSWER_REASONS = "Bagian yang dihitamkan memuat data pribadi yang dikecualikan Pasal 17 huruf h."
COMMISSION = "Komisi Informasi Provinsi Kalimantan Selatan"
REGISTER_NUMBER = "012/REG-PSI/VI/2026"
CODE = re.compile(r"^[A-Z0-9]{5}-[A-Z0-9]{5}$")


def _login(browser, base: str, user):
    """A fresh browser context with `user` signed in to the workspace; returns its page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"{base}/ruang-kerja/masuk/")
    page.fill("[name=username]", user.username)
    page.fill("[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/ruang-kerja/$"))
    return page


def _pdf(page, href: str) -> bytes:
    """GET a link with the page's cookies; it must be a PDF."""
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200, href
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF")
    return body


def _download(page, selector: str) -> tuple[bytes, str]:
    """Click a download link in the browser; the file's bytes and suggested name."""
    with page.expect_download() as info:
        page.click(selector)
    download = info.value
    with open(download.path(), "rb") as handle:
        return handle.read(), download.suggested_filename


@pytest.mark.browser
def test_request_from_portal_to_dispute(transactional_db, live_server, people, units,
                                        make_item, monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test still touches the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # The spam guard refuses a form sent within 3 s of being shown; a script types faster.
    monkeypatch.setattr(spam, "MIN_SECONDS", 0)
    cache.clear()  # no rate-limit hits left by other tests from 127.0.0.1
    base = live_server.url

    # The register: a published item whose current file is a redacted version of the original.
    item = make_item(title=ITEM_TITLE, status=Status.PUBLISHED)
    redacted = redacted_version(people["ppid"], item,
                                [{"ground": "17h", "reason": "Data pribadi penyedia"}],
                                name="kontrak-laptop.pdf", title="Kontrak")
    with default_storage.open(redacted.file.name, "rb") as handle:
        redacted_bytes = handle.read()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        try:
            # 1. A member of the public files the request on the portal.
            filer = browser.new_context(viewport={"width": 1280, "height": 900})
            filer.set_default_timeout(TIMEOUT_MS)
            page = filer.new_page()
            page.goto(f"{base}/permohonan/")
            form = page.locator("#request-form")
            expect(form.locator("input[name=requester_kind][value=person]")).to_be_checked()
            form.locator("[name=name]").fill("Siti Rahmawati")
            form.locator("[name=id_number]").fill(NIK)
            form.locator("[name=occupation]").fill("Wartawan")
            form.locator("[name=address]").fill("Jl. Ahmad Yani Km 5, Banjarmasin")
            form.locator("[name=phone]").fill("0812 3456 7890")
            form.locator("[name=email]").fill("siti@example.org")
            form.locator("[name=details]").fill(DETAILS)
            form.locator("[name=purpose]").fill(PURPOSE)
            form.locator("input[name=obtain_method][value=soft_copy]").check()
            form.locator("input[name=delivery_method][value=email]").check()
            form.locator("input[name=consent]").check()
            _screenshots(page, "request-form")
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
            assert page.url == f"{base}/permohonan/terkirim/"
            number = page.locator(".receipt-number").inner_text().strip()
            code = page.locator(".tracking-code").inner_text().strip()
            assert CODE.match(code), code
            req = Request.objects.get(number=number)
            assert services.format_code(req.tracking_code) == code
            assert req.status == RequestStatus.RECEIVED and req.id_number == NIK
            assert req.phone == "081234567890" and req.delivery_method == "email"
            _screenshots(page, "request-received")

            # 2. Later, in another browser (no session), the requester tracks it.
            requester = browser.new_context(viewport={"width": 1280, "height": 900})
            requester.set_default_timeout(TIMEOUT_MS)
            public = requester.new_page()
            status_url = f"{base}/permohonan/lacak/{req.pk}/"
            assert public.goto(status_url).status == 404  # the session proved nothing yet
            public.goto(f"{base}/permohonan/lacak/")
            public.fill("form.track-form [name=number]", number)
            public.fill("form.track-form [name=code]", code.lower().replace("-", " "))
            with public.expect_navigation():
                public.click("form.track-form button[type=submit]")
            assert public.url == status_url
            expect(public.locator("h1")).to_contain_text(number)
            expect(public.locator(".req-status-received")).to_be_visible()
            expect(public.locator("li.tl-received")).to_have_count(1)
            expect(public.locator("main")).not_to_contain_text(NIK)

            # 3. The PPID forwards, extends and decides in the workspace.
            staff = _login(browser, base, people["ppid"])
            staff.goto(f"{base}/ruang-kerja/permohonan/")
            staff.locator("a.req-number", has_text=number).click()
            detail_url = f"{base}/ruang-kerja/permohonan/{req.pk}/"
            staff.wait_for_url(detail_url)
            expect(staff.locator(".rstatus-received")).to_be_visible()

            forward = staff.locator(f"form[action='/ruang-kerja/permohonan/{req.pk}/teruskan/']")
            forward.locator("select[name=unit]").select_option(str(units["a"].pk))
            forward.locator("[name=note]").fill(FORWARD_NOTE)
            with staff.expect_navigation():
                forward.locator("button[type=submit]").click()
            expect(staff.locator(".rstatus-forwarded")).to_be_visible()
            expect(staff.locator("main")).to_contain_text(FORWARD_NOTE)
            req.refresh_from_db()
            assert req.status == RequestStatus.FORWARDED and req.assigned_unit == units["a"]

            due_before = req.due_at
            status_line = staff.locator("p.status-line").inner_text()
            staff.click("#extend > summary")
            extend = staff.locator(f"form[action='/ruang-kerja/permohonan/{req.pk}/perpanjang/']")
            extend.locator("select[name=days]").select_option("3")
            extend.locator("[name=reason]").fill(EXTEND_REASON)
            with staff.expect_navigation():
                extend.locator("button[type=submit]").click()
            expect(staff.locator("main")).to_contain_text(EXTEND_REASON)
            expect(staff.locator("p.status-line")).not_to_have_text(status_line)
            expect(staff.locator("#extend")).to_have_count(0)  # only once
            req.refresh_from_db()
            assert req.extension_days == 3 and req.due_at > due_before
            calendar = work_calendar()
            assert services.working_days_between(calendar.local(due_before).date(),
                                                 calendar.local(req.due_at).date()) == 3

            staff.click(f"a[href='/ruang-kerja/permohonan/{req.pk}/putuskan/']")
            staff.wait_for_url(re.compile(r"/putuskan/$"))
            decide = staff.locator("#decide-form")
            expect(decide.locator("input[name=holding][value=held]")).to_be_checked()
            decide.locator(f"input[name=items][value='{item.pk}']").check()
            # The chosen item's documents come in (htmx); its original is withheld, so only the
            # redacted version is offered.
            versions = decide.locator("input[name=versions]")
            expect(versions).to_have_count(1)
            expect(decide.locator(f"input[name=versions][value='{redacted.pk}']")).to_have_count(1)
            decide.locator(f"input[name=versions][value='{redacted.pk}']").check()
            decide.locator("input[name=outcome][value=partly]").check()
            decide.locator("select[name=information_form]").select_option("soft_copy")
            decide.locator("[name=fee]").fill("0")
            decide.locator("[name=explanation]").fill(EXPLANATION)
            _screenshots(staff, "request-decide")
            with staff.expect_navigation():
                decide.locator("button[name=decide]").click()
            assert staff.url == detail_url
            expect(staff.locator(".rstatus-decided")).to_be_visible()
            expect(staff.locator(".outcome-partly").first).to_be_visible()
            notice_link = staff.locator(f"a[href='/ruang-kerja/permohonan/{req.pk}/"
                                        f"pemberitahuan.pdf']")
            expect(notice_link).to_have_count(1)
            _pdf(staff, notice_link.get_attribute("href"))
            req.refresh_from_db()
            assert req.outcome == Outcome.PARTLY_GRANTED and req.grounds == ["17h"]
            assert list(req.given_versions.all()) == [redacted] and req.fee == 0
            _screenshots(staff, "request-ws-decided")

            # 4. The requester sees every step and downloads the notice and the document.
            public.reload()
            for kind in ("received", "forwarded", "extended", "decided"):
                expect(public.locator(f"li.tl-{kind}")).to_have_count(1)
            expect(public.locator("li.tl-extended")).to_contain_text(EXTEND_REASON)
            expect(public.locator("main")).not_to_contain_text(FORWARD_NOTE)  # internal
            expect(public.locator("#pemberitahuan")).to_contain_text(EXPLANATION)
            given = public.locator("#pemberitahuan a.download")
            expect(given).to_have_count(1)
            assert given.get_attribute("href") == \
                f"/permohonan/lacak/{req.pk}/berkas/{redacted.public_id}/"
            body, _name = _download(public, "#pemberitahuan a.download")
            assert body == redacted_bytes
            notice, _name = _download(
                public, f"a[href='/permohonan/lacak/{req.pk}/pemberitahuan.pdf']")
            assert notice.startswith(b"%PDF")
            _screenshots(public, "request-status-decided")

            # 5. The requester objects from the status page.
            public.click(f"a[href='/permohonan/lacak/{req.pk}/keberatan/']")
            public.wait_for_url(re.compile(r"/keberatan/$"))
            objection_form = public.locator("#objection-form")
            objection_form.locator("input[name=grounds][value=d]").check()
            objection_form.locator("[name=case_position]").fill(CASE_POSITION)
            with public.expect_navigation():
                objection_form.locator("button[type=submit]").click()
            received_box = public.locator("#objection-received")
            expect(received_box).to_be_visible()
            objection_number = received_box.locator(".receipt-number").inner_text().strip()
            objection_code = received_box.locator(".tracking-code").inner_text().strip()
            assert CODE.match(objection_code), objection_code
            objection = Objection.objects.get(number=objection_number)
            assert objection.request_id == req.pk and objection.grounds == ["d"]
            assert services.format_code(objection.tracking_code) == objection_code
            assert objection_code != code
            expect(public.locator(f"#keberatan-{objection.pk} .tracking-code")).to_have_text(
                objection_code)
            expect(public.locator("li.tl-objection_received")).to_have_count(1)
            _screenshots(public, "request-objection-filed")

            # 6. The PPID superior upholds the decision.
            superior = _login(browser, base, people["superior"])
            superior.goto(f"{base}/ruang-kerja/permohonan/keberatan/")
            superior.locator(f"a[href='/ruang-kerja/permohonan/keberatan/{objection.pk}/']",
                             has_text=objection_number).first.click()
            objection_url = f"{base}/ruang-kerja/permohonan/keberatan/{objection.pk}/"
            superior.wait_for_url(objection_url)
            expect(superior.locator("main")).to_contain_text(CASE_POSITION)
            answer = superior.locator(
                f"form[action='/ruang-kerja/permohonan/keberatan/{objection.pk}/jawab/']")
            answer.locator("input[name=outcome][value=upheld]").check()
            answer.locator("[name=reasons]").fill(ANSWER_REASONS)
            with superior.expect_navigation():
                answer.locator("button[type=submit]").click()
            assert superior.url == objection_url
            expect(answer).to_have_count(0)
            expect(superior.locator(".rstatus-answered")).to_be_visible()
            expect(superior.locator("main")).to_contain_text(ANSWER_REASONS)
            answer_link = superior.locator(
                f"a[href='/ruang-kerja/permohonan/keberatan/{objection.pk}/tanggapan.pdf']")
            expect(answer_link).to_have_count(1)
            _pdf(superior, answer_link.get_attribute("href"))
            objection.refresh_from_db()
            assert objection.status == ObjectionStatus.ANSWERED
            assert objection.outcome == ObjectionOutcome.UPHELD

            # 7. The PPID records the dispute at the Komisi Informasi.
            staff.goto(detail_url)
            staff.click(f"#objections a[href='/ruang-kerja/permohonan/keberatan/"
                        f"{objection.pk}/']")
            staff.wait_for_url(objection_url)
            staff.click("#dispute details > summary")
            dispute_form = staff.locator(
                f"form[action='/ruang-kerja/permohonan/keberatan/{objection.pk}/sengketa/']")
            expect(dispute_form).to_have_count(1)
            today = calendar.local(timezone.now()).date()
            dispute_form.locator("select[name=stage]").select_option(DisputeStage.MEDIATION)
            dispute_form.locator("[name=filed_on]").fill(today.isoformat())
            dispute_form.locator("[name=commission]").fill(COMMISSION)
            dispute_form.locator("[name=register_number]").fill(REGISTER_NUMBER)
            with staff.expect_navigation():
                dispute_form.locator("button[type=submit]").click()
            assert staff.url.startswith(objection_url)
            panel = staff.locator("#dispute")
            expect(panel).to_contain_text(COMMISSION)
            expect(panel).to_contain_text(REGISTER_NUMBER)
            expect(panel.locator(".countdown-done")).to_be_visible()  # filed in time
            dispute = objection.dispute
            assert dispute.stage == DisputeStage.MEDIATION and dispute.filed_on == today
            _screenshots(staff, "request-ws-dispute")

            # 8. The requester sees the answer and the dispute.
            public.reload()
            card = public.locator(f"#keberatan-{objection.pk}")
            expect(card.locator(".req-status-answered")).to_be_visible()
            expect(card).to_contain_text(ANSWER_REASONS)
            expect(card).to_contain_text(COMMISSION)
            expect(card).to_contain_text(REGISTER_NUMBER)
            expect(public.locator("li.tl-objection_answered")).to_have_count(1)
            answer_pdf, _name = _download(
                public, f"a[href='/permohonan/lacak/keberatan/{objection.pk}/tanggapan.pdf']")
            assert answer_pdf.startswith(b"%PDF")
            _screenshots(public, "request-status-final")
        finally:
            browser.close()
            cache.clear()
            # ORM calls made while Playwright's loop runs get their own connection (asgiref
            # binds it to that context); close it here or PostgreSQL cannot drop the test DB.
            from django.db import connections

            connections.close_all()
