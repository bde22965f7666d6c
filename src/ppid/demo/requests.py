"""Demo requests, objections and a dispute, made through the services like real use and dated in
the recent past, so the countdowns, registers, the annual report and the public statistics all
have something to show. Requesters are fictitious."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from ppid.exemptions import redactions
from ppid.exemptions.services import decisions_by_item
from ppid.register.constants import Category, FileType, Status
from ppid.register.models import DocumentVersion, InformationItem
from ppid.requests import objections, services
from ppid.requests.constants import Holding, ObtainMethod, Outcome
from ppid.worktime.services import work_calendar

PEOPLE = [
    ("Rudi Hartono (fiktif)", "6271031203880001", "Jl. G. Obos XII No. 8, Palangka Raya",
     "Wartawan", "081234500001", "rudi.hartono@example.org"),
    ("Lembaga Kajian Anggaran Kalteng (fiktif)", "AHU-0012345.AH.01.07.2019",
     "Jl. RTA Milono Km 2, Palangka Raya", "Lembaga swadaya masyarakat", "0536 3229911",
     "sekretariat@lkak.example.org"),
    ("Nur Aini (fiktif)", "6271045507950003", "Jl. Rajawali VII No. 21, Palangka Raya",
     "Mahasiswa", "085349900003", "nur.aini@example.org"),
    ("Yosef Dambung (fiktif)", "6203011010800004", "Desa Tumbang Talaken, Gunung Mas",
     "Petani", "082151100004", ""),
    ("Maria Goreti (fiktif)", "6271016104900005", "Jl. Beliang No. 3, Palangka Raya",
     "Guru", "081349900005", "maria.goreti@example.org"),
    ("Ahmad Fauzi (fiktif)", "6271022708850006", "Jl. Tjilik Riwut Km 7, Palangka Raya",
     "Wiraswasta", "081251100006", "ahmad.fauzi@example.org"),
]


def _person(index: int, **extra) -> dict:
    name, nik, address, occupation, phone, email = PEOPLE[index % len(PEOPLE)]
    kind = "organisation" if nik.startswith("AHU") else "person"
    data = {"requester_kind": kind, "name": name, "id_number": nik, "address": address,
            "occupation": occupation, "phone": phone, "email": email,
            "obtain_method": ObtainMethod.SOFT_COPY,
            "delivery_method": "email" if email else "pick_up"}
    data.update(extra)
    return data


def _working_days_ago(calendar, days: int, hour: int = 10) -> datetime:
    if days == 0:
        return timezone.now() - timedelta(minutes=30)
    day = timezone.localdate()
    while days > 0:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            days -= 1
    return datetime.combine(day, time(hour, 0), tzinfo=calendar.tz)


def _public_pdf_items():
    return list(InformationItem.objects.filter(status=Status.PUBLISHED)
                .exclude(category=Category.EXEMPT)
                .filter(documents__versions__content_type=FileType.PDF).distinct()
                .order_by("pk"))


def _redacted_version(ppid, item: InformationItem) -> DocumentVersion | None:
    """A public PDF with one paragraph blacked out (Pasal 17 h), like real partial access."""
    document = item.documents.filter(current_version__content_type=FileType.PDF).first()
    if document is None:
        return None
    version = document.current_version
    redactions.add(ppid, version, page=0, x0=0.1, y0=0.42, x1=0.9, y1=0.5, ground="17h",
                   reason="Nama, alamat dan nomor telepon warga penerima bantuan.")
    run = redactions.request_apply(ppid, version)
    run = redactions.run_apply(run.pk)  # the demo does not wait for the worker
    return run.result


def install(users) -> None:
    ppid, superior = users["ppid"], users["atasan"]
    calendar = work_calendar()
    public = _public_pdf_items()
    exempt = [item for item in InformationItem.objects.filter(category=Category.EXEMPT)
              if item.pk in decisions_by_item([item])]
    units = {u.positions.first().unit.code: u.positions.first().unit
             for u in (users["ppidpelaksana"], users["pelaksanaikp"])}

    def versions_of(item):
        return [d.current_version for d in item.documents.all()
                if d.current_version and not d.current_version.is_restricted]

    def file(index, days_ago, **extra):
        when = _working_days_ago(calendar, days_ago)
        return services.file_request(_person(index, **extra), now=when), when

    # 1. Granted in full and completed.
    req, when = file(0, 60, details="Laporan realisasi anggaran dinas tahun lalu.",
                     purpose="Bahan liputan pengelolaan anggaran daerah.")
    services.forward(ppid, req, units["STAT"], "Mohon disiapkan salinannya.",
                     now=when + timedelta(hours=3))
    item = public[0]
    services.decide(ppid, req, services.Decision(
        holding=Holding.HELD, outcome=Outcome.GRANTED, items=[item], versions=versions_of(item),
        information_form=ObtainMethod.SOFT_COPY, available_on=when.date() + timedelta(days=7),
        explanation="Salinan dikirim melalui surel."), now=when + timedelta(days=6))
    services.complete(ppid, req, "Salinan telah dikirim melalui surel.",
                      now=when + timedelta(days=7))

    # 2. Granted in part with a redacted document; objection upheld; dispute in mediation.
    if len(public) > 1:
        req, when = file(1, 45, details="Daftar penerima bantuan sosial beserta dokumen "
                                        "penyalurannya.", purpose="Pemantauan penyaluran bansos.")
        item = public[1]
        redacted = _redacted_version(ppid, item)
        if redacted is not None:
            services.decide(ppid, req, services.Decision(
                holding=Holding.HELD, outcome=Outcome.PARTLY_GRANTED, items=[item],
                versions=[redacted], information_form=ObtainMethod.SOFT_COPY,
                available_on=when.date() + timedelta(days=9),
                explanation="Data pribadi penerima dihitamkan (Pasal 17 huruf h)."),
                now=when + timedelta(days=9))
            objection = objections.file_objection(req, {
                "grounds": ["d", "e"],
                "case_position": "Pemohon memerlukan nama penerima untuk memverifikasi "
                                 "penyaluran di lapangan."}, now=when + timedelta(days=14))
            objections.answer(superior, objection, outcome="upheld",
                              reasons="Nama dan alamat penerima adalah data pribadi yang "
                                      "dilindungi Pasal 17 huruf h; rekap per desa telah "
                                      "diberikan.", now=when + timedelta(days=28))
            objections.record_dispute(ppid, objection, {
                "filed_on": (when + timedelta(days=35)).date(),
                "commission": "Komisi Informasi Provinsi Kalimantan Tengah",
                "register_number": "012/REG-PSI/X/2026", "stage": "mediation",
                "mediation_dates": [(when + timedelta(days=50)).date()]})

    # 3. Rejected on a signed exemption decision; objection waiting for the superior.
    if exempt:
        req, when = file(2, 30, details="Data kesehatan pegawai yang mengikuti seleksi "
                                        "jabatan.", purpose="Penelitian skripsi.")
        services.decide(ppid, req, services.Decision(
            holding=Holding.HELD, outcome=Outcome.REJECTED, items=[exempt[0]],
            explanation="Informasi dikecualikan berdasarkan keputusan PPID."),
            now=when + timedelta(days=5))
        objections.file_objection(req, {
            "grounds": ["a"], "case_position": "Pemohon hanya memerlukan data agregat tanpa "
                                               "nama pegawai."},
            now=_working_days_ago(calendar, 4))

    # 4. Held by another body (by phone, unwritten).
    when = _working_days_ago(calendar, 25)
    req = services.record_request(ppid, {**_person(3), "channel": "phone", "written": False,
                                         "received_at": when, "obtain_method": "view",
                                         "details": "Jadwal penyaluran pupuk bersubsidi.",
                                         "purpose": "Persiapan musim tanam."})
    services.decide(ppid, req, services.Decision(
        holding=Holding.OTHER_BODY, other_body="Dinas Tanaman Pangan dan Hortikultura "
                                               "Provinsi Kalimantan Tengah",
        explanation="Silakan mengajukan permohonan ke PPID dinas tersebut."),
        now=when + timedelta(days=2))

    # 5. Overdue: nobody answered yet.
    file(0, 12, details="Rekapitulasi aduan masyarakat melalui kanal SP4N-LAPOR.",
         purpose="Kajian pelayanan publik.")

    # 6. Extended and in process at the statistics unit.
    req, when = file(4, 9, details="Data mentah survei kepuasan layanan publik 2025.",
                     purpose="Analisis untuk tesis.")
    services.forward(ppid, req, units["STAT"], "Data mentah perlu dibersihkan dulu.",
                     now=when + timedelta(hours=2))
    services.extend(ppid, req, 5, "Data tersebar di beberapa berkas dan perlu dianonimkan.",
                    now=when + timedelta(days=1))

    # 7. Forwarded to IKP, two working days left.
    req, when = file(5, 8, details="Dokumentasi kegiatan sosialisasi keterbukaan informasi "
                                   "tahun ini.", purpose="Bahan buletin komunitas.")
    services.forward(ppid, req, units["IKP"], "Mohon dilengkapi foto dan notulen.",
                     now=when + timedelta(hours=2))

    # 8. Just arrived.
    file(2, 0, details="Rencana kerja dinas tahun depan.", purpose="Informasi umum.")
