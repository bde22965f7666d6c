"""The public side of requests: the form, the receipt, tracking, the status page, objections,
the requester's documents and the statistics page, through the Django test client."""

from __future__ import annotations

import re
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test import RequestFactory as HttpRequestFactory
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from ppid.conftest import pdf_bytes
from ppid.register import services as register
from ppid.register.constants import Status
from ppid.register.models import DocumentVersion
from ppid.requests import documents, objections, services, spam
from ppid.requests.constants import ObjectionStatus, Outcome, RequestStatus
from ppid.requests.models import Objection, Request
from ppid.requests.tests.factories import RequestFactory, requester_data
from ppid.requests.views_public import SESSION_REQUESTS
from ppid.worktime.services import work_calendar

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
FORM = "/permohonan/"
TRACK = "/permohonan/lacak/"
has_documents = pytest.mark.skipif(not hasattr(documents, "receipt_pdf"),
                                   reason="ppid.requests.documents is not written yet")


@pytest.fixture(autouse=True)
def _clean_cache(agency):
    cache.clear()
    yield
    cache.clear()


def visitor(language: str = "id") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def payload(**overrides) -> dict:
    """What a person sends: the requester's data, consent, and a stamp issued 10 s ago."""
    data = requester_data()
    data.update({"consent": "on", spam.STAMP_FIELD: spam.issue_stamp(now=time.time() - 10)})
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def pdf(name="ktp.pdf", text="KTP"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def file_through_form(client: Client, **overrides) -> Request:
    before = set(Request.objects.values_list("pk", flat=True))
    response = client.post(FORM, payload(**overrides))
    assert response.status_code == 302, _errors(response)
    assert response["Location"] == "/permohonan/terkirim/"
    (pk,) = set(Request.objects.values_list("pk", flat=True)) - before
    return Request.objects.get(pk=pk)


def _errors(response) -> str:
    body = response.content.decode()
    return " | ".join(re.findall(r'class="error">([^<]+)<', body)) or body[:2000]


def _summary(response) -> str:
    found = re.search(r'<div class="error-summary".*?</div>', text(response), re.S)
    assert found
    return found.group(0)


def text(response) -> str:
    return response.content.decode()


def make_version(people, make_item, name="laporan.pdf", content="Isi laporan"):
    item = make_item(title="Laporan Realisasi Anggaran 2025", status=Status.DOCUMENTED)
    return register.add_version(people["ppid"], item, SimpleUploadedFile(
        name, pdf_bytes(content), content_type="application/pdf"), title="LRA 2025")


def grant_in_full(people, req, versions, **extra):
    decision = services.Decision(holding="held", outcome=Outcome.GRANTED, versions=versions,
                                 information_form="soft_copy",
                                 explanation="Dokumen terlampir.", **extra)
    return services.decide(people["ppid"], req, decision)


# --------------------------------------------------------------------------------------------
# The form.
# --------------------------------------------------------------------------------------------


def test_form_renders_every_field_in_fieldsets():
    response = visitor().get(FORM)
    assert response.status_code == 200
    body = text(response)
    assert '<html lang="id"' in body
    for name in (*services.REQUESTER_FIELDS, "identity_file", "proxy_letter", "consent",
                 spam.HONEYPOT_FIELD, spam.STAMP_FIELD):
        assert f'name="{name}"' in body, name
    assert body.count("<fieldset") >= 4
    assert 'enctype="multipart/form-data"' in body
    assert 'id="field-delivery_method"' in body  # hidden by the script when "view" is chosen
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response[
        "Cache-Control"]


def test_valid_filing_creates_a_request_and_shows_number_code_and_deadline(pdf_upload):
    client = visitor("en")
    req = file_through_form(client, identity_file=pdf("ktp-saya.pdf"))
    assert req.channel == "portal" and req.status == RequestStatus.RECEIVED
    assert req.name == "Siti Rahmawati" and req.id_number == "6371014101900002"
    assert req.language == "en"
    assert req.identity_file.name.startswith("secure/")
    page = client.get("/permohonan/terkirim/")
    assert page.status_code == 200
    body = text(page)
    assert escape(req.number) in body
    assert services.format_code(req.tracking_code) in body
    assert "Keep this code." in body
    assert f"/permohonan/lacak/{req.pk}/tanda-terima.pdf" in body
    assert f'href="/permohonan/lacak/{req.pk}/"' in body
    due = req.due_at.astimezone(work_calendar().tz)  # the agency's zone: WITA here
    assert f"{due.day} {due.strftime('%B')} {due.year}, {due:%H:%M} WITA" in body
    # The session may now follow the request.
    assert client.get(f"/permohonan/lacak/{req.pk}/").status_code == 200
    assert req.pk in client.session[SESSION_REQUESTS]


def test_received_page_without_a_filing_goes_to_the_form():
    response = visitor().get("/permohonan/terkirim/")
    assert response.status_code == 302 and response["Location"] == FORM


def test_invalid_input_keeps_every_value_and_explains_in_indonesian():
    client = visitor()
    typed = payload(id_number="637101410190000", purpose="", consent=None,
                    phone="12345", details="Daftar <b>kontrak</b> pengadaan 2025",
                    on_behalf_of="Yayasan Pena Borneo")
    typed["identity_file"] = pdf("ktp-siti.pdf")
    response = client.post(FORM, typed)
    assert response.status_code == 200
    assert Request.objects.count() == 0
    body = text(response)
    for name in ("name", "address", "occupation", "email", "details", "on_behalf_of",
                 "id_number", "phone"):
        assert escape(typed[name]) in body, name
    assert re.search(r'value="soft_copy"[^>]*checked', body)
    assert re.search(r'value="email"[^>]*checked', body)
    assert re.search(r'value="person"[^>]*checked', body)
    with translation.override("id"):
        required = gettext("This field is required.")
    with translation.override("en"):
        assert required != gettext("This field is required.")  # Django's own translation
    assert required in body
    # An error summary that links to the fields in error.
    assert 'id="error-summary"' in body
    for anchor in ("#id_id_number", "#id_purpose", "#id_phone", "#id_consent",
                   "#id_proxy_letter"):
        assert f'href="{anchor}"' in body, anchor
    # The chosen file must be chosen again, and the page says so by name.
    assert "ktp-siti.pdf" in body
    assert '<html lang="id"' in body


def test_invalid_input_in_english():
    response = visitor("en").post(FORM, payload(id_number="12", phone="", email=""))
    body = text(response)
    assert "A NIK has exactly 16 digits." in body
    assert "Give a phone number or an e-mail address" in body
    assert "Please correct the following" in body


def test_delivery_is_required_unless_only_viewing():
    client = visitor("en")
    response = client.post(FORM, payload(delivery_method=""))
    assert "Choose how the copy should reach you." in text(response)
    assert Request.objects.count() == 0
    req = file_through_form(client, obtain_method="view", delivery_method="post")
    assert req.obtain_method == "view" and req.delivery_method == ""


@pytest.mark.parametrize("phone, ok", [
    ("0812-3456-7890", True), ("+62 812 3456 7890", True), ("(0511) 477 2211", True),
    ("6281234567890", True), ("12345678", False), ("0812", False), ("08123456789012345", False),
    ("0812 3456 78ab", False), ("+1 202 555 0100", False),
])
def test_phone_formats(phone, ok):
    from django import forms

    from ppid.requests.forms_public import clean_phone

    if ok:
        assert clean_phone(phone).lstrip("+").isdigit()
    else:
        with pytest.raises(forms.ValidationError):
            clean_phone(phone)


def test_organisation_takes_a_registration_number_and_on_behalf_needs_the_letter():
    client = visitor("en")
    response = client.post(FORM, payload(requester_kind="organisation",
                                         id_number="AHU-0012345.AH.01.07.2019",
                                         on_behalf_of="Perkumpulan Warga"))
    body = text(response)
    assert "Attach the letter of authorisation" in body
    assert "NIK" not in _errors(response)
    req = file_through_form(client, requester_kind="organisation",
                            id_number="AHU-0012345.AH.01.07.2019",
                            on_behalf_of="Perkumpulan Warga",
                            proxy_letter=pdf("kuasa.pdf"))
    assert req.id_number == "AHU-0012345.AH.01.07.2019"
    assert req.proxy_letter.name.startswith("secure/")


def test_uploads_must_be_pdf_jpeg_or_png_of_at_most_5_mb():
    client = visitor("en")
    fake = SimpleUploadedFile("ktp.pdf", b"MZ\x90\x00 not a pdf at all" * 10,
                              content_type="application/pdf")
    response = client.post(FORM, payload(identity_file=fake))
    assert "is not a PDF, JPEG or PNG file" in text(response)
    big = SimpleUploadedFile("besar.pdf", pdf_bytes() + b"0" * (5 * 1024 * 1024),
                             content_type="application/pdf")
    response = client.post(FORM, payload(identity_file=big))
    assert "is larger than 5 MB" in text(response)
    assert Request.objects.count() == 0


def test_service_errors_are_shown_on_the_form(monkeypatch):
    from ppid.core.errors import InvalidInput

    def refuse(*args, **kwargs):
        raise InvalidInput("The request is not complete.",
                           field_errors={"details": ["Too vague."]})

    monkeypatch.setattr(services, "file_request", refuse)
    response = visitor("en").post(FORM, payload())
    assert response.status_code == 200
    assert "Too vague." in text(response)


# --------------------------------------------------------------------------------------------
# The spam guard.
# --------------------------------------------------------------------------------------------


def _refused(response, *words) -> None:
    assert response.status_code == 200
    body = text(response)
    assert "Your form was not sent" in body
    for word in words:
        assert escape(word) in body
    assert Request.objects.count() == 0


def test_honeypot_refuses_and_keeps_the_data():
    response = visitor("en").post(FORM, payload(**{spam.HONEYPOT_FIELD: "http://spam.example"}))
    _refused(response, "Siti Rahmawati", "Jl. Ahmad Yani Km 5, Banjarmasin")


def test_too_fast_and_too_old_and_missing_stamps_are_refused():
    client = visitor("en")
    response = client.post(FORM, payload(**{spam.STAMP_FIELD: spam.issue_stamp()}))
    _refused(response, "Siti Rahmawati", "looked automatic")
    old = spam.issue_stamp(now=time.time() - 2 * 24 * 3600)
    _refused(client.post(FORM, payload(**{spam.STAMP_FIELD: old})), "open for more than a day")
    _refused(client.post(FORM, payload(**{spam.STAMP_FIELD: "forged"})), "Siti Rahmawati")
    data = payload()
    del data[spam.STAMP_FIELD]
    _refused(client.post(FORM, data), "Siti Rahmawati")
    # The page comes back with a fresh stamp, so the person can simply send it again.
    assert f'name="{spam.STAMP_FIELD}"' in text(response)


def test_stamp_rules():
    now = time.time()
    assert spam.stamp_problem(spam.issue_stamp(now=now - 3), now) is None
    assert spam.stamp_problem(spam.issue_stamp(now=now - 2), now) == "too_fast"
    assert spam.stamp_problem(spam.issue_stamp(now=now - 86401), now) == "expired"
    assert spam.stamp_problem(spam.issue_stamp(now=now) + "x", now) == "missing"


def test_rate_limit_per_address_keeps_the_data():
    http = HttpRequestFactory().post(FORM, REMOTE_ADDR="127.0.0.1")
    for _ in range(spam.FILING_LIMIT - 1):
        spam.count_filing(http)
    client = visitor("en")
    file_through_form(client)  # the fifth filing of the hour goes through
    response = client.post(FORM, payload(name="Budi Santoso"))
    assert response.status_code == 200
    assert "Too many requests were sent from your connection" in text(response)
    assert "Budi Santoso" in text(response)
    assert Request.objects.count() == 1
    # Another address is not affected.
    other = visitor("en")
    response = other.post(FORM, payload(), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302


# --------------------------------------------------------------------------------------------
# Tracking.
# --------------------------------------------------------------------------------------------


GENERIC = "This number and tracking code do not match a request or an objection."


def test_tracking_with_number_and_code_opens_the_status_page():
    req = RequestFactory()
    client = visitor("en")
    assert client.get(f"/permohonan/lacak/{req.pk}/").status_code == 404
    page = client.get(TRACK, {"nomor": req.number})
    assert f'value="{escape(req.number)}"' in text(page)
    code = services.format_code(req.tracking_code).lower()  # case and dash do not matter
    response = client.post(TRACK, {"number": req.number, "code": code})
    assert response.status_code == 302
    assert response["Location"] == f"/permohonan/lacak/{req.pk}/"
    status = client.get(response["Location"])
    assert status.status_code == 200
    assert escape(req.number) in text(status)
    # The tracking page lists what this browser follows.
    assert f'href="/permohonan/lacak/{req.pk}/"' in text(client.get(TRACK))


def test_wrong_pair_gets_one_generic_error():
    req = RequestFactory()
    client = visitor("en")
    wrong_code = client.post(TRACK, {"number": req.number, "code": "ABCDE-FGHJK"})
    no_number = client.post(TRACK, {"number": "999/PPID/I/2026", "code": req.tracking_code})
    for response in (wrong_code, no_number):
        assert response.status_code == 200
        assert GENERIC in text(response)
        assert f"/permohonan/lacak/{req.pk}/" not in text(response)
    assert _summary(wrong_code) == _summary(no_number)
    assert client.get(f"/permohonan/lacak/{req.pk}/").status_code == 404


def test_tracking_is_rate_limited_per_address():
    req = RequestFactory()
    client = visitor("en")
    for _ in range(spam.TRACKING_LIMIT):
        assert GENERIC in text(client.post(TRACK, {"number": req.number, "code": "XXXXXXXXXX"}))
    # Now even the right pair is refused for a while.
    blocked = client.post(TRACK, {"number": req.number, "code": req.tracking_code})
    assert blocked.status_code == 200
    assert "Too many tries" in text(blocked)
    assert client.get(f"/permohonan/lacak/{req.pk}/").status_code == 404
    other = visitor("en")
    ok = other.post(TRACK, {"number": req.number, "code": req.tracking_code},
                    REMOTE_ADDR="10.9.9.9")
    assert ok.status_code == 302


def test_status_page_is_gated_by_the_session():
    req = RequestFactory()
    other = RequestFactory()
    client = visitor()
    client.post(TRACK, {"number": req.number, "code": req.tracking_code})
    assert client.get(f"/permohonan/lacak/{req.pk}/").status_code == 200
    for url in (f"/permohonan/lacak/{other.pk}/", f"/permohonan/lacak/{other.pk}/keberatan/",
                f"/permohonan/lacak/{other.pk}/tanda-terima.pdf",
                f"/permohonan/lacak/{other.pk}/pemberitahuan.pdf",
                "/permohonan/lacak/999999/"):
        assert client.get(url).status_code == 404, url


def test_status_page_shows_name_only_of_the_personal_data():
    client = visitor("en")
    req = file_through_form(client)
    body = text(client.get(f"/permohonan/lacak/{req.pk}/"))
    assert "Siti Rahmawati" in body
    for secret in (req.id_number, req.address, req.phone, req.email, req.occupation):
        assert escape(secret) not in body, secret


def test_timeline_shows_every_status_change(people, units, make_item):
    client = visitor("en")
    req = file_through_form(client)
    page = text(client.get(f"/permohonan/lacak/{req.pk}/"))
    assert "Received and registered" in page
    assert "working days left" in page
    services.forward(people["ppid"], req, units["a"], "Mohon disiapkan.")
    services.extend(people["ppid"], req, 5, "Dokumen perlu diambil dari arsip inaktif.")
    version = make_version(people, make_item)
    grant_in_full(people, req, [version], fee=15000, payment_method="Transfer bank BPD")
    req.refresh_from_db()
    page = text(client.get(f"/permohonan/lacak/{req.pk}/"))
    for label in ("Received and registered", "Forwarded to the unit holding the information",
                  "Deadline extended", "Written notice issued",
                  "Dokumen perlu diambil dari arsip inaktif.", "Granted in full",
                  "Answered within the deadline", "Transfer bank BPD", "15,000",
                  "Dokumen terlampir.", "extended once, by 5 working days"):
        assert escape(label) in page, label
    assert "Mohon disiapkan." not in page  # the note to the unit is for staff only
    assert page.index("Received and registered") < page.index("Deadline extended")
    assert f"/permohonan/lacak/{req.pk}/pemberitahuan.pdf" in page
    assert f"/permohonan/lacak/{req.pk}/berkas/{version.public_id}/" in page


def test_overdue_request_shows_the_lapse_and_allows_an_objection():
    req = RequestFactory(received_at=datetime(2026, 1, 5, 9, 0, tzinfo=WIB))
    client = visitor("en")
    client.post(TRACK, {"number": req.number, "code": req.tracking_code})
    page = text(client.get(f"/permohonan/lacak/{req.pk}/"))
    assert "Overdue by" in page or "The deadline passed" in page
    if objections.filing_deadline(objections.default_cause(req)) >= datetime.now(WIB).date():
        assert f"/permohonan/lacak/{req.pk}/keberatan/" in page


# --------------------------------------------------------------------------------------------
# Documents given.
# --------------------------------------------------------------------------------------------


def test_given_file_downloads_and_restricted_versions_are_never_served(people, make_item):
    client = visitor()
    req = file_through_form(client)
    given = make_version(people, make_item, "lra.pdf", "Realisasi")
    other = make_version(people, make_item, "lain.pdf", "Lain")
    grant_in_full(people, req, [given])
    url = f"/permohonan/lacak/{req.pk}/berkas/{given.public_id}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("Realisasi")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    # A version not given to this request, and the given file from another session: 404.
    assert client.get(f"/permohonan/lacak/{req.pk}/berkas/{other.public_id}/"
                      ).status_code == 404
    assert visitor().get(url).status_code == 404
    # Once the version is withheld (or its item exempt), it is never served, even if linked.
    DocumentVersion.objects.filter(pk=given.pk).update(withheld=True)
    assert client.get(url).status_code == 404
    assert url not in text(client.get(f"/permohonan/lacak/{req.pk}/"))
    DocumentVersion.objects.filter(pk=given.pk).update(withheld=False)
    item = given.document.item
    item.category = "exempt"
    item.exemption_ground = "17h"
    item.save()
    assert client.get(url).status_code == 404


# --------------------------------------------------------------------------------------------
# Objections.
# --------------------------------------------------------------------------------------------


def test_objection_form_waits_for_the_answer_or_the_lapse():
    client = visitor("en")
    req = file_through_form(client)
    page = text(client.get(f"/permohonan/lacak/{req.pk}/"))
    assert f"/permohonan/lacak/{req.pk}/keberatan/" not in page
    form = client.get(f"/permohonan/lacak/{req.pk}/keberatan/")
    assert form.status_code == 200
    assert "once the request has been answered" in text(form)
    assert 'name="grounds"' not in text(form)


def test_objection_filed_through_the_page(people, make_item):
    client = visitor("en")
    req = file_through_form(client)
    grant_in_full(people, req, [make_version(people, make_item)])
    status = text(client.get(f"/permohonan/lacak/{req.pk}/"))
    assert "File an objection" in status and "You may object until" in status
    url = f"/permohonan/lacak/{req.pk}/keberatan/"
    page = client.get(url)
    assert page.status_code == 200
    assert text(page).count('name="grounds"') == 7
    # Errors keep the input.
    response = client.post(url, {"grounds": ["d", "f"], "case_position": "Terlalu mahal",
                                 "proxy_name": "Andi Kuasa"})
    assert response.status_code == 200
    body = text(response)
    assert "needs the power of attorney" in body
    assert "Terlalu mahal" in body and "Andi Kuasa" in body
    assert re.search(r'value="d"[^>]*checked', body) and re.search(r'value="f"[^>]*checked',
                                                                   body)
    assert Objection.objects.count() == 0
    response = client.post(url, {
        "grounds": ["d", "f"],
        "case_position": "Biaya salinan Rp 15.000 per halaman tidak wajar.",
        "proxy_name": "Andi Kuasa", "proxy_address": "Jl. Veteran 3", "proxy_phone": "0511 3355",
        "power_of_attorney": pdf("surat-kuasa.pdf")})
    assert response.status_code == 302, _errors(response)
    objection = Objection.objects.get()
    assert response["Location"] == f"/permohonan/lacak/{req.pk}/#keberatan-{objection.pk}"
    assert objection.grounds == ["d", "f"] and objection.channel == "portal"
    assert objection.power_of_attorney.name.startswith("secure/")
    page = text(client.get(response["Location"]))
    assert escape(objection.number) in page
    assert services.format_code(objection.tracking_code) in page
    assert "Your objection has been received" in page
    assert "Jl. Veteran 3" not in page and "0511" not in page  # the proxy's data stays inside
    # No second objection while this one is open.
    assert "File an objection" not in page
    assert 'name="grounds"' not in text(client.get(url))


def test_objection_number_and_code_track_the_request(people, make_item):
    req = RequestFactory()
    grant_in_full(people, req, [make_version(people, make_item)])
    objection = objections.file_objection(req, {"grounds": ["e"],
                                                "case_position": "Dokumen tidak lengkap."})
    client = visitor("en")
    wrong = client.post(TRACK, {"number": objection.number, "code": req.tracking_code})
    assert GENERIC in text(wrong)
    response = client.post(TRACK, {"number": objection.number,
                                   "code": objection.tracking_code})
    assert response.status_code == 302
    assert response["Location"] == f"/permohonan/lacak/{req.pk}/#keberatan-{objection.pk}"
    page = text(client.get(f"/permohonan/lacak/{req.pk}/"))
    assert escape(objection.number) in page
    assert "Objection received" in page
    assert "e. the request was not fulfilled" in page
    assert "Answer due by" in page


def test_answered_objection_shows_the_answer(people, make_item):
    req = RequestFactory()
    grant_in_full(people, req, [make_version(people, make_item)])
    objection = objections.file_objection(req, {"grounds": ["f"],
                                                "case_position": "Biaya tidak wajar sama sekali."})
    objections.answer(people["superior"], objection, outcome="upheld",
                      reasons="Biaya sesuai standar biaya layanan yang ditetapkan.")
    client = visitor("en")
    client.post(TRACK, {"number": req.number, "code": req.tracking_code})
    page = text(client.get(f"/permohonan/lacak/{req.pk}/"))
    assert "Biaya sesuai standar biaya layanan yang ditetapkan." in page
    assert f"/permohonan/lacak/keberatan/{objection.pk}/tanggapan.pdf" in page
    assert "Komisi Informasi" in page
    assert Objection.objects.get().status == ObjectionStatus.ANSWERED


# --------------------------------------------------------------------------------------------
# PDFs (written by ppid.requests.documents).
# --------------------------------------------------------------------------------------------


def test_pdf_views_are_gated_and_notice_waits_for_the_decision(people, make_item):
    req = RequestFactory()
    client = visitor()
    assert client.get(f"/permohonan/lacak/{req.pk}/tanda-terima.pdf").status_code == 404
    client.post(TRACK, {"number": req.number, "code": req.tracking_code})
    assert client.get(f"/permohonan/lacak/{req.pk}/pemberitahuan.pdf").status_code == 404
    grant_in_full(people, req, [make_version(people, make_item)])
    objection = objections.file_objection(req, {"grounds": ["f"],
                                                "case_position": "Biaya tidak wajar sama sekali."})
    assert client.get(f"/permohonan/lacak/keberatan/{objection.pk}/tanggapan.pdf"
                      ).status_code == 404  # not answered yet
    assert visitor().get(f"/permohonan/lacak/keberatan/{objection.pk}/tanggapan.pdf"
                         ).status_code == 404


@has_documents
def test_receipt_notice_and_answer_pdfs(people, make_item):
    req = RequestFactory()
    client = visitor()
    client.post(TRACK, {"number": req.number, "code": req.tracking_code})
    receipt = client.get(f"/permohonan/lacak/{req.pk}/tanda-terima.pdf")
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")
    assert receipt["Content-Type"] == "application/pdf"
    assert receipt["Content-Disposition"].startswith("attachment")
    assert receipt["Cache-Control"] == "private, no-store"
    grant_in_full(people, req, [make_version(people, make_item)])
    notice = client.get(f"/permohonan/lacak/{req.pk}/pemberitahuan.pdf")
    assert notice.status_code == 200 and notice.content.startswith(b"%PDF")
    objection = objections.file_objection(req, {"grounds": ["f"],
                                                "case_position": "Biaya tidak wajar sama sekali."})
    objections.answer(people["superior"], objection, outcome="upheld",
                      reasons="Biaya sesuai standar biaya layanan yang ditetapkan.")
    answer = client.get(f"/permohonan/lacak/keberatan/{objection.pk}/tanggapan.pdf")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")


# --------------------------------------------------------------------------------------------
# Statistics.
# --------------------------------------------------------------------------------------------


def _figure(body: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">([^<]*)<', body)
    assert found, name
    return found.group(1).strip()


def test_statistics_page_numbers(people, make_item):
    march = datetime(2025, 3, 3, 9, 0, tzinfo=WIB)  # a Monday
    first = RequestFactory(received_at=march)
    RequestFactory(received_at=march)
    RequestFactory(received_at=datetime(2025, 7, 1, 9, 0, tzinfo=WIB))
    RequestFactory(received_at=datetime(2026, 2, 2, 9, 0, tzinfo=WIB))
    version = make_version(people, make_item)
    services.decide(people["ppid"], first, services.Decision(
        holding="held", outcome=Outcome.GRANTED, versions=[version],
        information_form="soft_copy"), now=datetime(2025, 3, 6, 10, 0, tzinfo=WIB))
    client = visitor("en")
    response = client.get("/statistik-layanan/", {"year": 2025})
    assert response.status_code == 200
    body = text(response)
    assert _figure(body, "requests") == "3"
    assert _figure(body, "decided") == "1"
    assert _figure(body, "median") == "3"  # Mon 3 March counts; notice on Thursday
    assert _figure(body, "on-time") == "100%"
    assert _figure(body, "objections") == "0"
    assert re.search(r"<th scope=\"row\">March</th><td class=\"num\">2</td>", body)
    assert re.search(r"<th scope=\"row\">July</th><td class=\"num\">1</td>", body)
    assert re.search(r"Granted in full</th><td class=\"num\">1</td><td class=\"num\">100%", body)
    assert 'href="?year=2026"' in body and 'href="?year=2025"' in body
    # No personal data and no request details.
    for secret in ("Siti Rahmawati", "6371014101900002", "laporan realisasi", first.number):
        assert secret not in body
    other = text(client.get("/statistik-layanan/", {"year": 2026}))
    assert _figure(other, "requests") == "1"
    assert _figure(other, "median") == "—"
    # An unknown or malformed year shows the latest year.
    for year in ("1999", "abc"):
        assert client.get("/statistik-layanan/", {"year": year}).status_code == 200


def test_nav_links_to_the_request_pages():
    body = text(visitor().get("/"))
    for url in (FORM, TRACK, "/statistik-layanan/"):
        assert f'href="{url}"' in body
