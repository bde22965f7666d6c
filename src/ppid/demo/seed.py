"""The demo agency: units, one user per role, and a realistic register made through the services
(so the audit log and files are exactly what real use would produce)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from ppid.core.constants import Role, TimeZone
from ppid.core.models import Agency, OfficeHours, Position, Unit
from ppid.demo import content, files
from ppid.demo import exemptions as demo_exemptions
from ppid.demo import procedures as demo_procedures
from ppid.demo import publication as demo_publication
from ppid.demo import records as demo_records
from ppid.demo import requests as demo_requests
from ppid.register import services
from ppid.register.constants import Status
from ppid.register.models import InformationItem

AGENCY_NAME = "Dinas Komunikasi, Informatika dan Statistik Provinsi Kalimantan Tengah"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    name: str
    role: str
    unit: str
    title: str


DEMO_USERS = [
    DemoUser("admin", "demo-admin-2026", "Rina Administrator", Role.ADMINISTRATOR, "SEKRETARIAT",
             "Pranata Komputer (Administrator Sistem)"),
    DemoUser("ppid", "demo-ppid-2026", "Andi Pratama", Role.PPID, "SEKRETARIAT",
             "Sekretaris Dinas selaku PPID"),
    DemoUser("atasan", "demo-atasan-2026", "Hj. Siti Rahmah", Role.PPID_SUPERIOR, "SEKRETARIAT",
             "Kepala Dinas selaku Atasan PPID"),
    DemoUser("ppidpelaksana", "demo-pelaksana-2026", "Yohanes Ringkai", Role.UNIT_PPID, "STAT",
             "Kepala Bidang Statistik selaku PPID Pelaksana"),
    DemoUser("petugas", "demo-petugas-2026", "Dewi Lestari", Role.UNIT_OFFICER, "IKP",
             "Pengelola Informasi Publik"),
    DemoUser("webmaster", "demo-web-2026", "Fajar Nugroho", Role.WEB_MANAGER, "APTIKA",
             "Pranata Komputer (Pengelola Situs)"),
    DemoUser("pelaksanaikp", "demo-pelaksana-2026", "Maria Ulfah", Role.UNIT_PPID, "IKP",
             "Kepala Bidang IKP selaku PPID Pelaksana"),
    DemoUser("petugas2", "demo-petugas-2026", "Bambang Sutrisno", Role.UNIT_OFFICER, "IKP",
             "Pranata Humas (pengganti bila petugas berhalangan)"),
]

STATUS_PATH = {
    Status.DRAFT: [],
    Status.DOCUMENTED: [Status.DOCUMENTED],
    Status.PUBLISHED: [Status.DOCUMENTED, Status.PUBLISHED],
    Status.WITHDRAWN: [Status.DOCUMENTED, Status.PUBLISHED, Status.WITHDRAWN],
}


def demo_exists() -> bool:
    return Agency.objects.filter(name=AGENCY_NAME).exists()


def seed(stdout=None, verbose: bool = True) -> None:
    def say(text):
        if stdout is not None and verbose:
            stdout.write(text)

    with transaction.atomic():
        agency = Agency.objects.create(
            name=AGENCY_NAME, short_name="Diskominfosantik Kalteng",
            address="Jl. Tjilik Riwut Km. 5, Palangka Raya, Kalimantan Tengah 73112",
            phone="(0536) 3221234", email="ppid@diskominfo.kalteng.example",
            website="https://diskominfo.kalteng.example", time_zone=TimeZone.WIB,
            profile=("Pejabat Pengelola Informasi dan Dokumentasi (PPID) Dinas Komunikasi, "
                     "Informatika dan Statistik melayani permohonan informasi publik sesuai "
                     "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik."),
            publish_exempt_list=True, city="Palangka Raya",
        )
        for weekday in range(5):
            closes = time(16, 30) if weekday == 4 else time(16, 0)
            OfficeHours.objects.create(agency=agency, weekday=weekday, opens=time(7, 30),
                                       closes=closes)
        units: dict[str, Unit] = {}
        for spec in content.UNITS:
            units[spec["code"]] = Unit.objects.create(
                agency=agency, name=spec["name"], code=spec["code"],
                parent=units.get(spec["parent"]) if spec["parent"] else None,
                has_unit_ppid=spec["has_unit_ppid"],
            )
        User = get_user_model()
        users = {}
        for spec in DEMO_USERS:
            first, _, last = spec.name.partition(" ")
            user = User.objects.create_user(
                spec.username, password=spec.password, first_name=first, last_name=last,
                email=f"{spec.username}@diskominfo.kalteng.example",
                is_staff=spec.role == Role.ADMINISTRATOR,
                is_superuser=spec.role == Role.ADMINISTRATOR,
            )
            Position.objects.create(user=user, unit=units[spec.unit], title=spec.title,
                                    role=spec.role)
            users[spec.username] = user
    say(f"Agency, {len(units)} units and {len(users)} users created.")

    ppid_user = users["ppid"]
    for number, spec in enumerate(content.ITEMS, start=1):
        with transaction.atomic():
            data = {k: spec[k] for k in services.EDITABLE_FIELDS if k in spec and k != "unit"}
            data["holder_unit"] = units[spec["unit"]]
            for key in ("made_on", "exemption_until"):
                if data.get(key):
                    data[key] = date.fromisoformat(data[key])
            item = services.create_item(ppid_user, data)
            doc = spec.get("document")
            if doc:
                meta = f"{spec.get('made_at_place') or 'Palangka Raya'}, {spec['made_on']}"
                maker = files.make_pdf if doc["kind"] == "pdf" else files.make_docx
                payload = maker(AGENCY_NAME, doc["title"], doc["paragraphs"], meta)
                upload = SimpleUploadedFile(f"{_slug(doc['title'])}.{doc['kind']}", payload)
                services.add_version(ppid_user, item, upload, title=doc["title"],
                                     is_public=doc.get("public", True))
            for target in STATUS_PATH[spec["status"]]:
                actor = users["webmaster"] if target == Status.PUBLISHED and number % 3 == 0 else (
                    ppid_user)
                services.transition(actor, item, target)
            if item.made_on and spec["status"] in (Status.PUBLISHED, Status.WITHDRAWN):
                # Demo only: date the publication as if it happened soon after the item was made.
                published = datetime.combine(item.made_on + timedelta(days=3), time(9, 0),
                                             tzinfo=timezone.get_current_timezone())
                InformationItem.objects.filter(pk=item.pk).update(published_at=published)
        if number % 10 == 0:
            say(f"  {number}/{len(content.ITEMS)} information items…")
    say(f"{len(content.ITEMS)} information items created.")
    demo_procedures.install(ppid_user)
    demo_procedures.start_demo_cases(users)
    say(f"{len(demo_procedures.SEED_PROCEDURES)} procedures (SOP) imported and made effective.")
    demo_exemptions.install(users)
    say("Exempt information: harm tests signed as decisions (one awaiting the PPID).")
    demo_records.install(users, AGENCY_NAME)
    say(f"{len(demo_records.OLD_ITEMS)} records past their retention period (one disposed of).")
    demo_requests.install(users)
    say("Requests for information: granted, in part (redacted), rejected, elsewhere, in process; "
        "objections and a dispute.")
    demo_publication.install(users)
    say("Publication: two DIP editions and a DIK edition set by decree, a serta merta "
        "announcement in force, channels, a stale berkala item, a maintenance run.")


def _slug(text: str) -> str:
    keep = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in keep.split("-") if part)[:60] or "dokumen"
