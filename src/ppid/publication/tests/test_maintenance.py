"""Site maintenance: every check, the log, the dashboard, the API and `ppid maintenance`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, NotAllowed
from ppid.publication import maintenance
from ppid.publication import maintenance_checks as checks
from ppid.publication.constants import CheckCode, MaintenanceStatus, MaintenanceTrigger
from ppid.publication.models import MaintenanceRun
from ppid.register import services as register
from ppid.register.constants import Category, Status

pytestmark = pytest.mark.django_db

SAFE = {"SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 3600, "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True, "DEBUG": False, "PPID_ADMIN_PATH": "kelola-8f3a/"}


def _run(user=None, trigger=MaintenanceTrigger.COMMAND) -> MaintenanceRun:
    return maintenance.execute(maintenance.start_run(user, trigger))


def _checks(run) -> dict:
    return {c.code: c for c in run.checks.all()}


def _only(monkeypatch, *codes) -> None:
    """Run only these checks (keeps a test about one thing fast and independent)."""
    monkeypatch.setattr(checks, "CHECKS", {c: checks.CHECKS[c] for c in codes})


@pytest.fixture
def public_versions(published_item, people, pdf_upload):
    first = register.add_version(people["ppid"], published_item, pdf_upload("a.pdf", "satu"),
                                 title="Laporan A")
    second = register.add_version(people["ppid"], published_item, pdf_upload("b.pdf", "dua"),
                                  title="Laporan B")
    return first, second


# --------------------------------------------------------------------------------------------
# The run.
# --------------------------------------------------------------------------------------------


def test_a_run_records_every_check_and_is_audited(public_versions):
    run = _run()
    assert set(_checks(run)) == set(CheckCode.values)
    assert run.progress == 100 and run.finished_at is not None
    assert run.status in (MaintenanceStatus.PASSED, MaintenanceStatus.FAILED)
    files = _checks(run)[CheckCode.FILES]
    assert files.passed and files.checked == 2 and files.problems == []
    event = AuditEvent.objects.get(action=Action.MAINTENANCE_RUN)
    assert event.object_id == str(run.pk)
    assert event.after["run"] == run.pk and event.after["status"] == run.status
    assert event.after["passed"] + event.after["failed"] == len(CheckCode.values)


def test_deleted_and_altered_files_are_detected(public_versions, monkeypatch):
    _only(monkeypatch, CheckCode.FILES)
    deleted, altered = public_versions
    default_storage.delete(deleted.file.name)
    default_storage.delete(altered.file.name)
    default_storage.save(altered.file.name, ContentFile(b"%PDF-1.4 diubah diam-diam"))
    run = _run()
    files = _checks(run)[CheckCode.FILES]
    assert not files.passed and files.checked == 2 and files.advice
    found = {p["document"]: p for p in files.problems}
    assert found["Laporan A"]["problem"] == "missing"
    assert found["Laporan B"]["problem"] == "altered"
    assert found["Laporan B"]["item_id"] == altered.document.item_id
    assert found["Laporan B"]["title"] == "Laporan Keuangan Terbuka 2025"
    assert found["Laporan B"]["file"] == "b.pdf"
    assert run.status == MaintenanceStatus.FAILED


def test_only_public_files_are_checked(published_item, make_item, people, pdf_upload,
                                       monkeypatch):
    _only(monkeypatch, CheckCode.FILES)
    draft = make_item(status=Status.DOCUMENTED)
    hidden = register.add_version(people["ppid"], draft, pdf_upload("x.pdf", "x"))
    default_storage.delete(hidden.file.name)
    files = _checks(_run())[CheckCode.FILES]
    assert files.passed and files.checked == 0


def test_stale_berkala_item_is_detected(make_item, monkeypatch):
    _only(monkeypatch, CheckCode.STALE_PERIODIC)
    fresh = make_item(title="Laporan Kinerja", category=Category.PERIODIC,
                      status=Status.PUBLISHED)
    stale = make_item(title="Ringkasan Anggaran", category=Category.PERIODIC,
                      status=Status.PUBLISHED)
    now = timezone.now()
    type(fresh).objects.filter(pk=fresh.pk).update(refreshed_at=now - timedelta(days=10),
                                                   published_at=now - timedelta(days=10))
    type(stale).objects.filter(pk=stale.pk).update(refreshed_at=now - timedelta(days=400),
                                                   published_at=now - timedelta(days=400))
    check = _checks(_run())[CheckCode.STALE_PERIODIC]
    assert not check.passed and check.checked == 2
    assert [p["item_id"] for p in check.problems] == [stale.pk]
    assert check.problems[0]["title"] == "Ringkasan Anggaran" and check.problems[0]["due_on"]


def test_debug_mode_on_is_detected(monkeypatch):
    _only(monkeypatch, CheckCode.DEBUG)
    with override_settings(DEBUG=True):
        check = _checks(_run())[CheckCode.DEBUG]
    assert not check.passed and "PPID_DEBUG" in check.advice
    with override_settings(DEBUG=False):
        assert _checks(_run())[CheckCode.DEBUG].passed


def test_security_settings_are_detected(monkeypatch, agency):
    codes = (CheckCode.HTTPS, CheckCode.HSTS, CheckCode.SECURE_COOKIES, CheckCode.ADMIN_PATH)
    _only(monkeypatch, *codes)
    with override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=0,
                           SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=True,
                           PPID_ADMIN_PATH="admin/"):
        found = _checks(_run())
    assert not any(found[code].passed for code in codes)
    assert "PPID_HTTPS" in found[CheckCode.HTTPS].advice
    assert "PPID_HSTS_SECONDS" in found[CheckCode.HSTS].advice
    assert found[CheckCode.SECURE_COOKIES].problems == [{"setting": "SESSION_COOKIE_SECURE"}]
    assert "PPID_ADMIN_PATH" in found[CheckCode.ADMIN_PATH].advice
    with override_settings(**SAFE):
        found = _checks(_run())
    assert all(found[code].passed for code in codes)
    assert all(found[code].advice == "" for code in codes)


def test_content_security_policy_check(monkeypatch, agency):
    _only(monkeypatch, CheckCode.CSP)
    check = _checks(_run())[CheckCode.CSP]
    assert check.passed and check.problems == []  # the default policy, sent on the home page
    with override_settings(PPID_CSP="default-src *; script-src 'self' 'unsafe-eval'"):
        check = _checks(_run())[CheckCode.CSP]
    assert check.passed and {p["directive"] for p in check.problems} == {
        "default-src *", "script-src 'self' 'unsafe-eval'"}
    assert "PPID_CSP" in check.advice
    with override_settings(PPID_CSP=""):
        check = _checks(_run())[CheckCode.CSP]
    assert not check.passed and "PPID_CSP" in check.advice


def test_content_security_policy_check_reads_the_real_response(monkeypatch, agency):
    """PPID_CSP set, but the header missing from the page (a middleware removed): fails."""
    _only(monkeypatch, CheckCode.CSP)
    middleware = [m for m in settings.MIDDLEWARE
                  if not m.endswith("ContentSecurityPolicyMiddleware")]
    with override_settings(MIDDLEWARE=middleware):
        check = _checks(_run())[CheckCode.CSP]
    assert not check.passed and check.problems[0]["url"] == reverse("portal:home")


def test_default_and_demo_passwords_are_detected(people, monkeypatch):
    _only(monkeypatch, CheckCode.DEFAULT_PASSWORDS)
    people["ppid"].set_password("demo-ppid-2026")  # the demo account's own demo password
    people["ppid"].save()
    people["web"].set_password("password")
    people["web"].save()
    people["head"].set_password("head")  # the user name
    people["head"].save()
    people["admin"].set_password("demo-ppid-2026")  # another account's demo password: not tried
    people["admin"].save()
    people["officer"].set_password("demo-ppid-2026")
    people["officer"].is_active = False  # inactive accounts cannot log in
    people["officer"].save()
    check = _checks(_run())[CheckCode.DEFAULT_PASSWORDS]
    assert not check.passed
    assert {p["username"]: p["kind"] for p in check.problems} == {
        "ppid": "demo", "web": "common", "head": "username"}
    assert all(p["reason"] for p in check.problems)
    assert "demo-ppid-2026" not in str(check.problems)  # never the password itself
    for user in ("ppid", "web", "head"):
        people[user].set_password("a-long-and-unguessable-secret")
        people[user].save()
    assert _checks(_run())[CheckCode.DEFAULT_PASSWORDS].passed


def test_password_check_has_no_side_effect(people, monkeypatch):
    _only(monkeypatch, CheckCode.DEFAULT_PASSWORDS)
    people["web"].set_password("password")
    people["web"].save()
    before = type(people["web"]).objects.get(pk=people["web"].pk).password
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.SHA1PasswordHasher",
                                             "django.contrib.auth.hashers.MD5PasswordHasher"]):
        _run()  # a matching outdated hash is not upgraded (saved) by the check
    assert type(people["web"]).objects.get(pk=people["web"].pk).password == before


def test_broken_internal_link_in_an_item_summary_is_reported(make_item, monkeypatch):
    _only(monkeypatch, CheckCode.LINKS)
    target = make_item(title="Tujuan", status=Status.PUBLISHED)
    item = make_item(title="Dengan tautan", status=Status.PUBLISHED, summary=(
        f"Lihat http://localhost/informasi/{target.pk}/ dan juga "
        "https://localhost/informasi/999999/. Sumber lain: https://example.org/tidak-ada/."))
    check = _checks(_run())[CheckCode.LINKS]
    assert not check.passed and check.checked == 2
    assert check.problems == [{"url": "/informasi/999999/", "status": 404,
                               "found_on": f"/informasi/{item.pk}/", "pages": 1}]
    assert "2" in check.message  # "checked 2 of 2 pages"


def test_links_on_item_pages_resolve(published_item, people, pdf_upload, monkeypatch):
    _only(monkeypatch, CheckCode.LINKS)
    register.add_version(people["ppid"], published_item, pdf_upload())
    check = _checks(_run())[CheckCode.LINKS]
    assert check.passed and check.checked == 1, check.problems


def test_broken_link_rendered_on_item_pages_is_reported(published_item, monkeypatch):
    """A link in the page itself (not only in the summary): every page that has it."""
    _only(monkeypatch, CheckCode.LINKS)
    real = checks.fetch

    def fetch(client, path):
        response = real(client, path)
        if path.startswith("/informasi/"):
            response.content = response.content.replace(
                b"</article>", b'<a href="/hilang/">x</a><a href="mailto:a@b.c">m</a>'
                b'<a href="#top">t</a><img src="/static/ppid/none.png"></article>')
        return response

    monkeypatch.setattr(checks, "fetch", fetch)
    check = _checks(_run())[CheckCode.LINKS]
    assert [(p["url"], p["status"]) for p in check.problems] == [("/hilang/", 404)]


def test_link_check_covers_a_big_register_over_several_runs(make_item, monkeypatch):
    _only(monkeypatch, CheckCode.LINKS)
    monkeypatch.setattr(checks, "LINK_PAGE_BUDGET", 2)
    items = [make_item(status=Status.PUBLISHED) for _ in range(3)]
    first = _run()
    assert first.links_resume_after == items[1].pk
    assert _checks(first)[CheckCode.LINKS].checked == 2
    second = _run()  # goes on with the third page, then from the start
    assert second.links_resume_after == items[0].pk
    third = _run()
    assert third.links_resume_after == items[2].pk


def test_exemption_ending_without_a_decision_is_reported(make_item, people, monkeypatch):
    _only(monkeypatch, CheckCode.EXEMPTIONS_ENDING)
    today = timezone.localdate()
    ending = make_item(title="Kontrak Rahasia", category=Category.EXEMPT,
                       status=Status.DOCUMENTED, exemption_ground="h",
                       exemption_until=today + timedelta(days=10))
    make_item(category=Category.EXEMPT, status=Status.DOCUMENTED, exemption_ground="h",
              exemption_until=today + timedelta(days=400))
    run = _run()
    check = _checks(run)[CheckCode.EXEMPTIONS_ENDING]
    assert not check.passed and check.checked == 2
    assert [(p["item_id"], p["ends_on"]) for p in check.problems] == [
        (ending.pk, (today + timedelta(days=10)).isoformat())]
    # The PPID sees the title; the web manager (no access to exempt items) only the number.
    shown = {c.code: c for c in maintenance.checks_for(people["ppid"], run)}
    assert shown[CheckCode.EXEMPTIONS_ENDING].problems[0]["title"] == "Kontrak Rahasia"
    hidden = {c.code: c for c in maintenance.checks_for(people["web"], run)}
    assert hidden[CheckCode.EXEMPTIONS_ENDING].problems[0]["title"] == ""
    assert hidden[CheckCode.EXEMPTIONS_ENDING].problems[0]["hidden"]


def test_dip_edition_never_set_is_reported(agency, monkeypatch):
    _only(monkeypatch, CheckCode.DIP_EDITION)
    check = _checks(_run())[CheckCode.DIP_EDITION]
    assert not check.passed and check.advice


def test_dip_edition_check_follows_editions_is_due(agency, monkeypatch):
    from ppid.publication import editions

    _only(monkeypatch, CheckCode.DIP_EDITION)
    monkeypatch.setattr(editions, "is_due", lambda kind="dip", today=None: False)
    assert _checks(_run())[CheckCode.DIP_EDITION].passed


def test_a_crash_in_one_check_is_recorded_and_the_others_still_run(monkeypatch, agency):
    def boom(run):
        raise RuntimeError("disk on fire")

    _only(monkeypatch, CheckCode.FILES, CheckCode.DEBUG, CheckCode.ADMIN_PATH)
    monkeypatch.setitem(checks.CHECKS, CheckCode.FILES, boom)
    with override_settings(**SAFE):
        run = _run()
    found = _checks(run)
    assert not found[CheckCode.FILES].passed
    assert "RuntimeError: disk on fire" in found[CheckCode.FILES].message
    assert found[CheckCode.DEBUG].passed and found[CheckCode.ADMIN_PATH].passed
    assert run.status == MaintenanceStatus.FAILED and run.progress == 100


def test_a_crash_outside_the_checks_ends_the_run_with_error(monkeypatch, agency):
    _only(monkeypatch, CheckCode.DEBUG)
    monkeypatch.setattr(maintenance.MaintenanceCheck.objects, "create",
                        lambda **kw: (_ for _ in ()).throw(OSError("database gone")))
    run = _run()
    assert run.status == MaintenanceStatus.ERROR and "database gone" in run.error
    assert AuditEvent.objects.get(action=Action.MAINTENANCE_RUN).after["status"] == "error"


# --------------------------------------------------------------------------------------------
# Starting runs: who, when, the task.
# --------------------------------------------------------------------------------------------


def test_who_may_start_a_run(people):
    with pytest.raises(NotAllowed):
        maintenance.start_run(people["officer"], MaintenanceTrigger.MANUAL)
    with pytest.raises(NotAllowed):
        maintenance.start_run(None, MaintenanceTrigger.MANUAL)
    run = maintenance.start_run(people["web"], MaintenanceTrigger.PROCEDURE)
    assert run.status == MaintenanceStatus.RUNNING and run.started_by == people["web"]
    with pytest.raises(Conflict):
        maintenance.start_run(people["admin"], MaintenanceTrigger.MANUAL)
    # The schedule and the console command run anyway.
    assert maintenance.start_run(None, MaintenanceTrigger.SCHEDULE).started_by is None
    MaintenanceRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - maintenance.STALE_RUN_AFTER - timedelta(minutes=1))
    MaintenanceRun.objects.exclude(pk=run.pk).delete()
    assert maintenance.start_run(people["admin"], MaintenanceTrigger.MANUAL)  # the old one died


def test_scheduled_task_creates_and_executes_a_run(monkeypatch, agency):
    from ppid.publication import tasks

    _only(monkeypatch, CheckCode.DEBUG)
    result = tasks.run_maintenance.call()
    run = MaintenanceRun.objects.get()
    assert run.trigger == MaintenanceTrigger.SCHEDULE and run.started_by is None
    assert result == {"run": run.pk, "trigger": "schedule", "status": "passed", "passed": 1,
                      "failed": 0, "failed_checks": []}
    assert maintenance.run_task(run.pk) == result  # a repeated task does not run again
    assert run.checks.count() == 1


# --------------------------------------------------------------------------------------------
# The dashboard.
# --------------------------------------------------------------------------------------------


def test_dashboard_shows_the_latest_run_and_the_log(client, people, public_versions, monkeypatch):
    deleted, _ = public_versions
    default_storage.delete(deleted.file.name)
    run = _run(people["ppid"], MaintenanceTrigger.MANUAL)
    client.force_login(people["ppid"])
    response = client.get(reverse("publication:maintenance"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("publication:maintenance_run", args=[run.pk])}"' in html
    assert 'id="check-files"' in html and "<details>" in html and "Laporan A" in html
    assert response.context["latest"] == run and len(response.context["checks"]) == 12
    detail = client.get(reverse("publication:maintenance_run", args=[run.pk]))
    assert detail.status_code == 200 and b'id="check-debug"' in detail.content


def test_dashboard_is_forbidden_without_maintain_site(client, people):
    for user in ("officer", "unit_ppid", "superior"):
        client.force_login(people[user])
        assert client.get(reverse("publication:maintenance")).status_code == 403
    client.force_login(people["web"])
    assert client.get(reverse("publication:maintenance")).status_code == 200


def test_run_now_enqueues_the_task_and_the_page_polls_it(client, people, monkeypatch):
    client.force_login(people["web"])
    response = client.post(reverse("publication:maintenance"))
    assert response.status_code == 302
    run = MaintenanceRun.objects.get()
    assert run.trigger == MaintenanceTrigger.MANUAL and run.started_by == people["web"]
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "ppid.publication.tasks.run_maintenance"
    assert queued.args_kwargs["kwargs"] == {"run_id": run.pk}
    page = client.get(reverse("publication:maintenance")).content.decode()
    progress = reverse("publication:maintenance_progress", args=[run.pk])
    assert f'hx-get="{progress}"' in page and "disabled" in page
    assert client.post(reverse("publication:maintenance")).status_code == 302
    assert MaintenanceRun.objects.count() == 1  # refused while one is under way
    polled = client.get(progress)
    assert polled.status_code == 200 and "HX-Refresh" not in polled
    _only(monkeypatch, CheckCode.DEBUG)
    maintenance.execute(run)  # what the worker does
    polled = client.get(progress)
    assert polled["HX-Refresh"] == "true"


# --------------------------------------------------------------------------------------------
# The console command and the API.
# --------------------------------------------------------------------------------------------


def test_command_prints_each_check_and_exits_1_on_failure(monkeypatch, agency, capsys):
    _only(monkeypatch, CheckCode.DEBUG, CheckCode.ADMIN_PATH)
    with override_settings(**{**SAFE, "DEBUG": True}):
        with pytest.raises(CommandError, match="1 passed, 1 failed") as failure:
            call_command("maintenance")
    assert failure.value.returncode == 1  # what `ppid maintenance` exits with
    out = capsys.readouterr().out
    assert "FAIL" in out and "PASS" in out and "PPID_DEBUG" in out
    assert MaintenanceRun.objects.get().trigger == MaintenanceTrigger.COMMAND
    with override_settings(**SAFE):
        call_command("maintenance")  # no exception: exit status 0
    assert "2 passed, 0 failed" in capsys.readouterr().out


def test_api_starts_and_reads_runs(client, people, token_for, monkeypatch):
    _only(monkeypatch, CheckCode.DEBUG, CheckCode.HTTPS)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for(people['admin'])}"}
    response = client.post("/api/v1/maintenance/runs?wait=true", **auth)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "failed" and body["progress"] == 100
    assert {c["code"]: c["passed"] for c in body["checks"]} == {"debug": True, "https": False}
    assert body["started_by"] == "admin" and body["failed"] == 1
    queued = client.post("/api/v1/maintenance/runs", **auth)
    assert queued.status_code == 202 and queued.json()["status"] == "running"
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"run_id": queued.json()["id"]}
    assert client.post("/api/v1/maintenance/runs", **auth).status_code == 409
    listed = client.get("/api/v1/maintenance/runs", **auth).json()
    assert listed["count"] == 2 and [r["id"] for r in listed["results"]] == [
        queued.json()["id"], body["id"]]
    detail = client.get(f"/api/v1/maintenance/runs/{body['id']}", **auth).json()
    assert detail["checks"][0]["label"] and detail["id"] == body["id"]
    assert client.get("/api/v1/maintenance/runs/999999", **auth).status_code == 404
    officer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(people['officer'])}"}
    assert client.get("/api/v1/maintenance/runs", **officer).status_code == 403
    assert client.post("/api/v1/maintenance/runs", **officer).status_code == 403
