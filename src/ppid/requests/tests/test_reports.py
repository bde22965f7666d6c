"""The service report against a known data set: every figure of 2026 and of its quarters.

The agency is in WITA (UTC+8), open Monday–Friday 08:00–16:00 (the default hours). 2026
holidays that matter here: 16–17 February (Chinese New Year, with cuti bersama), 18–24 March
(Nyepi and Idul Fitri with cuti bersama), 3 April (Good Friday), 17 August.

| req | received (WITA)  | channel   | what happens                             | days | in time |
|-----|------------------|-----------|------------------------------------------|------|---------|
| R0  | 31 Dec 2025 23:30| portal    | 2025: outside the report                 |      |         |
| R1  | Mon 2 Feb 09:00  | portal    | granted Thu 5 Feb                        | 3    | yes     |
| R2  | Tue 10 Feb 17:30 | letter    | after hours: counts from Wed 11 Feb;     | 10   | yes     |
|     |                  |           | held elsewhere, Fri 27 Feb (16–17 shut)  |      |         |
| R3  | Mon 2 Mar 10:00  | phone     | unwritten; due 16 Mar, extended 5 days   | 14   | yes     |
|     |                  |           | over Idul Fitri to 30 Mar; rejected (17h)|      |         |
|     |                  |           | Fri 27 Mar                               |      |         |
| R4  | Mon 6 Apr 09:00  | portal    | granted in part (17a2, 17h redacted)     | 11   | no      |
|     |                  |           | Tue 21 Apr, one day late                 |      |         |
| R5  | Wed 6 May 08:30  | e-mail    | withdrawn                                |      |         |
| R6  | Mon 6 Jul 09:00  | in person | written; granted Wed 8 Jul               | 2    | yes     |
| R7  | Mon 3 Aug 09:00  | portal    | rejected (17c) Fri 14 Aug                | 9    | yes     |
| R8  | Mon 16 Nov 09:00 | portal    | pending, due 30 Nov: overdue             |      |         |
| R9  | Mon 28 Dec 09:00 | portal    | pending, due in January 2027             |      |         |

Objections: O1 on R3 (ground a, filed 6 Apr, upheld 20 Apr, then a dispute filed 27 Apr and
decided: rejected); O2 on R4 (grounds e and g, filed 27 Apr, accepted 1 Jul: late); O3 on R8
(ground c, filed 2 Dec, pending). The report is computed on 31 December 2026.
"""

from __future__ import annotations

import io
from dataclasses import asdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from openpyxl import load_workbook

from ppid.register.constants import ExemptionGround
from ppid.requests import exports, objections, reports, services
from ppid.requests.constants import (
    Channel,
    DisputeOutcome,
    DisputeStage,
    Holding,
    ObjectionOutcome,
    ObtainMethod,
    Outcome,
    ReportPeriod,
)
from ppid.requests.tests.document_factories import exempt_item, pdf_text, redacted_version
from ppid.requests.tests.factories import RequestFactory, requester_data

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 12, 31, 12, 0, tzinfo=WITA)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=WITA)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def dataset(agency, people, make_item):
    ppid, superior = people["ppid"], people["superior"]

    def staff(channel, received_at, **extra):
        return services.record_request(ppid, {**requester_data(**extra), "channel": channel,
                                              "received_at": received_at})

    def decide(req, when, **decision):
        return services.decide(ppid, req, services.Decision(**decision), now=when)

    RequestFactory(received_at=at(2025, 12, 31, 23, 30))  # R0: last year
    r1 = RequestFactory(received_at=at(2026, 2, 2, 9, 0))
    decide(r1, at(2026, 2, 5, 10, 0), holding=Holding.HELD, outcome=Outcome.GRANTED,
           information_form=ObtainMethod.SOFT_COPY, explanation="Dikirim melalui e-mail.")
    r2 = staff(Channel.LETTER, at(2026, 2, 10, 17, 30))
    decide(r2, at(2026, 2, 27, 15, 0), holding=Holding.OTHER_BODY,
           other_body="Dinas Pendidikan Provinsi")
    r3 = staff(Channel.PHONE, at(2026, 3, 2, 10, 0), email="", delivery_method="pick_up")
    services.forward(ppid, r3, make_item().holder_unit, "Mohon dicek.")
    services.extend(ppid, r3, 5, "Data tersebar di beberapa bidang.",
                    now=at(2026, 3, 12, 10, 0))
    item_h, _d = exempt_item(make_item, ground=ExemptionGround.H)
    r3 = decide(r3, at(2026, 3, 27, 9, 0), holding=Holding.HELD, outcome=Outcome.REJECTED,
                items=[item_h])
    r4 = RequestFactory(received_at=at(2026, 4, 6, 9, 0))
    open_item = make_item(title="Kontrak Jembatan")
    version = redacted_version(ppid, open_item, [
        {"ground": ExemptionGround.H, "reason": "Data pribadi", "page": 0},
        {"ground": ExemptionGround.A2, "reason": "Identitas pelapor", "page": 1}])
    r4 = decide(r4, at(2026, 4, 21, 10, 0), holding=Holding.HELD,
                outcome=Outcome.PARTLY_GRANTED, items=[open_item], versions=[version],
                information_form=ObtainMethod.SOFT_COPY)
    r5 = staff(Channel.EMAIL, at(2026, 5, 6, 8, 30))
    services.withdraw(ppid, r5, "Pemohon mencabut melalui surat elektronik.")
    r6 = services.record_request(ppid, {**requester_data(), "channel": Channel.IN_PERSON,
                                        "written": True, "received_at": at(2026, 7, 6, 9, 0)})
    decide(r6, at(2026, 7, 8, 11, 0), holding=Holding.HELD, outcome=Outcome.GRANTED,
           information_form=ObtainMethod.HARD_COPY, fee=25000, payment_method="Tunai",
           explanation="Salinan dicetak.")
    r7 = RequestFactory(received_at=at(2026, 8, 3, 9, 0))
    item_c, _d = exempt_item(make_item, ground=ExemptionGround.C, until=date(2030, 12, 31))
    decide(r7, at(2026, 8, 14, 10, 0), holding=Holding.HELD, outcome=Outcome.REJECTED,
           items=[item_c])
    r8 = RequestFactory(received_at=at(2026, 11, 16, 9, 0))
    RequestFactory(received_at=at(2026, 12, 28, 9, 0))  # R9

    o1 = objections.file_objection(r3, {"grounds": ["a"], "case_position": "Bukan rahasia."},
                                   now=at(2026, 4, 6, 10, 0))
    o1 = objections.answer(superior, o1, outcome=ObjectionOutcome.UPHELD,
                           reasons="Pengecualian sah.", now=at(2026, 4, 20, 10, 0))
    objections.record_dispute(ppid, o1, {
        "filed_on": date(2026, 4, 27), "stage": DisputeStage.DECIDED,
        "register_number": "012/REG-PSI/IV/2026", "decided_on": date(2026, 7, 15),
        "outcome": DisputeOutcome.REJECTED})
    o2 = objections.file_objection(r4, {"grounds": ["g", "e"],
                                        "case_position": "Terlambat dan tidak lengkap."},
                                   now=at(2026, 4, 27, 10, 0))
    objections.answer(superior, o2, outcome=ObjectionOutcome.ACCEPTED,
                      reasons="Bagian yang dihitamkan terlalu luas.",
                      order="Berikan salinan dengan penghitaman terbatas.",
                      now=at(2026, 7, 1, 10, 0))
    objections.file_objection(r8, {"grounds": ["c"], "case_position": "Belum ada jawaban."},
                              now=at(2026, 12, 2, 10, 0))
    reports.save_report_text(ppid, 2026, ReportPeriod.YEAR, {
        "policy": "SK Kepala Badan tentang PPID Nomor 12 Tahun 2026.",
        "resources": "Satu meja layanan, tiga petugas, anggaran Rp 50 juta.",
        "obstacles": "Arsip bidang belum seluruhnya digital.",
        "follow_up": "Digitalisasi arsip pada tahun 2027."})
    return {"r3": r3, "r4": r4}


def test_the_deadlines_of_the_data_set(dataset):
    r3, r4 = dataset["r3"], dataset["r4"]
    assert r3.due_at == at(2026, 3, 30, 16, 0)  # 16 March + 5 working days over Idul Fitri
    assert r4.due_at == at(2026, 4, 20, 16, 0)


YEAR = {
    "year": 2026, "period": "year", "start": date(2026, 1, 1), "end": date(2026, 12, 31),
    "requests": 9,
    "by_channel": {"portal": 5, "in_person": 1, "letter": 1, "phone": 1, "email": 1},
    "unwritten": 1,
    "by_month": [(1, 0), (2, 2), (3, 1), (4, 1), (5, 1), (6, 0), (7, 1), (8, 1), (9, 0),
                 (10, 0), (11, 1), (12, 1)],
    "decided": 6, "granted": 2, "partly_granted": 1, "rejected": 2, "not_held": 1,
    "withdrawn": 1, "pending": 2,
    "rejected_by_ground": {"17c": 1, "17h": 1},
    "partly_by_ground": {"17a2": 1, "17h": 1},
    "extended": 1, "on_time": 5, "late": 1, "overdue_pending": 1,
    "fulfil_days": [2, 3, 9, 10, 11, 14],
    "fulfil_distribution": [("0–3", 2), ("4–7", 0), ("8–10", 2), ("11–17", 2), ("> 17", 0)],
    "objections": 3,
    "objections_by_ground": {"a": 1, "b": 0, "c": 1, "d": 0, "e": 1, "f": 0, "g": 1},
    "objections_by_outcome": {"accepted": 1, "partly": 0, "upheld": 1},
    "objections_pending": 1, "objections_answered_late": 1,
    "disputes": 1,
    "disputes_by_stage": {"filed": 0, "mediation": 0, "adjudication": 0, "decided": 1,
                          "executed": 0, "appeal": 0, "closed": 0},
    "disputes_by_outcome": {"granted": 0, "partly": 0, "rejected": 1, "settled": 0,
                            "dismissed": 0},
}


def test_every_figure_of_the_year(dataset):
    figures = reports.figures(2026, now=NOW)
    assert asdict(figures) == YEAR
    assert figures.median_days == 9.5
    assert figures.mean_days == 8.2  # 49 / 6
    assert figures.on_time_share == 83.3  # 5 of 6


def test_every_figure_of_the_second_quarter(dataset):
    figures = reports.figures(2026, ReportPeriod.Q2, now=NOW)
    assert asdict(figures) == {
        "year": 2026, "period": "q2", "start": date(2026, 4, 1), "end": date(2026, 6, 30),
        "requests": 2,
        "by_channel": {"portal": 1, "in_person": 0, "letter": 0, "phone": 0, "email": 1},
        "unwritten": 0, "by_month": [(4, 1), (5, 1), (6, 0)],
        "decided": 1, "granted": 0, "partly_granted": 1, "rejected": 0, "not_held": 0,
        "withdrawn": 1, "pending": 0, "rejected_by_ground": {},
        "partly_by_ground": {"17a2": 1, "17h": 1},
        "extended": 0, "on_time": 0, "late": 1, "overdue_pending": 0, "fulfil_days": [11],
        "fulfil_distribution": [("0–3", 0), ("4–7", 0), ("8–10", 0), ("11–17", 1),
                                ("> 17", 0)],
        "objections": 2,
        "objections_by_ground": {"a": 1, "b": 0, "c": 0, "d": 0, "e": 1, "f": 0, "g": 1},
        "objections_by_outcome": {"accepted": 1, "partly": 0, "upheld": 1},
        "objections_pending": 0, "objections_answered_late": 1,
        "disputes": 1,
        "disputes_by_stage": {**dict.fromkeys(DisputeStage.values, 0), "decided": 1},
        "disputes_by_outcome": {**dict.fromkeys(DisputeOutcome.values, 0), "rejected": 1},
    }
    assert (figures.median_days, figures.mean_days, figures.on_time_share) == (11, 11.0, 0.0)


def test_the_first_quarter_starts_at_new_year_in_the_agency_zone(dataset):
    figures = reports.figures(2026, ReportPeriod.Q1, now=NOW)
    assert figures.requests == 3  # R0 (31 Dec 2025, 23:30 WITA) is last year's
    assert (figures.granted, figures.not_held, figures.rejected) == (1, 1, 1)
    assert figures.fulfil_days == [3, 10, 14] and figures.median_days == 10
    assert figures.extended == 1 and figures.on_time_share == 100.0
    assert figures.rejected_by_ground == {"17h": 1} and figures.objections == 0
    assert reports.figures(2025, now=NOW).requests == 1


def test_report_pdf_and_xlsx_carry_the_figures(dataset):
    figures = reports.figures(2026, now=NOW)
    text = reports.report_text(2026)

    pdf = pdf_text(exports.report_pdf(figures, text))
    assert "Report on public information services for the year 2026" in pdf
    assert "Period: 1 January 2026 – 31 December 2026" in pdf
    for expected in ("Requests received 9", "Portal form 5", "Phone 1",
                     "Unwritten requests recorded 1", "Written notices issued 6",
                     "Granted in full 2", "Granted in part 1", "Rejected 2",
                     "Not held by this agency 1", "Withdrawn by the requester 1",
                     "Still being processed 2", "of which past the deadline 1",
                     "Deadline extended (Pasal 22(8)) 1",
                     "Written notice within the deadline 5",
                     "Written notice after the deadline 1", "Share of notices on time 83.3%",
                     "Median working days to the written notice 9.5",
                     "Mean working days to the written notice 8.2",
                     "17(c) National defence and security 1 0",
                     "17(h) Personal secrets 1 1",
                     "0–3 2 33.3%", "11–17 2 33.3%", "February 2", "December 1",
                     "Objections filed 3", "Still awaiting an answer 1",
                     "Answered after the 30 working days 1",
                     "a. the request was rejected on an exemption ground (Pasal 17) 1",
                     "Disputes filed with the Komisi Informasi 1", "Decided 1",
                     "Applicant's claim rejected 1",
                     "SK Kepala Badan tentang PPID Nomor 12 Tahun 2026.",
                     "Satu meja layanan", "Arsip bidang belum seluruhnya digital.",
                     "Digitalisasi arsip pada tahun 2027."):
        assert expected in pdf, expected
    assert "Siti Rahmawati" not in pdf and "081234567890" not in pdf  # no personal data

    book = load_workbook(io.BytesIO(exports.report_xlsx(figures, text)))
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "Report on public information services for the year 2026"
    values = {str(row[0].value).strip(): row[1].value
              for row in sheet.iter_rows(min_row=6) if row[0].value}
    assert values["Requests received"] == 9 and values["Portal form"] == 5
    assert values["Rejected"] == 2 and values["Granted in part"] == 1
    assert values["Share of notices on time"] == pytest.approx(0.833)
    assert values["Median working days to the written notice"] == 9.5
    assert values["Mean working days to the written notice"] == 8.2
    assert values["Objections filed"] == 3
    assert values["Disputes filed with the Komisi Informasi"] == 1
    assert values["Policy and regulations"] == "SK Kepala Badan tentang PPID Nomor 12 Tahun 2026."
    assert values["Obstacles"] == "Arsip bidang belum seluruhnya digital."
    assert book.sheetnames[1:] == [
        "Rejected and withheld parts by", "Working days to the written not",
        "Requests per month", "Objections by ground (Pasal 35(", "Answers of the PPID superior",
        "Disputes by stage", "Decisions on disputes"]
    distribution = [[c.value for c in row] for row in book.worksheets[2].iter_rows(min_row=3)]
    assert distribution[0][:2] == ["0–3", 2] and distribution[0][2] == pytest.approx(0.333)
    assert [row[1] for row in distribution] == [2, 0, 2, 2, 0]
    months = [[c.value for c in row] for row in book.worksheets[3].iter_rows(min_row=3)]
    assert months[1] == ["February", 2] and len(months) == 12
    grounds = [[c.value for c in row] for row in book.worksheets[1].iter_rows(min_row=3)]
    assert grounds == [["17(a)(2) Reveals the identity of informants, witnesses or victims", 0, 1],
                       ["17(c) National defence and security", 1, 0],
                       ["17(h) Personal secrets", 1, 1]]
    strings = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows()
                       for c in row if c.value)
    assert "Siti Rahmawati" not in strings and "081234567890" not in strings


def test_quarter_report_title(dataset):
    figures = reports.figures(2026, ReportPeriod.Q2, now=NOW)
    assert exports.report_title(figures) == (
        "Report on public information services, second quarter of 2026")
    assert exports.report_filename(figures, "pdf") == "laporan-layanan-informasi-2026-q2.pdf"
    book = load_workbook(io.BytesIO(exports.report_xlsx(figures, reports.report_text(2026, "q2"))))
    assert book.worksheets[0]["A3"].value == "Period: 1 April 2026 – 30 June 2026"
