"""Fixity: every stored file against its recorded SHA-256; runs, findings, command, task."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, NotAllowed
from ppid.records import services, tasks
from ppid.records.models import (
    FileSource,
    FindingKind,
    FixityFinding,
    FixityRun,
    FixityRunStatus,
    FixityTrigger,
)
from ppid.register.models import DocumentVersion

pytestmark = pytest.mark.django_db


def _overwrite(name: str, content: bytes) -> None:
    default_storage.delete(name)
    assert default_storage.save(name, ContentFile(content)) == name


@pytest.fixture
def versions(due_item):
    return list(DocumentVersion.objects.filter(document__item=due_item).order_by("number"))


def test_clean_run_is_recorded_and_audited(versions):
    run = services.verify_files(trigger=FixityTrigger.COMMAND)
    assert (run.status, run.total, run.checked, run.ok, run.missing, run.altered) == (
        FixityRunStatus.FINISHED, 2, 2, 2, 0, 0)
    assert run.started_at and run.finished_at
    assert not run.findings.exists()
    event = AuditEvent.objects.get(action=Action.FIXITY_CHECK)
    assert event.object_type == "records.fixityrun" and event.after["checked"] == 2


def test_altered_and_missing_files_are_reported(versions):
    altered, missing = versions
    _overwrite(altered.file.name, b"%PDF-1.4 diubah diam-diam")
    default_storage.delete(missing.file.name)
    run = services.verify_files(trigger=FixityTrigger.COMMAND)
    assert (run.checked, run.ok, run.missing, run.altered) == (2, 0, 1, 1)
    findings = {f.kind: f for f in run.findings.all()}
    assert findings[FindingKind.ALTERED].object_id == altered.pk
    assert findings[FindingKind.ALTERED].item_id == altered.document.item_id
    assert findings[FindingKind.ALTERED].document_id == altered.document_id
    assert findings[FindingKind.ALTERED].version_number == altered.number
    assert findings[FindingKind.ALTERED].expected_sha256 == altered.sha256
    assert len(findings[FindingKind.ALTERED].actual_sha256) == 64
    assert findings[FindingKind.MISSING].object_id == missing.pk
    assert findings[FindingKind.MISSING].actual_sha256 == ""


def test_archive_copies_are_checked_when_the_archive_app_exists(versions):
    model, link = services._processing_model()
    if model is None:
        pytest.skip("archive.Processing is not installed")
    copy = model(**{link: versions[0]}, archive_sha256="0" * 64)
    copy.archive_file.save("arsip.pdf", ContentFile(b"%PDF-1.4 arsip"), save=False)
    copy.save()
    run = services.verify_files()
    assert (run.checked, run.altered) == (3, 1)
    finding = run.findings.get()
    assert finding.source == FileSource.ARCHIVE_COPY
    assert finding.item_id == versions[0].document.item_id


def test_command_exit_code_and_report(versions, capsys):
    call_command("archive_verify", "--no-progress")
    assert "2 files checked: 2 intact" in capsys.readouterr().out
    default_storage.delete(versions[0].file.name)
    with pytest.raises(CommandError, match="1 missing"):
        call_command("archive_verify", "--no-progress")
    assert f"MISSING: {versions[0].file.name}" in capsys.readouterr().err
    assert FixityRun.objects.filter(trigger=FixityTrigger.COMMAND).count() == 2


def test_console_entry_point_maps_archive_verify(monkeypatch):
    import ppid.__main__ as entry

    seen = {}
    monkeypatch.setattr("sys.argv", ["ppid", "archive", "verify", "--no-progress"])
    monkeypatch.setattr("django.core.management.execute_from_command_line",
                        lambda argv: seen.setdefault("argv", argv))
    entry.main()
    assert seen["argv"][1:] == ["archive_verify", "--no-progress"]


def test_administrator_queues_a_run_and_the_task_performs_it(versions, people):
    with pytest.raises(NotAllowed):
        services.request_fixity_check(people["ppid"])
    run = services.request_fixity_check(people["admin"])
    assert run.status == FixityRunStatus.QUEUED and run.trigger == FixityTrigger.USER
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "ppid.records.tasks.fixity_check"
    assert queued.args_kwargs["kwargs"] == {"run_id": run.pk}
    with pytest.raises(Conflict, match="already queued"):
        services.request_fixity_check(people["admin"])
    result = tasks.fixity_check.call(run_id=run.pk)
    run.refresh_from_db()
    assert result == {"run": run.pk, "checked": 2, "missing": 0, "altered": 0}
    assert run.status == FixityRunStatus.FINISHED and run.requested_by == people["admin"]
    assert AuditEvent.objects.get(action=Action.FIXITY_CHECK).actor_id == people["admin"].pk


def test_scheduled_task_records_its_own_run(versions):
    tasks.fixity_check.call()
    assert FixityRun.objects.get().trigger == FixityTrigger.SCHEDULE


def test_a_crash_is_recorded_as_failed(versions, monkeypatch):
    def broken(stored):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(services, "_check", broken)
    with pytest.raises(RuntimeError):
        services.verify_files()
    run = FixityRun.objects.get()
    assert run.status == FixityRunStatus.FAILED and "out of memory" in run.error
    assert not FixityFinding.objects.exists()


def test_unreadable_files_count_as_missing_with_the_reason(versions, monkeypatch):
    def unreadable(name, storage=None):
        raise PermissionError("permission denied")

    monkeypatch.setattr(services, "file_digest", unreadable)
    run = services.verify_files()
    assert run.missing == 2
    assert "permission denied" in run.findings.first().detail
