"""Demo publication: two DIP editions set by decree (so the differences show), a DIK edition, a
serta merta announcement in force and an ended one, channels beyond the website, a berkala item
past its refresh period, and a first maintenance run. Made through the services like real use."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ppid.publication import announcements, channels, editions, maintenance
from ppid.publication.constants import (
    AnnouncementType,
    Channel,
    EditionKind,
    MaintenanceTrigger,
)
from ppid.register import services as register
from ppid.register.constants import Category, Status
from ppid.register.models import InformationItem

FLOOD = {
    "title": "Peringatan dini banjir luapan Sungai Kahayan",
    "type": AnnouncementType.NATURAL_DISASTER,
    "area": "Kota Palangka Raya dan Kabupaten Pulang Pisau (bantaran Sungai Kahayan)",
    "body": "Berdasarkan pemantauan BPBD dan BMKG, debit Sungai Kahayan terus naik. Warga di "
            "bantaran sungai diminta waspada terhadap banjir luapan dalam tiga hari ke depan.",
    "potential_danger": "Banjir luapan setinggi 0,5–1,5 meter di permukiman bantaran sungai; arus "
                        "deras di jalan lingkungan; gangguan listrik dan air bersih.",
    "affected": "Sekitar 4.200 kepala keluarga di Kelurahan Pahandut Seberang, Tanjung Pinang, "
                "Danau Tundai, dan desa-desa bantaran di Pulang Pisau.",
    "evacuation_procedure": "Ikuti arahan petugas BPBD/RT; bawa dokumen penting dan obat-obatan; "
                            "matikan listrik rumah sebelum pergi.",
    "evacuation_place": "Posko GOR Indoor Palangka Raya dan Aula Kantor Camat Pahandut.",
    "avoid_harm": "Jauhi arus sungai, jangan menyeberang genangan berarus, amankan anak-anak, "
                  "simpan air minum dan makanan siap saji.",
    "get_help": "Pusat Pengendalian Operasi BPBD Kalteng 0536-3221000 (24 jam), call center "
                "112, atau posko terdekat.",
    "announcer": "Dinas Komunikasi, Informatika, Persandian dan Statistik bersama BPBD Provinsi "
                 "Kalimantan Tengah.",
    "handling_efforts": "Perahu karet dan tim SAR disiagakan; dapur umum dibuka di posko; "
                        "pemantauan tinggi muka air setiap 3 jam.",
}

HAZE = {
    "title": "Kabut asap: kualitas udara tidak sehat",
    "type": AnnouncementType.NON_NATURAL_DISASTER,
    "area": "Kota Palangka Raya",
    "body": "Indeks Standar Pencemar Udara (ISPU) berada pada kategori tidak sehat.",
    "potential_danger": "Gangguan pernapasan (ISPA), iritasi mata, jarak pandang pendek.",
    "affected": "Seluruh warga, terutama anak-anak, lansia, ibu hamil dan penderita asma.",
    "evacuation_procedure": "Kelompok rentan dapat mengungsi ke rumah singgah ber-AC yang "
                            "disiapkan Dinas Kesehatan.",
    "evacuation_place": "Rumah singgah di Aula Dinas Kesehatan Provinsi.",
    "avoid_harm": "Kurangi kegiatan di luar ruangan, gunakan masker N95, tutup ventilasi.",
    "get_help": "Puskesmas terdekat atau call center Dinas Kesehatan 0536-3230000.",
    "announcer": "Dinas Kesehatan dan Diskominfosantik Provinsi Kalimantan Tengah.",
    "handling_efforts": "Pembagian masker gratis, posko kesehatan, pemadaman titik api.",
}


def install(users: dict) -> None:
    ppid, web = users["ppid"], users["webmaster"]
    _editions(ppid)
    _announcements(web)
    _channels(web)
    _stale_periodic()
    maintenance.execute(maintenance.start_run(web, MaintenanceTrigger.MANUAL))


def _editions(ppid) -> None:
    """Edition 1 in January; then the register moves on; edition 2 now: a diff to show."""
    year = timezone.localdate().year
    first = editions.prepare_draft(ppid, kind=EditionKind.DIP)
    editions.sign(ppid, first, decree_number=f"188.4/001/PPID/{year}",
                  decree_date=date(year, 1, 15), decree_place="Palangka Raya")
    documented = (InformationItem.objects.filter(status=Status.DOCUMENTED)
                  .exclude(category=Category.EXEMPT).order_by("pk").first())
    if documented is not None:
        register.transition(ppid, documented, Status.PUBLISHED)
    changed = register.public_items().order_by("pk").first()
    register.update_item(ppid, changed, {"title": f"{changed.title} (pemutakhiran)"})
    second = editions.prepare_draft(ppid, kind=EditionKind.DIP)
    editions.sign(ppid, second, decree_number=f"188.4/017/PPID/{year}",
                  decree_date=timezone.localdate(), decree_place="Palangka Raya")
    dik = editions.prepare_draft(ppid, kind=EditionKind.DIK)
    editions.sign(ppid, dik, decree_number=f"188.4/018/PPID/{year}",
                  decree_date=timezone.localdate(), decree_place="Palangka Raya")


def _announcements(web) -> None:
    ended = announcements.create(web, HAZE)
    ended = announcements.announce(web, ended)
    announcements.end(web, ended, "ISPU kembali ke kategori sedang setelah hujan.")
    active = announcements.create(web, FLOOD)
    active = announcements.announce(web, active)
    channels.record_channel(web, announcement=active, channel=Channel.SOCIAL_MEDIA,
                            reference="https://instagram.com/diskominfo.kalteng (fiktif)")
    channels.record_channel(web, announcement=active, channel=Channel.NOTICE_BOARD,
                            note="Papan pengumuman lobi kantor")


def _channels(web) -> None:
    for item in register.public_items().filter(category=Category.PERIODIC).order_by("pk")[:3]:
        channels.record_channel(web, item=item, channel=Channel.SOCIAL_MEDIA,
                                reference="https://facebook.com/diskominfo.kalteng (fiktif)")
        channels.record_channel(web, item=item, channel=Channel.NOTICE_BOARD,
                                note="Papan informasi PPID, lantai 1")


def _stale_periodic() -> None:
    """One berkala item was last refreshed eight months ago (demo data only)."""
    item = register.public_items().filter(category=Category.PERIODIC).order_by("-pk").first()
    if item is not None:
        InformationItem.objects.filter(pk=item.pk).update(
            refreshed_at=timezone.now() - timedelta(days=240))
