"""Workspace pages and the console command: import → check → activate → run a case."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from ppid.conftest import pdf_bytes
from ppid.procedures import services
from ppid.procedures.constants import RevisionStatus, TaskStatus
from ppid.procedures.models import Deviation, ProcedureRevision, Task

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_002 = SEEDS / "002_baef6826fbfcc3f5.txt"


def test_cli_dry_run_json_prints_the_parsed_procedure_and_saves_nothing(people):
    out = StringIO()
    call_command("procedure", "import", str(SEED_002), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["name"].endswith("Pendokumentasian Informasi yang Dikecualikan")
    assert [s["time_standard"] for s in data["steps"]] == [{"amount": 1, "unit": "hours"}] * 3
    assert set(data["steps"][0]) >= {"number", "activity", "actors", "required_inputs",
                                      "time_standard", "output", "notes", "kind"}
    assert "problems" in data
    assert not ProcedureRevision.objects.exists()


def test_cli_import_saves_a_draft_as_the_ppid(people):
    out = StringIO()
    call_command("procedure", "import", str(SEED_002), stdout=out)
    assert "Fields read" in out.getvalue()
    revision = ProcedureRevision.objects.get()
    assert revision.status == RevisionStatus.DRAFT and revision.created_by == people["ppid"]
    assert revision.steps.count() == 3
    assert {a.name: a.role for a in revision.actors.all()} == {
        "PPID Pelaksana": "unit_ppid", "Petugas Dokumentasi/Arsip": "unit_officer",
        "PPID": "ppid"}
    call_command("procedure", "import", str(SEED_002), "--activate", stdout=StringIO())
    assert ProcedureRevision.objects.filter(status=RevisionStatus.EFFECTIVE).count() == 1


def test_cli_reports_missing_file(people):
    with pytest.raises(CommandError):
        call_command("procedure", "import", "/nonexistent.txt")


def _import_seed(client, seed_name):
    upload = SimpleUploadedFile(seed_name, (SEEDS / seed_name).read_bytes())
    return client.post("/ruang-kerja/prosedur/impor/", {"file": upload})


def test_only_procedure_managers_may_import(client, people):
    client.force_login(people["officer"])
    assert client.get("/ruang-kerja/prosedur/impor/").status_code == 403
    assert client.get("/ruang-kerja/prosedur/").status_code == 200


def test_import_preview_edit_activate_and_run_in_the_workspace(client, people, make_item):
    client.force_login(people["ppid"])
    response = _import_seed(client, "002_baef6826fbfcc3f5.txt")
    revision = ProcedureRevision.objects.get()
    assert response.status_code == 302
    assert response.url == f"/ruang-kerja/prosedur/{revision.pk}/ubah/"
    page = client.get(response.url).content.decode()
    assert "Menerima dan menyimpan softcopy" in page
    assert "Nomor POS" in page  # the fields the importer read are listed

    header, actors, steps = services.revision_as_data(revision)
    form = {"h-name": header["name"], "h-scope": "item", "h-sop_number": "1050",
            "a-TOTAL_FORMS": len(actors), "a-INITIAL_FORMS": len(actors),
            "s-TOTAL_FORMS": len(steps), "s-INITIAL_FORMS": len(steps)}
    for i, actor in enumerate(actors):
        form |= {f"a-{i}-name": actor["name"], f"a-{i}-role": actor["role"]}
    for i, step in enumerate(steps):
        form |= {f"s-{i}-number": step["number"], f"s-{i}-activity": step["activity"],
                 f"s-{i}-actor": i + 1, f"s-{i}-kind": step["kind"],
                 f"s-{i}-time_amount": 1, f"s-{i}-time_unit": "hours",
                 f"s-{i}-required_inputs": step["required_inputs"]}
    bad = dict(form, **{"s-0-time_unit": ""})
    assert "amount and a unit" in client.post(response.url, bad).content.decode()
    form["activate"] = "1"
    done = client.post(response.url, form)
    assert done.status_code == 302, done.content.decode()[:2000]
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.EFFECTIVE
    assert [s.actors.get().name for s in revision.ordered_steps()] == [
        "PPID Pelaksana", "Petugas Dokumentasi/Arsip", "PPID"]

    item = make_item(title="Berkas rahasia", category="exempt", exemption_ground="17h",
                     exemption_until=None)
    start = client.post(f"/ruang-kerja/prosedur/{revision.pk}/mulai/", {"item": item.pk})
    assert start.status_code == 302, start.content.decode()[:3000]
    case = revision.cases.get()
    task = case.tasks.get()
    assert task.assignee == people["unit_ppid"]

    # The PPID reassigns step 1 with a letter; the substitute completes it late, with a reason.
    page = client.get(f"/ruang-kerja/prosedur/kasus/{case.pk}/").content.decode()
    assert "surat penugasan" in page
    missing = client.post(f"/ruang-kerja/prosedur/tugas/{task.pk}/alihkan/", {
        "to_user": people["officer"].pk, "letter_number": "1/2026", "issued_on": "2026-11-20",
        "period_start": "2026-11-20", "period_end": "2026-11-19"})
    assert missing.status_code == 200
    response = client.post(f"/ruang-kerja/prosedur/tugas/{task.pk}/alihkan/", {
        "to_user": people["officer"].pk, "letter_number": "1/2026", "issued_on": "2026-11-20",
        "period_start": "2026-11-20", "period_end": "2026-11-27",
        "letter": SimpleUploadedFile("surat.pdf", pdf_bytes("Surat"))})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.assignee == people["officer"]
    Task.objects.filter(pk=task.pk).update(started_at=task.started_at - timedelta(days=7),
                                           due_at=task.started_at - timedelta(days=6))
    client.force_login(people["officer"])
    page = client.get(f"/ruang-kerja/prosedur/kasus/{case.pk}/").content.decode()
    assert "Reason for the deviation" in page or "penyimpangan" in page
    assert 'name="inputs_present" value="Data ter update dan telah diverifikasi"' in page
    url = f"/ruang-kerja/prosedur/tugas/{task.pk}/selesai/"
    form = {"inputs_present": ["Data ter update dan telah diverifikasi"],
            "output_note": "Berkas disusun."}
    again = client.post(url, form)
    assert again.status_code == 200 and "Berkas disusun." in again.content.decode()
    assert client.post(url, dict(form, deviation_reason="Menunggu tanda tangan.")
                       ).status_code == 302
    assert Deviation.objects.get().executor == people["officer"]
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    tasks_page = client.get("/ruang-kerja/prosedur/tugas/")
    assert tasks_page.status_code == 200

    # The assignment letter kept with the case downloads as the stored file, not a page.
    letter = case.files.get()
    download = client.get(f"/ruang-kerja/prosedur/kasus/{case.pk}/berkas/{letter.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Security-Policy"].startswith("sandbox")


def test_openapi_lists_the_procedure_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/procedures", "/api/v1/procedures/{revision_id}", "/api/v1/cases",
                 "/api/v1/cases/{case_id}", "/api/v1/tasks", "/api/v1/tasks/{task_id}/complete",
                 "/api/v1/tasks/{task_id}/reassign", "/api/v1/cases/{case_id}/files"):
        assert path in paths


def test_procedure_endpoints_need_a_token(client):
    assert client.get("/api/v1/procedures").status_code == 401
    assert client.post("/api/v1/cases", {}, content_type="application/json").status_code == 401


def test_indonesian_by_default(client, settings, people):
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    client.force_login(people["ppid"])
    page = client.get("/ruang-kerja/prosedur/").content.decode()
    assert "Prosedur (SOP)" in page and "Impor SOP" in page


def test_an_unwanted_import_can_be_discarded(client, people):
    client.force_login(people["ppid"])
    _import_seed(client, "001_da02698bd2d819ad.txt")
    revision = ProcedureRevision.objects.get()
    response = client.post(f"/ruang-kerja/prosedur/{revision.pk}/buang/")
    assert response.status_code == 302
    assert not ProcedureRevision.objects.exists()
    from ppid.procedures.models import Procedure

    assert not Procedure.objects.exists()
