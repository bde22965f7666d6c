"""The receipt, the written notice (every outcome) and the answer to an objection, read back."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import translation

from ppid.conftest import pdf_bytes
from ppid.register.constants import ExemptionGround
from ppid.requests import documents, messages, objections, personal_data, services
from ppid.requests.constants import (
    DeliveryMethod,
    Holding,
    ObjectionOutcome,
    ObtainMethod,
    Outcome,
)
from ppid.requests.tests.document_factories import (
    exempt_item,
    name_signer,
    pdf_text,
    redacted_version,
)
from ppid.requests.tests.factories import RequestFactory, requester_data

WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def agency_details(agency):
    agency.address = "Jl. Pangeran Antasari No. 1, Banjarbaru"
    agency.phone = "0511-4772001"
    agency.email = "ppid@badan-uji.go.id"
    agency.website = "https://ppid.badan-uji.go.id"
    agency.city = "Banjarbaru"
    agency.save()
    return agency


@pytest.fixture
def signers(people):
    name_signer(people["ppid"], "Rina", "Kartikasari", "Kepala Bagian Umum selaku PPID")
    name_signer(people["superior"], "Ahmad", "Fauzi", "Sekretaris selaku Atasan PPID")
    return people


def test_receipt_after_hours_before_holidays(agency_details, people):
    # Friday 13 February 2026, 17:00 WITA: after hours; 16–17 February are Chinese New Year
    # (cuti bersama and holiday): the request counts from Wednesday 18 February and its
    # notice is due on the 10th working day after: Wednesday 4 March.
    req = RequestFactory(received_at=datetime(2026, 2, 13, 17, 0, tzinfo=WITA),
                         on_behalf_of="")
    assert req.counted_from == date(2026, 2, 18)
    data = documents.receipt_pdf(req)
    text = pdf_text(data)
    assert "Receipt of a request for public information".upper() in text.upper()
    assert req.number in text
    assert services.format_code(req.tracking_code) in text
    assert "nomor=" in text  # the tracking address
    assert "13 February 2026, 17:00 WITA" in text
    assert "Wednesday, 18 February 2026" in text
    assert "Wednesday, 4 March 2026, 16:00 WITA" in text
    assert "Portal form" in text and "written request" in text
    for value in ("Siti Rahmawati", "6371014101900002", "Jl. Ahmad Yani Km 5", "Wartawan",
                  "081234567890", "siti@example.org", "laporan realisasi anggaran",
                  "liputan tentang pengelolaan", "A copy, soft copy"):
        assert value in text, value
    assert "issued electronically" in text
    assert agency_details.name.upper() in text.upper() and "0511-4772001" in text
    assert "Page 1 of 1" in text
    assert documents.receipt_filename(req) == f"tanda-terima-{req.number.replace('/', '-')}.pdf"


def test_notice_granted_in_part_with_redactions_and_extension(agency_details, signers,
                                                             make_item):
    ppid = signers["ppid"]
    item = make_item(title="Kontrak Pengadaan Jembatan 2025")
    version = redacted_version(ppid, item, [
        {"ground": ExemptionGround.H, "reason": "Nomor rekening pribadi penyedia", "page": 1},
        {"ground": ExemptionGround.B, "reason": "Rincian harga satuan rahasia dagang",
         "page": 0},
    ])
    req = RequestFactory(received_at=datetime(2026, 4, 6, 9, 0, tzinfo=WITA))
    assert req.due_at == datetime(2026, 4, 20, 16, 0, tzinfo=WITA)
    services.extend(ppid, req, 3, "Dokumen tersimpan di dua bidang berbeda.",
                    now=datetime(2026, 4, 15, 10, 0, tzinfo=WITA))
    req = services.decide(ppid, req, services.Decision(
        holding=Holding.HELD, outcome=Outcome.PARTLY_GRANTED, items=[item], versions=[version],
        information_form=ObtainMethod.SOFT_COPY, available_on=date(2026, 4, 27),
        fee=1_500_000, payment_method="Transfer ke rekening Bank Kalsel 001-02-03",
        explanation="Bagian lain dokumen diberikan utuh.",
        notice_delivered_by=DeliveryMethod.EMAIL),
        now=datetime(2026, 4, 22, 14, 0, tzinfo=WITA))
    assert req.grounds == ["17b", "17h"]

    text = pdf_text(documents.notice_pdf(req))
    assert "WRITTEN NOTICE" in text.upper() and req.number in text
    assert "Siti Rahmawati" in text and "Jl. Ahmad Yani Km 5" in text
    assert "081234567890 / siti@example.org" in text
    assert "laporan realisasi anggaran" in text and "liputan tentang pengelolaan" in text
    assert "☒Held by this agency" in text.replace(" ", "") or "Held by this agency" in text
    assert "Granted in part" in text
    assert "17(h) Personal secrets" in text
    assert "17(b) Intellectual property and fair competition" in text
    # The blacked-out parts: the redacted document, page by page with ground and reason.
    assert "Kontrak Pengadaan Jembatan 2025" in text and "kontrak-dihitamkan.pdf" in text
    assert "Nomor rekening pribadi penyedia" in text
    assert "Rincian harga satuan rahasia dagang" in text
    assert text.index("Rincian harga satuan") < text.index("Nomor rekening pribadi")  # page 1, 2
    assert "A copy, soft copy" in text and "Monday, 27 April 2026" in text
    assert "Rp 1,500,000" in text and "Bank Kalsel 001-02-03" in text
    assert "Bagian lain dokumen diberikan utuh." in text
    # Deadline: due 20 April, extended by 3 working days to 23 April; notice on 22 April.
    assert "by 3 working days: Dokumen tersimpan di dua bidang berbeda." in text
    assert "23 April 2026, 16:00 WITA" in text
    assert "22 April 2026, 14:00 WITA" in text and "after the deadline" not in text
    assert "6 April 2026, 09:00 WITA" in text
    assert "30 working days" in text and "Pasal 35" in text
    assert "Rina Kartikasari" in text and "Kepala Bagian Umum selaku PPID" in text
    assert "Banjarbaru, 22 April 2026" in text

    with translation.override("id"):  # Indonesian thousands separator
        assert "Rp 1.500.000" in pdf_text(documents.notice_pdf(req))


def test_notice_rejected_names_the_decision_and_its_consequence(agency_details, signers,
                                                                make_item):
    item, decision = exempt_item(
        make_item, ground=ExemptionGround.C, until=date(2030, 12, 31),
        consequence="Membuka denah pengamanan instalasi vital.", number="007/SK-PPID/2026",
        title="Denah Pengamanan Gedung Arsip")
    req = RequestFactory(received_at=datetime(2026, 3, 2, 10, 0, tzinfo=WITA))
    req = services.decide(signers["ppid"], req, services.Decision(
        holding=Holding.HELD, outcome=Outcome.REJECTED, items=[item],
        notice_delivered_by=DeliveryMethod.POST),
        now=datetime(2026, 3, 27, 9, 0, tzinfo=WITA))  # after the deadline (16 March)
    text = pdf_text(documents.notice_pdf(req))
    assert "Rejected" in text
    assert "17(c) National defence and security" in text
    assert "007/SK-PPID/2026" in text and "5 Jan 2026" in text
    assert "31 Dec 2030" in text
    assert "Membuka denah pengamanan instalasi vital." in text
    assert "Denah Pengamanan Gedung Arsip" in text
    assert "Post" in text
    assert "after the deadline" in text
    assert "Fee" not in text  # nothing is provided
    assert decision.number in text


def test_notice_not_held_after_erasure(agency_details, signers):
    req = RequestFactory(received_at=datetime(2026, 3, 2, 10, 0, tzinfo=WITA))
    req = services.decide(signers["ppid"], req, services.Decision(
        holding=Holding.OTHER_BODY, other_body="Dinas Pendidikan Provinsi Kalimantan Selatan",
        explanation="Data sekolah dikelola oleh dinas provinsi."),
        now=datetime(2026, 3, 5, 9, 0, tzinfo=WITA))
    assert req.outcome == Outcome.NOT_HELD
    req = personal_data.erase(req, force=True)
    text = pdf_text(documents.notice_pdf(req))
    assert "Not held by this agency" in text
    assert "Dinas Pendidikan Provinsi Kalimantan Selatan" in text
    assert "Data sekolah dikelola oleh dinas provinsi." in text
    for personal in ("Siti Rahmawati", "Ahmad Yani", "081234567890", "siti@example.org"):
        assert personal not in text
    assert "Requester's name : —" in text
    assert "Fee" not in text and "Rina Kartikasari" in text


def test_answer_to_an_objection_by_a_proxy(agency_details, signers, make_item):
    item, _decision = exempt_item(make_item, ground=ExemptionGround.H)
    req = RequestFactory(received_at=datetime(2026, 3, 2, 10, 0, tzinfo=WITA))
    req = services.decide(signers["ppid"], req, services.Decision(
        holding=Holding.HELD, outcome=Outcome.REJECTED, items=[item]),
        now=datetime(2026, 3, 5, 9, 0, tzinfo=WITA))
    objection = objections.file_objection(req, {
        "grounds": ["a", "e"], "case_position": "Informasi anggaran bukan rahasia pribadi.",
        "proxy_name": "Budi Santoso, S.H.", "proxy_address": "Jl. Veteran 7, Banjarmasin"},
        {"power_of_attorney": SimpleUploadedFile("kuasa.pdf", pdf_bytes())},
        now=datetime(2026, 3, 9, 10, 0, tzinfo=WITA))
    objection = objections.answer(
        signers["superior"], objection, outcome=ObjectionOutcome.UPHELD,
        reasons="Dokumen memuat data pribadi saksi; pengecualian sah.",
        letter_number="045/ATASAN-PPID/IV/2026", now=datetime(2026, 4, 6, 10, 0, tzinfo=WITA))
    text = pdf_text(documents.answer_pdf(objection))
    assert "045/ATASAN-PPID/IV/2026" in text
    assert objection.number in text and req.number in text
    assert "9 March 2026" in text
    assert "Budi Santoso, S.H." in text and "proxy of the requester Siti Rahmawati" in text
    assert "a. the request was rejected on an exemption ground (Pasal 17)" in text
    assert "e. the request was not fulfilled" in text
    assert "Informasi anggaran bukan rahasia pribadi." in text
    assert "PPID's decision upheld (objection rejected)" in text
    assert "Dokumen memuat data pribadi saksi; pengecualian sah." in text
    assert "Komisi Informasi" in text and "14 working days" in text
    # 14 working days after Monday 6 April (3 April Good Friday is before it): 24 April.
    assert objections.dispute_deadline(objection) == date(2026, 4, 24)
    assert "24 April 2026" in text
    assert "Ahmad Fauzi" in text and "Sekretaris selaku Atasan PPID" in text
    assert documents.answer_filename(objection) == "tanggapan-keberatan-045-ATASAN-PPID-IV-2026.pdf"


def test_emails_to_the_requester(agency_details, signers, mailoutbox):
    req = services.file_request(requester_data(), now=datetime(2026, 3, 2, 10, 0, tzinfo=WITA),
                                language="en")
    assert messages.mail_requester(req.pk, "received")
    (mail,) = mailoutbox
    assert mail.to == ["siti@example.org"] and req.number in mail.subject
    body = mail.body
    assert body.startswith("Dear Siti Rahmawati,")
    assert "has been received and registered" in body
    assert "Monday, 16 March 2026 16:00 WITA" in body  # the notice deadline, agency time
    assert f"Tracking code: {services.format_code(req.tracking_code)}" in body
    assert f"nomor={req.number}" in body and "attached as a PDF" in body
    assert "&amp;" not in body and "&#x27;" not in body  # plain text, not HTML-escaped
    assert agency_details.name in body and "0511-4772001" in body
    (attachment,) = mail.attachments
    assert attachment[0] == documents.receipt_filename(req)
    assert attachment[1].startswith(b"%PDF") and attachment[2] == "application/pdf"

    services.extend(signers["ppid"], req, 3, "Dokumen masih dikumpulkan oleh bidang.",
                    now=datetime(2026, 3, 9, 10, 0, tzinfo=WITA))
    assert messages.mail_requester(req.pk, "status")
    body = mailoutbox[-1].body
    assert "The status of your request has changed: Received." in body
    assert "Deadline extended: Dokumen masih dikumpulkan oleh bidang." in body
    assert "extended by 3 working days" in body
    assert "Thursday, 26 March 2026 16:00 WITA" in body  # 16 March + 3 days after Idul Fitri
    assert not mailoutbox[-1].attachments

    services.post_message(signers["ppid"], req, "Catatan internal staf.", public=False)
    assert messages.mail_requester(req.pk, "status")
    assert "Catatan internal staf." not in mailoutbox[-1].body  # staff notes stay inside

    def render(what):
        return render_to_string("requests/email.txt", {
            "req": req, "what": what, "agency": agency_details, "code": "X", "url": "U"})

    req = services.decide(signers["ppid"], req, services.Decision(
        holding=Holding.OTHER_BODY, other_body="Dinas Kesehatan Provinsi"),
        now=datetime(2026, 3, 10, 9, 0, tzinfo=WITA))
    text = render("notice")
    assert "written notice on your request: Not held by this agency." in text
    assert "held by Dinas Kesehatan Provinsi" in text and "objection" in text
    objection = objections.file_objection(
        req, {"grounds": ["d"], "case_position": "Jawaban tidak sesuai permintaan."},
        now=datetime(2026, 3, 11, 9, 0, tzinfo=WITA))
    text = render("objection")
    assert f"registered under number {objection.number}" in text
    assert "by Thursday, 30 April 2026" in text  # 30 working days, Idul Fitri excluded
    objections.answer(signers["superior"], objection, outcome=ObjectionOutcome.ACCEPTED,
                      reasons="Informasi ada pada badan ini.", order="Berikan dalam 5 hari.",
                      now=datetime(2026, 3, 25, 9, 0, tzinfo=WITA))
    text = render("answer")
    assert f"answered your objection {objection.number}: Objection accepted" in text
    assert "Komisi Informasi within 14 working days" in text
