"""Queueing after commit, retry (permission and audit), and the item page in the workspace."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ppid.archive import services
from ppid.archive.constants import ExtractionMethod as M
from ppid.archive.constants import ProcessingState as S
from ppid.archive.models import Processing
from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, NotAllowed, NotFound
from ppid.register.constants import Category, ExemptionGround

pytestmark = pytest.mark.django_db


def test_task_is_enqueued_only_after_the_upload_commits(client, people, item,
                                                        django_capture_on_commit_callbacks):
    client.force_login(people["officer"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"/ruang-kerja/informasi/{item.pk}/unggah/",
                    {"file": SimpleUploadedFile("catatan.txt", b"Catatan rapat"),
                     "title": "Catatan", "is_public": "on"})
        assert not DBTaskResult.objects.exists()
    version = item.documents.get().current_version
    assert Processing.objects.get(pk=version.pk).state == S.QUEUED
    for callback in callbacks:
        callback()
    task = DBTaskResult.objects.get()
    assert task.task_path == "ppid.archive.tasks.process_version_task"
    assert task.args_kwargs["args"] == [version.pk]


def test_nothing_is_enqueued_when_the_upload_is_rolled_back(people, item, upload,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(NotAllowed):
            upload("x.txt", b"x", user=people["web"])  # web manager may not upload
    assert not DBTaskResult.objects.exists() and not Processing.objects.exists()


def _fail(version, reason="Berkas rusak."):
    Processing.objects.filter(pk=version.pk).update(state=S.FAILED, error=reason)


def test_retry_permission_and_audit(people, upload, django_capture_on_commit_callbacks):
    version = upload("catatan.txt", b"Catatan")
    _fail(version)
    # Who may upload for the unit may retry; others may not.
    for role in ("web", "superior", "admin"):
        with pytest.raises((NotAllowed, NotFound)):
            services.retry(people[role], version)
    assert not services.may_retry(people["web"], version)
    assert services.may_retry(people["unit_ppid"], version)
    with django_capture_on_commit_callbacks(execute=True):
        processing = services.retry(people["unit_ppid"], version)
    assert processing.state == S.QUEUED and processing.error == ""
    assert DBTaskResult.objects.filter(args_kwargs__args=[version.pk]).exists()
    event = AuditEvent.objects.get(action=Action.PROCESS_RETRY)
    assert event.actor_repr == "unitppid" and event.object_id == str(version.document.item_id)
    assert event.before == {"state": "failed", "error": "Berkas rusak."}
    # A queued (not stuck) or finished run is not retried.
    with pytest.raises(Conflict):
        services.retry(people["unit_ppid"], version)
    services.process_version(version.pk)
    with pytest.raises(Conflict):
        services.retry(people["ppid"], version)


def test_stuck_runs_may_be_retried(people, upload):
    version = upload("catatan.txt", b"Catatan")
    Processing.objects.filter(pk=version.pk).update(
        state=S.RUNNING, started_at=timezone.now() - timedelta(hours=2))
    assert services.retry(people["officer"], version).state == S.QUEUED


def test_unit_officer_of_another_unit_cannot_retry(people, make_item, units, upload):
    other = make_item(holder_unit=units["b"])
    version = upload("catatan.txt", b"Catatan", user=people["ppid"], target=other)
    _fail(version)
    with pytest.raises(NotAllowed):
        services.retry(people["officer"], version)


def test_exempt_item_files_stay_hidden(people, make_item, units, upload):
    secret = make_item(holder_unit=units["b"], category=Category.EXEMPT,
                       exemption_ground=ExemptionGround.H)
    version = upload("rahasia.txt", b"Rahasia", user=people["ppid"], target=secret)
    with pytest.raises(NotFound):
        services.get_staff_version(people["officer"], version.public_id)


def _page(client, item):
    return client.get(f"/ruang-kerja/informasi/{item.pk}/").content.decode()


def test_item_page_shows_each_state_and_polls_while_active(client, people, item, upload,
                                                           settings, django_assert_max_num_queries):
    settings.LANGUAGE_CODE = "en"
    client.cookies["django_language"] = "en"
    client.force_login(people["officer"])
    queued = upload("antri.txt", b"Menunggu")
    running = upload("jalan.txt", b"Berjalan")
    done = upload("selesai.txt", b"Selesai")
    failed = upload("gagal.txt", b"Gagal")
    Processing.objects.filter(pk=running.pk).update(state=S.RUNNING, progress=42, stage="ocr",
                                                     started_at=timezone.now())
    services.process_version(done.pk)
    name = default_storage.save("archive/aa/test.pdf", ContentFile(b"%PDF-1.4 arsip"))
    Processing.objects.filter(pk=done.pk).update(method=M.OCR, page_count=3, language="id",
                                                  archive_file=name, archive_sha256="ab" * 32)
    _fail(failed, "The file is damaged.")
    html = _page(client, item)
    assert "Waiting to be processed" in html
    assert 'value="42"' in html and "42%" in html and "recognising text" in html
    assert "3 pages" in html and "Indonesian" in html
    assert f"/ruang-kerja/arsip/versi/{done.public_id}/pdfa/" in html
    assert "Processing failed" in html and "The file is damaged." in html
    assert f'action="/ruang-kerja/arsip/versi/{failed.public_id}/ulangi/"' in html
    assert html.count('hx-trigger="every 2s"') == 2  # queued and running only
    assert f"/ruang-kerja/arsip/versi/{queued.public_id}/status/" in html
    # Versions and their processing come in a fixed number of queries.
    with django_assert_max_num_queries(40) as before:
        _page(client, item)
    for number in range(5):
        upload(f"extra{number}.txt", b"Tambahan")
    with django_assert_max_num_queries(len(before.captured_queries)):
        _page(client, item)


def test_status_partial_stops_polling_when_done(client, people, upload, settings):
    settings.LANGUAGE_CODE = "en"
    client.cookies["django_language"] = "en"
    client.force_login(people["superior"])  # may see, may not retry
    version = upload("catatan.txt", b"Catatan rapat")
    url = f"/ruang-kerja/arsip/versi/{version.public_id}/status/"
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in partial and "<html" not in partial
    services.process_version(version.pk)
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial and "Plain text" in partial
    _fail(version)
    assert "Retry" not in client.get(url).content.decode()


def test_retry_button_posts_and_requires_permission(client, people, item, upload, settings):
    settings.LANGUAGE_CODE = "en"
    version = upload("catatan.txt", b"Catatan")
    _fail(version)
    client.force_login(people["web"])
    assert "Retry" not in _page(client, item)
    assert client.post(f"/ruang-kerja/arsip/versi/{version.public_id}/ulangi/").status_code == 403
    assert client.get(f"/ruang-kerja/arsip/versi/{version.public_id}/ulangi/").status_code == 405
    client.force_login(people["officer"])
    assert "Retry" in _page(client, item)
    response = client.post(f"/ruang-kerja/arsip/versi/{version.public_id}/ulangi/")
    assert response.status_code == 302 and response.url == f"/ruang-kerja/informasi/{item.pk}/"
    assert Processing.objects.get(pk=version.pk).state == S.QUEUED


def test_archive_download_is_checked_and_audited(client, people, upload):
    version = upload("pindaian.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    url = f"/ruang-kerja/arsip/versi/{version.public_id}/pdfa/"
    client.force_login(people["officer"])
    assert client.get(url).status_code == 404  # no archival copy yet
    name = default_storage.save("archive/bb/copy.pdf", ContentFile(b"%PDF-1.7 arsip"))
    Processing.objects.filter(pk=version.pk).update(state=S.DONE, archive_file=name,
                                                     archive_sha256="cd" * 32)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 arsip"
    assert response["Cache-Control"] == "private, no-store"
    event = AuditEvent.objects.filter(action=Action.DOWNLOAD).get()
    assert event.after["copy"] == "pdfa" and event.actor_repr == "officer"
    client.force_login(people["admin"])  # sees the register, may not download files
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
