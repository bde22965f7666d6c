"""The request and objection registers: rows, XLSX and PDF with the official columns."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from ppid.conftest import pdf_bytes
from ppid.register.constants import ExemptionGround
from ppid.requests import exports, objections, registers, services
from ppid.requests.constants import (
    Channel,
    DisputeOutcome,
    DisputeStage,
    Holding,
    ObjectionOutcome,
    ObtainMethod,
    Outcome,
)
from ppid.requests.models import Objection, Request
from ppid.requests.tests.document_factories import exempt_item, pdf_text
from ppid.requests.tests.factories import RequestFactory, requester_data

WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def entries(agency, people, make_item):
    """A granted request with an extension, a rejected one with an objection answered and a
    dispute, an unwritten phone request still open."""
    ppid = people["ppid"]
    granted = RequestFactory(received_at=datetime(2026, 2, 2, 9, 0, tzinfo=WITA),
                             name="Andi Wijaya", phone="08111", email="andi@example.org")
    services.extend(ppid, granted, 2, "Menunggu data dari bidang.",
                    now=datetime(2026, 2, 4, 9, 0, tzinfo=WITA))
    services.decide(ppid, granted, services.Decision(
        holding=Holding.HELD, outcome=Outcome.GRANTED, information_form=ObtainMethod.HARD_COPY,
        fee=12500, payment_method="Tunai", explanation="Salinan dicetak di loket."),
        now=datetime(2026, 2, 5, 10, 0, tzinfo=WITA))

    item, _decision = exempt_item(make_item, ground=ExemptionGround.H)
    rejected = RequestFactory(received_at=datetime(2026, 3, 2, 10, 0, tzinfo=WITA),
                              name="Citra Lestari", address="Jl. Merdeka 3, Martapura")
    services.decide(ppid, rejected, services.Decision(
        holding=Holding.HELD, outcome=Outcome.REJECTED, items=[item]),
        now=datetime(2026, 3, 17, 9, 0, tzinfo=WITA))  # one working day late
    rejected.refresh_from_db()
    objection = objections.file_objection(rejected, {
        "grounds": ["a", "g"], "case_position": "Informasi anggaran bukan rahasia pribadi.",
        "proxy_name": "Dewi Kuasa"},
        {"power_of_attorney": SimpleUploadedFile("kuasa.pdf", pdf_bytes())},
        now=datetime(2026, 3, 25, 10, 0, tzinfo=WITA))
    objections.answer(people["superior"], objection, outcome=ObjectionOutcome.UPHELD,
                      reasons="Pengecualian sah berdasarkan uji konsekuensi.",
                      now=datetime(2026, 4, 8, 10, 0, tzinfo=WITA))
    objections.record_dispute(ppid, objection, {
        "filed_on": date(2026, 4, 20), "stage": DisputeStage.DECIDED,
        "register_number": "012/REG-PSI/IV/2026", "decided_on": date(2026, 6, 10),
        "outcome": DisputeOutcome.REJECTED})

    phoned = services.record_request(ppid, {
        **requester_data(name="Eko Prasetyo", email="", delivery_method="pick_up"),
        "channel": Channel.PHONE, "received_at": datetime(2026, 4, 6, 17, 30, tzinfo=WITA)})
    return {"granted": granted, "rejected": rejected, "phoned": phoned,
            "objection": Objection.objects.get(pk=objection.pk)}


def test_request_rows(entries):
    rows = registers.request_rows(Request.objects.all())
    assert [r["no"] for r in rows] == [1, 2, 3]
    granted, rejected, phoned = rows
    assert granted["number"] == entries["granted"].number
    assert granted["received"] == datetime(2026, 2, 2, 9, 0, tzinfo=WITA)
    assert granted["name"] == "Andi Wijaya" and granted["contact"] == "08111\nandi@example.org"
    assert granted["channel"] == "Portal form (written)"
    assert granted["obtain"] == "A copy, soft copy / E-mail"
    assert granted["holding"] == "Held by this agency" and granted["outcome"] == "Granted in full"
    assert granted["notice_on"] == date(2026, 2, 5) and granted["notice_days"] == 3
    assert granted["extension"] == "2 working days: Menunggu data dari bidang."
    assert granted["fee"] == 12500 and granted["status"] == "Written notice issued"
    assert granted["objections"] == "" and granted["grounds"] == ""

    assert rejected["address"] == "Jl. Merdeka 3, Martapura"
    assert rejected["outcome"] == "Rejected" and rejected["grounds"] == "Pasal 17 huruf h"
    assert rejected["notice_days"] == 11 and rejected["late"] is True
    assert rejected["objections"] == entries["objection"].number

    assert phoned["channel"] == "Phone (unwritten)" and phoned["notice_on"] is None
    assert phoned["received"] == datetime(2026, 4, 6, 17, 30, tzinfo=WITA)
    assert phoned["outcome"] == "" and phoned["fee"] is None and phoned["status"] == "Received"


def test_objection_rows(entries):
    (row,) = registers.objection_rows(Objection.objects.all())
    objection = entries["objection"]
    assert row["number"] == objection.number and row["request"] == entries["rejected"].number
    assert row["filed"] == datetime(2026, 3, 25, 10, 0, tzinfo=WITA)
    assert row["objector"] == "Dewi Kuasa (proxy of Citra Lestari)"
    assert [row[f"ground_{g}"] for g in "abcdefg"] == ["✓", "", "", "", "", "", "✓"]
    assert row["due"] == objection.due_at.astimezone(WITA).date()
    assert row["outcome"] == "PPID's decision upheld (objection rejected)"
    assert row["answered"] == date(2026, 4, 8) and row["in_time"] == "Yes"
    assert row["dispute"] == "012/REG-PSI/IV/2026 · Decided · Applicant's claim rejected"


def _sheet_rows(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return book, book.active


def test_request_register_xlsx(entries):
    rows = registers.request_rows(Request.objects.all())
    data = exports.register_xlsx("requests", rows, title="Register of requests",
                                 filters_text="Year 2026")
    book, sheet = _sheet_rows(data)
    assert sheet["A1"].value == "Register of requests"
    assert sheet["A2"].value == "Badan Uji Keterbukaan Informasi"
    assert sheet["A3"].value == "Year 2026"
    headers = [c.value for c in sheet[6]]
    assert headers == [str(c.label) for c in registers.REQUEST_COLUMNS]
    assert headers[:4] == ["No.", "Registration number", "Date received", "Requester's name"]
    assert "Information requested" in headers and "Exemption grounds (Pasal 17)" in headers
    assert sheet[6][0].font.bold and sheet.freeze_panes == "A7"
    first = {h: c.value for h, c in zip(headers, sheet[7], strict=True)}
    assert first["Registration number"] == entries["granted"].number
    assert first["Date received"] == datetime(2026, 2, 2, 9, 0)  # a real date, local time
    assert sheet[7][2].number_format == "dd-mm-yyyy hh:mm"
    assert first["Date of written notice"] == datetime(2026, 2, 5)
    assert first["Working days to notice"] == 3 and first["Fee (Rp)"] == 12500
    assert sheet[7][7].alignment.wrap_text
    second = {h: c.value for h, c in zip(headers, sheet[8], strict=True)}
    assert second["Exemption grounds (Pasal 17)"] == "Pasal 17 huruf h"
    assert second["Objection numbers"] == entries["objection"].number
    assert sheet.max_row == 9
    assert sheet.column_dimensions["H"].width == 40


def test_objection_register_xlsx_has_grouped_grounds(entries):
    rows = registers.objection_rows(Objection.objects.all())
    data = exports.register_xlsx("objections", rows, title="Register of objections")
    _book, sheet = _sheet_rows(data)
    top = [c.value for c in sheet[6]]
    bottom = [c.value for c in sheet[7]]
    assert top[:5] == ["No.", "Objection number", "Date filed", "Request number",
                       "Objector (requester or proxy)"]
    assert top[5] == "Grounds of the objection (Pasal 35(1))"
    assert bottom[5:12] == list("abcdefg")
    assert "Case position" in top and "Answered within time?" in top
    assert sheet.freeze_panes == "A8"
    values = [c.value for c in sheet[8]]
    assert values[1] == entries["objection"].number and values[5] == "✓" and values[11] == "✓"
    assert values[top.index("Date answered")] == datetime(2026, 4, 8)


def test_register_pdfs(entries, people):
    text = ""
    for kind, rows in (("requests", registers.request_rows(Request.objects.all())),
                       ("objections", registers.objection_rows(Objection.objects.all()))):
        data = exports.register_pdf(kind, rows, title=f"Register {kind}",
                                    filters_text="Year 2026", signer=people["ppid"])
        box = PdfReader(io.BytesIO(data)).pages[0].mediabox
        assert float(box.width) > float(box.height)  # landscape
        text += pdf_text(data)
    for header in ("No.", "Registration", "Requester's name", "Purpose", "Decision", "Status",
                   "Objection number", "Case position", "Grounds of the objection"):
        assert header in text, header
    assert entries["granted"].number in text.replace(" ", "") and "Andi Wijaya" in text
    assert entries["objection"].number in text.replace(" ", "")
    assert "Register requests" in text and "Year 2026" in text and "Page 1 of 1" in text
    assert "Information and Documentation Officer (PPID)" in text


def test_register_rows_need_a_bounded_number_of_queries(agency, people,
                                                        django_assert_max_num_queries):
    for day in range(30):
        RequestFactory(received_at=datetime(2026, 1, 5 + day % 20, 9, 0, tzinfo=WITA))
    requests = list(Request.objects.all()[:3])
    for req in requests:
        services.decide(people["ppid"], req, services.Decision(
            holding=Holding.NOT_DOCUMENTED), now=datetime(2026, 2, 2, 9, 0, tzinfo=WITA))
        objections.file_objection(req, {"grounds": ["e"], "case_position": "Tidak dipenuhi."},
                                  now=datetime(2026, 2, 3, 9, 0, tzinfo=WITA))
    with django_assert_max_num_queries(6):
        rows = registers.request_rows(Request.objects.all())
    assert len(rows) == 30 and sum(1 for r in rows if r["objections"]) == 3
    with django_assert_max_num_queries(5):
        assert len(registers.objection_rows(Objection.objects.all())) == 3
