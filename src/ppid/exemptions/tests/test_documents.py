"""The exemption decision PDF (Keputusan PPID tentang penetapan informasi yang dikecualikan)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import translation
from pypdf import PdfReader

from ppid.exemptions import documents
from ppid.exemptions.constants import DecisionKind, HarmTestStatus, Scope, Trigger
from ppid.exemptions.models import ExemptionDecision, HarmTest
from ppid.register.constants import Category, ExemptionGround

pytestmark = pytest.mark.django_db

WITHHELD = ("Nama, alamat dan Nomor Induk Kependudukan para saksi pada halaman 3–4 "
            "beserta tanda tangan mereka")
LONG_WORD = "https://contoh.go.id/" + "sangatpanjang" * 12  # no break opportunity at all


def _pages(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF")
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def exempt_decision(agency, make_item, people):
    agency.address = "Jl. Pangeran Antasari No. 1, Banjarbaru"
    agency.phone = "(0511) 123456"
    agency.email = "ppid@contoh.go.id"
    agency.city = "Banjarbaru"
    agency.save()
    item = make_item(title="Berita Acara Pemeriksaan Saksi Pengaduan 2025",
                     category=Category.EXEMPT, exemption_ground=ExemptionGround.H)
    test = HarmTest.objects.create(
        item=item, scope=Scope.PART, status=HarmTestStatus.SIGNED,
        trigger=Trigger.ON_REQUEST, trigger_reference="REG/0042/PPID/2026",
        withheld_information=WITHHELD, ground=ExemptionGround.H,
        legal_analysis=("Pasal 17 huruf h UU 14/2008 melindungi rahasia pribadi.\n"
                        "Data kependudukan saksi termasuk data pribadi. " + LONG_WORD),
        consequence="Saksi dapat diintimidasi dan identitasnya disalahgunakan.",
        public_interest="Perlindungan saksi lebih besar daripada kepentingan membuka namanya.",
        exempt_until=date(2031, 3, 14), participants="Budi (PPID)\nSiti (Kepala Bidang A)",
        prepared_by=people["unit_ppid"], approved_by=people["ppid"])
    return ExemptionDecision.objects.create(
        item=item, kind=DecisionKind.EXEMPT, harm_test=test, number="001/SK-PPID/2026",
        number_year=2026, number_sequence=1, place="Banjarbaru", decided_on=date(2026, 3, 16),
        scope=Scope.PART, ground=ExemptionGround.H, exempt_until=date(2031, 3, 14),
        signed_by=people["superior"],
        snapshot={
            "item": {"id": item.pk, "title": item.title, "unit": "Bidang A", "year": 2025,
                     "category": Category.EXEMPT},
            "signer": {"name": "Dr. Ahmad Fauzi", "title": "Atasan PPID"},
            "documents": ["BAP Saksi 1.pdf", "BAP Saksi 2.pdf"],
            "harm_test": {
                "id": test.pk, "trigger": test.trigger,
                "trigger_reference": test.trigger_reference,
                "withheld_information": test.withheld_information,
                "legal_analysis": test.legal_analysis, "consequence": test.consequence,
                "public_interest": test.public_interest, "participants": test.participants,
                "prepared_by": {"name": "Rina Wulandari", "title": "PPID Pelaksana"},
                "approved_by": {"name": "Budi Santoso", "title": "PPID"},
            },
        })


@pytest.fixture
def open_decision(agency, make_item):
    item = make_item(title="Kontrak Pengadaan Jaringan 2020", category=Category.ON_REQUEST)
    return ExemptionDecision.objects.create(
        item=item, kind=DecisionKind.OPEN, number="007/SK-PPID/2026", number_year=2026,
        number_sequence=7, place="Banjarbaru", decided_on=date(2026, 5, 4),
        category_after=Category.ON_REQUEST,
        reason="Masa pengecualian berakhir dan alasan pengecualian tidak berlaku lagi.",
        snapshot={
            "item": {"id": item.pk, "title": item.title, "unit": "Bidang B", "year": 2020,
                     "category": Category.EXEMPT},
            "signer": {"name": "Sistem (otomatis, sesuai pengaturan badan publik)", "title": ""},
            "documents": [],
        })


def test_filename_has_no_slashes(exempt_decision):
    assert documents.pdf_filename(exempt_decision) == "SK-001-SK-PPID-2026.pdf"


@pytest.mark.parametrize("language", ["id", "en"])
def test_exemption_decision_pdf(exempt_decision, language):
    with translation.override(language):
        pages = _pages(documents.render_pdf(exempt_decision))
        ground = str(ExemptionGround.H.label)
        trigger = str(Trigger.ON_REQUEST.label)
    assert len(pages) >= 2
    text = " ".join(pages)
    flat = _squash(text)
    assert "001/SK-PPID/2026" in text
    assert "Berita Acara Pemeriksaan Saksi Pengaduan 2025" in text
    assert _squash(ground) in flat
    assert "14 " in text and "2031" in text
    assert _squash(WITHHELD) in flat
    assert "BAP Saksi 2.pdf" in text
    assert "Dr. Ahmad Fauzi" in text
    # The long unbreakable text wraps instead of running off the page.
    assert _squash(LONG_WORD) in flat
    # The worksheet is an attachment page of its own, after the decision.
    worksheet = _squash(" ".join(pages[1:]))
    assert _squash(trigger) in worksheet
    assert "REG/0042/PPID/2026" in worksheet
    assert "RinaWulandari" in worksheet and "BudiSantoso" in worksheet
    assert _squash(WITHHELD) in worksheet
    if language == "en":
        assert "14 March 2031" in text
        assert "DECISION OF THE INFORMATION AND DOCUMENTATION OFFICER (PPID)" in text
        assert "Harm test worksheet".upper() in pages[-1].upper()
        assert "Page 1 of" in pages[0]


def test_open_decision_pdf_without_harm_test(open_decision):
    with translation.override("en"):
        pages = _pages(documents.render_pdf(open_decision))
        category = str(Category.ON_REQUEST.label)
    assert len(pages) == 1
    text = pages[0]
    assert "007/SK-PPID/2026" in text
    assert "Kontrak Pengadaan Jaringan 2020" in text
    assert _squash(category) in _squash(text)
    assert "THE OPENING OF PREVIOUSLY EXEMPT INFORMATION" in text
    assert "Opened automatically" in text
    assert "Set at Banjarbaru" in text and "4 May 2026" in text
    assert "Harm test worksheet" not in text


def test_user_text_is_escaped(exempt_decision):
    snapshot = exempt_decision.snapshot
    snapshot["item"]["title"] = "<b>x</b> & <script>y</script>"
    exempt_decision.snapshot = snapshot
    exempt_decision.save()
    text = " ".join(_pages(documents.render_pdf(exempt_decision)))
    assert "<b>x</b>" in text
    assert "<script>y</script>" in text
