"""End to end, through the API, on the demo agency: each of the five seed SOPs is run.

Between them the runs include a reassignment with an assignment letter (000), a review that
sends the case back (000), a late step with its deviation (001), and the archive and portal
effects of `archive` and `publish` steps (000, 001, 002, 003, 004).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ppid.audit.models import AuditEvent
from ppid.conftest import pdf_bytes
from ppid.core.models import ApiToken
from ppid.demo import seed
from ppid.demo.procedures import SEED_PROCEDURES
from ppid.procedures.models import Deviation, Task
from ppid.register.constants import Category, Status
from ppid.register.models import DocumentVersion, InformationItem

pytestmark = pytest.mark.django_db(transaction=False)

CODES = [p.code for p in SEED_PROCEDURES]


@pytest.fixture
def demo(db):
    seed.seed(verbose=False)
    return {u.username: u for u in get_user_model().objects.all()}


class Api:
    def __init__(self, client, users):
        self.client, self.tokens = client, {n: ApiToken.issue(u) for n, u in users.items()}

    def _auth(self, who):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[who]}"}

    def get(self, who, path):
        return self.client.get(f"/api/v1{path}", **self._auth(who))

    def post(self, who, path, data=None, expect=200):
        response = self.client.post(f"/api/v1{path}", data or {},
                                    content_type="application/json", **self._auth(who))
        assert response.status_code == expect, response.content
        return response.json()

    def upload(self, who, path, data, expect=201):
        response = self.client.post(f"/api/v1{path}", data, **self._auth(who))
        assert response.status_code == expect, response.content
        return response.json()

    def start(self, who, code, **extra):
        return self.post(who, "/cases", {"procedure": code, **extra}, expect=201)

    def active(self, case):
        return next(t for t in case["tasks"] if t["status"] == "active")

    def complete(self, who, case, expect=200, **data):
        task = self.active(case)
        if "inputs_present" not in data:
            data["inputs_present"] = [i["name"] for i in task["required_inputs"]]
        return self.post(who, f"/tasks/{task['id']}/complete", data, expect=expect)

    def attach(self, who, case, name="hasil.pdf", text="Dokumen", **form):
        return self.upload(who, f"/cases/{case['id']}/files",
                           {"file": SimpleUploadedFile(name, pdf_bytes(text)), **form})


@pytest.fixture
def api(client, demo):
    return Api(client, demo)


def draft_item(unit="IKP", exclude=()):
    return (InformationItem.objects.filter(holder_unit__code=unit, status=Status.DRAFT)
            .exclude(category=Category.EXEMPT).exclude(pk__in=exclude)
            .exclude(cases__isnull=False).order_by("pk").first())


def test_demo_ships_the_five_seeds_reviewed(api):
    procedures = api.get("ppid", "/procedures").json()
    by_code = {p["procedure_code"]: p for p in procedures}
    assert set(CODES) <= set(by_code)
    expected_steps = [7, 5, 3, 8, 5]
    for code, count in zip(CODES, expected_steps, strict=True):
        procedure = by_code[code]
        assert len(procedure["steps"]) == count
        assert all(a["role"] for a in procedure["actors"])
        assert all(len(s["actors"]) == 1 for s in procedure["steps"])
    kinds = [s["kind"] for s in by_code[CODES[0]]["steps"]]
    assert kinds == ["other", "handover", "other", "handover", "review", "archive", "publish"]


def test_seed_000_documentation_with_reassignment_and_send_back(
        api, client, demo, django_capture_on_commit_callbacks):
    item = draft_item()
    case = api.start("ppid", CODES[0], item=item.pk)
    assert case["tasks"][0]["assignee"] == "petugas"
    assert case["tasks"][0]["due_at"] is not None

    # Required inputs must be confirmed or attached.
    error = api.complete("petugas", case, expect=422, inputs_present=[], output_note="x")
    assert "inputs" in error["fields"]
    case = api.complete("petugas", case, output_note="Hasil identifikasi: dokumen berkala.")

    # Step 2: the officer is absent; the PPID hands the step over with a surat penugasan.
    task = api.active(case)
    refused = api.upload("petugas", f"/tasks/{task['id']}/reassign", {
        "to_user": "petugas2", "letter_number": "800/1/IKP/2026", "issued_on": "2026-11-20",
        "period_start": "2026-11-20", "period_end": "2026-11-27",
        "letter": SimpleUploadedFile("surat.pdf", pdf_bytes("Surat penugasan"))}, expect=403)
    assert refused["message_en"]
    missing_letter = api.client.post(
        f"/api/v1/tasks/{task['id']}/reassign",
        {"to_user": "petugas2", "letter_number": "800/1/IKP/2026", "issued_on": "2026-11-20",
         "period_start": "2026-11-20", "period_end": "2026-11-27"}, **api._auth("ppid"))
    assert missing_letter.status_code in (400, 422)
    case = api.upload("ppid", f"/tasks/{task['id']}/reassign", {
        "to_user": "petugas2", "letter_number": "800/1/IKP/2026", "issued_on": "2026-11-20",
        "period_start": "2026-11-20", "period_end": "2026-11-27", "reason": "Cuti sakit",
        "letter": SimpleUploadedFile("surat.pdf", pdf_bytes("Surat penugasan"))}, expect=200)
    task = api.active(case)
    assert task["assignee"] == "petugas2"
    assert task["letters"][0]["number"] == "800/1/IKP/2026"
    api.complete("petugas", case, expect=403, output_note="x")
    case = api.complete("petugas2", case, output_note="Koordinasi dengan PPID selesai.")

    # Step 3: the ULT composes the document and attaches it as output.
    assert api.active(case)["assignee"] == "pelaksanaikp"
    stored = api.attach("pelaksanaikp", case, "naskah.pdf", "Naskah informasi publik",
                        purpose="output")
    case = api.complete("pelaksanaikp", case, output_file=stored["id"])
    case = api.complete("pelaksanaikp", case, output_note="Dilaporkan kepada PPID.")

    # Step 5: the PPID sends it back to step 3 with a reason; the history keeps every pass.
    error = api.complete("ppid", case, expect=422, decision="send_back", back_to=3)
    assert "reason" in error["fields"]
    case = api.complete("ppid", case, decision="send_back", back_to=3,
                        reason="Lengkapi lampiran tabel.")
    active = api.active(case)
    assert (active["step_number"], active["pass_number"]) == (3, 2)
    assert [t["status"] for t in case["tasks"]].count("sent_back") == 1
    case = api.complete("pelaksanaikp", case, output_note="Lampiran dilengkapi.")
    case = api.complete("pelaksanaikp", case, output_note="Dilaporkan ulang.")
    case = api.complete("ppid", case, decision="approve")

    # Step 6 archive: the case's file becomes a document version of the item; documented.
    case = api.complete("pelaksanaikp", case)
    item.refresh_from_db()
    assert item.status == Status.DOCUMENTED
    version = DocumentVersion.objects.get(document__item=item, original_name="naskah.pdf")
    assert version.sha256 == stored["sha256"]
    assert client.get(f"/informasi/{item.pk}/").status_code == 404

    # Step 7 publish: the web manager publishes; the portal and public API show it.
    with django_capture_on_commit_callbacks(execute=True):  # indexing runs after commit
        case = api.complete("webmaster", case)
    assert case["status"] == "completed"
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    page = client.get(f"/informasi/{item.pk}/")
    assert page.status_code == 200 and item.title in page.content.decode()
    assert client.get(f"/berkas/{version.public_id}/").status_code == 200
    public = client.get("/api/v1/public/items", {"q": item.title}).json()
    assert item.pk in [r["id"] for r in public["results"]]
    actions = set(AuditEvent.objects.filter(object_type="procedures.case",
                                            object_id=str(case["id"]))
                  .values_list("action", flat=True))
    assert {"case_start", "task_complete", "task_reassign", "task_send_back",
            "case_complete"} <= actions


def test_seed_001_announcement_with_a_late_step(api, client, demo):
    documented = list(InformationItem.objects.filter(status=Status.DOCUMENTED)
                      .exclude(category=Category.EXEMPT).order_by("pk")[:2])
    assert documented
    case = api.start("ppid", CODES[1], title="Pemutakhiran DIP")
    case = api.complete("ppid", case, output_note="Disposisi pemutakhiran situs.")

    # Step 2 (3 hours) started two working days ago: it is late and needs a reason.
    task = Task.objects.get(pk=api.active(case)["id"])
    Task.objects.filter(pk=task.pk).update(started_at=task.started_at - timedelta(days=4),
                                           due_at=task.started_at - timedelta(days=3))
    assert api.get("ppid", "/tasks?overdue=true").json()[0]["id"] == task.pk
    error = api.complete("petugas", case, expect=422, output_note="DIP disiapkan.")
    assert "deviation_reason" in error["fields"]
    case = api.complete("petugas", case, output_note="DIP disiapkan.",
                        deviation_reason="Menunggu data dari dua bidang.")
    deviation = Deviation.objects.get(task=task)
    assert deviation.executor.username == "petugas" and deviation.overrun_minutes > 0
    late = next(t for t in case["tasks"] if t["id"] == task.pk)
    assert late["deviations"][0]["reason"] == "Menunggu data dari dua bidang."

    # Step 2 prepared the Daftar Informasi Publik as a draft edition.
    from ppid.publication import editions
    from ppid.publication.models import Edition, MaintenanceRun

    draft = Edition.objects.get(pk=late["effect"]["edition"])
    assert draft.kind == "dip" and draft.status == "draft"

    case = api.complete("ppid", case, decision="approve")
    error = api.complete("webmaster", case, expect=422)
    assert "items" in error["fields"]
    case = api.complete("webmaster", case, items=[i.pk for i in documented])
    for item in documented:
        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert client.get(f"/informasi/{item.pk}/").status_code == 200
    # Step 5: routine maintenance of the site and its security is a maintenance run.
    case = api.complete("webmaster", case, output_note="Situs diperiksa; sertifikat valid.")
    assert case["status"] == "completed"
    effect = case["tasks"][-1]["effect"]
    run = MaintenanceRun.objects.get(pk=effect["maintenance_run"])
    assert run.trigger == "procedure" and run.checks.count() >= 10
    assert set(effect["failed"]) == set(run.checks.filter(passed=False)
                                        .values_list("code", flat=True))
    # The PPID sets the DIP by decree: the signed edition holds the items published in step 4.
    edition = editions.sign(demo["ppid"], draft, decree_number="188/001/PPID/2026",
                            decree_date=timezone.localdate())
    frozen = set(edition.rows.values_list("item_id", flat=True))
    assert {i.pk for i in documented} <= frozen
    assert client.get("/dip/edisi/").status_code == 200
    assert "188/001/PPID/2026" in client.get(f"/dip/edisi/{edition.pk}/").content.decode()


def test_seed_002_exempt_documentation_never_published(api, client, demo):
    item = api.post("ppid", "/items", {
        "title": "Berkas penyelidikan pengaduan ASN", "summary": "Rahasia.",
        "category": "exempt", "exemption_ground": "17a1", "exemption_until": "2030-12-31",
        "year": 2026, "holder_unit": InformationItem.objects.filter(
            holder_unit__code="IKP").first().holder_unit_id,
        "responsible_official": "Kepala Bidang IKP"}, expect=201)
    case = api.start("ppid", CODES[2], item=item["id"])
    assert api.active(case)["assignee"] == "pelaksanaikp"
    stored = api.attach("pelaksanaikp", case, "berkas-rahasia.pdf", "RAHASIA-MARKER",
                        purpose="output")
    case = api.complete("pelaksanaikp", case, output_file=stored["id"])
    case = api.complete("petugas", case, output_note="Softcopy diserahkan kepada PPID.")
    case = api.complete("ppid", case)
    assert case["status"] == "completed"
    stored_item = InformationItem.objects.get(pk=item["id"])
    assert stored_item.status == Status.DOCUMENTED
    version = DocumentVersion.objects.get(document__item=stored_item)
    assert version.document.is_public is False
    # Exempt in law only once its harm test is signed; meanwhile everything is in the secure
    # store: the archived version and the case's own file (ppid.exemptions).
    assert stored_item.harm_tests.filter(status="draft").exists()
    assert version.file.name.startswith("secure/")
    from ppid.procedures.models import CaseFile

    assert all(f.file.name.startswith("secure/")
               for f in CaseFile.objects.filter(case_id=case["id"]))
    assert client.get(f"/informasi/{item['id']}/").status_code == 404
    assert client.get(f"/berkas/{version.public_id}/").status_code == 404
    listing = client.get("/api/v1/public/items", {"page_size": 100}).content.decode()
    assert "penyelidikan pengaduan" not in listing
    # Staff without exempt access in that unit cannot see the case at all, nor its audit trail.
    assert api.get("webmaster", f"/cases/{case['id']}").status_code == 404
    from ppid.register.services import audit_events_visible_to

    def case_events(user):
        return audit_events_visible_to(user).filter(object_type="procedures.case",
                                                    object_id=str(case["id"]))
    assert case_events(demo["ppid"]).exists()
    assert not case_events(demo["ppidpelaksana"]).exists()
    client.force_login(demo["ppidpelaksana"])
    assert case["number"] not in client.get("/ruang-kerja/audit/").content.decode()


def test_seed_003_documentation_publishes_then_archives(api, client, demo):
    item = draft_item()
    case = api.start("ppid", CODES[3], item=item.pk)
    steps = {s["number"]: s for s in api.get("ppid", f"/procedures/{case['procedure']}")
             .json()["steps"]}
    assert steps[4]["time_standard"] == {"amount": 5, "unit": "working_days"}
    for _ in range(4):
        case = api.complete("petugas", case, output_note="Selesai.")
    stored = api.attach("petugas", case, "softfile.pdf", "Softfile informasi", purpose="output")
    case = api.complete("petugas", case, output_file=stored["id"])
    assert api.active(case)["assignee"] == "atasan"
    case = api.complete("atasan", case, decision="approve")
    case = api.complete("ppid", case)  # publish
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    case = api.complete("ppid", case)  # archive
    assert case["status"] == "completed"
    assert DocumentVersion.objects.filter(document__item=item,
                                          original_name="softfile.pdf").exists()
    assert client.get(f"/informasi/{item.pk}/").status_code == 200


def test_seed_004_classify_document_and_send_to_pusat_data(
        api, client, demo, django_capture_on_commit_callbacks):
    item = draft_item()
    case = api.start("ppid", CODES[4], item=item.pk)
    assert api.active(case)["assignee"] == "webmaster"
    stored = api.attach("webmaster", case, "konsep.pdf", "Konsep informasi",
                        purpose="output")
    case = api.complete("webmaster", case, output_file=stored["id"])
    case = api.complete("pelaksanaikp", case, decision="approve")
    error = api.complete("atasan", case, expect=422)
    assert "category" in error["fields"]
    case = api.complete("atasan", case, category="periodic")
    item.refresh_from_db()
    assert item.category == Category.PERIODIC
    case = api.complete("pelaksanaikp", case)
    item.refresh_from_db()
    assert item.status == Status.DOCUMENTED
    with django_capture_on_commit_callbacks(execute=True):  # indexing runs after commit
        case = api.complete("webmaster", case)
    assert case["status"] == "completed"
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert client.get(f"/informasi/{item.pk}/").status_code == 200
    # Sent on to the Pusat Data: the channel is recorded, and the item is in the change feed and
    # the DCAT catalog the Pusat Data harvests.
    assert case["tasks"][-1]["effect"]["published"][0]["data_center"] is True
    from ppid.publication.models import ChannelRecord

    channel = ChannelRecord.objects.get(item=item, channel="data_center")
    assert channel.published_by.username == "webmaster"
    changes = client.get("/api/v1/public/changes", {"limit": 1000}).json()
    while changes["has_more"]:
        changes = client.get("/api/v1/public/changes",
                             {"since": changes["next_cursor"], "limit": 1000}).json()
    assert item.pk in [c["item_id"] for c in changes["changes"] if c["operation"] == "upsert"]
    assert item.title in client.get("/data/katalog.jsonld").content.decode()


def test_seed_004_exempt_classification_is_never_sent_on(api, client, demo):
    item = draft_item()
    case = api.start("ppid", CODES[4], item=item.pk)
    api.attach("webmaster", case, "konsep.pdf", "Konsep", purpose="output")
    case = api.complete("webmaster", case, output_note="Diserahkan ke Kabid.")
    case = api.complete("pelaksanaikp", case, decision="approve")
    case = api.complete("atasan", case, category="exempt", exemption_ground="17h",
                        exemption_until="2031-01-01")
    case = api.complete("pelaksanaikp", case)
    # Nothing public to send on: the publish step is closed as not applicable, visibly.
    assert case["status"] == "completed"
    last = case["tasks"][-1]
    assert last["status"] == "skipped"
    assert last["effect"]["published"][0] == {"item": item.pk, "published": False,
                                              "reason": "exempt"}
    item.refresh_from_db()
    assert item.status == Status.DOCUMENTED and item.category == Category.EXEMPT
    assert client.get(f"/informasi/{item.pk}/").status_code == 404
    # Classified exempt mid-case: the case's file moved into the secure store with the item.
    from ppid.procedures.models import CaseFile

    names = [f.file.name for f in CaseFile.objects.filter(case_id=case["id"])]
    assert names and all(name.startswith("secure/") for name in names)


def test_case_keeps_its_revision_when_the_procedure_is_revised(api, demo):
    from ppid.procedures import services
    from ppid.procedures.models import Procedure

    item = draft_item()
    case = api.start("ppid", CODES[0], item=item.pk)
    procedure = Procedure.objects.get(code=CODES[0])
    draft = services.new_revision(demo["ppid"], procedure)
    header, actors, steps = services.revision_as_data(draft)
    steps[0]["time_amount"] = 2
    services.save_revision(demo["ppid"], draft, header=header, actors=actors, steps=steps)
    services.activate(demo["ppid"], draft)
    assert api.get("ppid", f"/cases/{case['id']}").json()["procedure"] == case["procedure"]
    assert api.get("ppid", f"/procedures/{case['procedure']}").json()["status"] == "superseded"
    fresh = api.start("ppid", CODES[0], item=draft_item(exclude=[item.pk]).pk)
    assert fresh["procedure"] == draft.pk
    assert timezone.now() < Task.objects.get(pk=fresh["tasks"][0]["id"]).due_at
