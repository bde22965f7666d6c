"""Demo records past their retention period: one awaiting a proposal, one proposed, one disposed
of (with its berita acara), all made through the services like real use."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.core.models import Unit
from ppid.demo import files
from ppid.records import services as records
from ppid.register import services
from ppid.register.constants import Status

OLD_ITEMS = [
    {
        "title": "Notulen Rapat Koordinasi Layanan Informasi Publik Tahun 2016",
        "summary": "Notulen rapat koordinasi PPID Pelaksana tentang pembagian tugas layanan "
                   "informasi, jadwal piket meja layanan dan rekap permohonan triwulan I.",
        "category": "on_request", "year": 2016, "made_on": date(2016, 3, 10), "unit": "IKP",
        "retention_years": 5, "proposal": "Masa retensi 5 tahun menurut JRA telah berakhir dan "
                                          "notulen tidak lagi digunakan.",
    },
    {
        "title": "Daftar Hadir Sosialisasi Keterbukaan Informasi Publik Tahun 2017",
        "summary": "Daftar hadir peserta sosialisasi UU 14/2008 bagi perangkat daerah.",
        "category": "on_request", "year": 2017, "made_on": date(2017, 8, 22), "unit": "IKP",
        "retention_years": 2,
    },
    {
        "title": "Rekapitulasi Harian Permohonan Informasi Tahun 2015",
        "summary": "Rekap harian permohonan informasi dari buku register meja layanan.",
        "category": "on_request", "year": 2015, "made_on": date(2015, 12, 31), "unit": "IKP",
        "retention_years": 5, "proposal": "Telah direkap dalam laporan tahunan; masa retensi "
                                          "berakhir.", "approve": "Sesuai jadwal retensi arsip.",
    },
]


def install(users: dict, agency_name: str) -> None:
    ppid, officer = users["ppid"], users["petugas"]
    for spec in OLD_ITEMS:
        data = {k: spec[k] for k in ("title", "summary", "category", "year", "made_on",
                                     "retention_years")}
        data.update(holder_unit=Unit.objects.get(code=spec["unit"]),
                    responsible_official="Kepala Bidang Informasi dan Komunikasi Publik",
                    made_at_place="Palangka Raya")
        item = services.create_item(ppid, data)
        payload = files.make_pdf(agency_name, spec["title"], [spec["summary"]],
                                 f"Palangka Raya, {spec['made_on']:%Y-%m-%d}")
        services.add_version(ppid, item, SimpleUploadedFile("arsip-lama.pdf", payload),
                             title=spec["title"], is_public=False)
        services.transition(ppid, item, Status.DOCUMENTED)
        if spec.get("proposal"):
            disposal = records.propose_disposal(officer, item, spec["proposal"])
            if spec.get("approve"):
                records.approve_disposal(ppid, disposal, spec["approve"])
