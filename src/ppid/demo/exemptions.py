"""Demo exemptions made through the services like real use: harm tests signed as decisions,
one awaiting the PPID, one ending soon, the PPID Pelaksana named on an item."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ppid.core.constants import Role
from ppid.exemptions import services as exemptions
from ppid.exemptions.constants import HarmTestStatus
from ppid.exemptions.models import HarmTest
from ppid.register.constants import Category, ExemptionGround
from ppid.register.models import InformationItem

WORKSHEET = {
    "17h": {
        "legal_analysis": "Pasal 17 huruf h UU 14/2008 mengecualikan informasi yang dapat "
                          "mengungkap rahasia pribadi, antara lain riwayat dan kondisi anggota "
                          "keluarga, kesehatan, serta hasil evaluasi kemampuan seseorang.",
        "consequence": "Bila dibuka, data pribadi ASN (NIK, alamat, riwayat kesehatan) dapat "
                       "disalahgunakan dan merugikan ASN serta keluarganya.",
        "public_interest": "Tidak ada kepentingan publik yang lebih besar: rekapitulasi jumlah "
                           "pegawai tanpa data pribadi tetap tersedia dalam informasi berkala.",
    },
    "17b": {
        "legal_analysis": "Pasal 17 huruf b UU 14/2008 mengecualikan informasi yang dapat "
                          "mengganggu kepentingan perlindungan hak atas kekayaan intelektual dan "
                          "perlindungan dari persaingan usaha tidak sehat.",
        "consequence": "Pembukaan nilai HPS dan penawaran sebelum penetapan pemenang memberi "
                       "keuntungan tidak wajar kepada calon penyedia tertentu.",
        "public_interest": "Kepentingan publik atas pengadaan yang bersih lebih terlindungi bila "
                           "informasi dibuka setelah penetapan pemenang dan masa sanggah.",
    },
}
PARTICIPANTS = ("Andi Pratama (PPID); Yohanes Ringkai (PPID Pelaksana Bidang Statistik); "
                "Kepala Subbagian Umum dan Kepegawaian")


def _generic(item: InformationItem) -> dict:
    ground = str(ExemptionGround(item.exemption_ground).label)
    return {
        "legal_analysis": f"{ground}. Informasi ini memenuhi unsur pengecualian tersebut menurut "
                          "hasil pembahasan bersama unit pemilik informasi.",
        "consequence": "Bila dibuka, informasi ini dapat menimbulkan kerugian sebagaimana "
                       f"dimaksud dalam {ground.split(':')[0]}.",
        "public_interest": "Kepentingan publik tetap terlayani melalui ringkasan yang tidak "
                           "memuat bagian yang dikecualikan.",
    }


def install(users) -> None:
    ppid, superior = users["ppid"], users["atasan"]
    exempt = list(InformationItem.objects.filter(category=Category.EXEMPT).order_by("pk"))
    today = timezone.localdate()
    for number, item in enumerate(exempt):
        test = HarmTest.objects.filter(item=item, status=HarmTestStatus.DRAFT).first()
        if test is None:
            continue
        worksheet = WORKSHEET.get(item.exemption_ground[:3]) or _generic(item)
        until = item.exemption_until
        if number == 2 and until:  # one ends soon: the countdown and the daily notice show it
            until = today + timedelta(days=35)
        exemptions.update_harm_test(ppid, test, {
            "withheld_information": f"Seluruh isi: {item.summary[:300]}",
            "participants": PARTICIPANTS, "exempt_until": until, **worksheet,
        }, documents=item.documents.all())
        exemptions.submit(ppid, test)
        if number == len(exempt) - 1:
            continue  # the last one waits for the PPID's approval
        exemptions.approve(ppid, test, "Sesuai hasil rapat uji konsekuensi.")
        decided_on = max(date(item.year, 12, 1), today - timedelta(days=300 - number * 30))
        exemptions.sign(superior, test, place="Palangka Raya", on=min(decided_on, today))
        unit_ppids = [u for u in users.values()
                      if u.positions.filter(role=Role.UNIT_PPID, unit=item.holder_unit).exists()]
        if unit_ppids:  # the unit's PPID Pelaksana may open its exempt documents too
            exemptions.set_custodians(ppid, item, unit_ppids)
