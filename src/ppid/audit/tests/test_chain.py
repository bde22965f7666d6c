"""The audit log is append-only and hash-chained; `ppid audit verify` finds tampering."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ppid.audit import services
from ppid.audit.models import AppendOnlyError, AuditEvent
from ppid.register import services as register
from ppid.register.constants import Status

pytestmark = pytest.mark.django_db


def _events(n):
    return [services.record("update", object_type="t", object_id=i, after={"n": i, "x": "é"})
            for i in range(n)]


def test_chain_links_and_verifies():
    events = _events(5)
    assert [e.sequence for e in events] == [1, 2, 3, 4, 5]
    for previous, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == previous.hash
    report = services.verify_chain()
    assert report.ok and report.checked == 5
    call_command("audit_verify")


def test_events_cannot_be_changed_or_deleted_through_the_orm():
    event = _events(1)[0]
    event.object_repr = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_editing_an_old_event_in_the_database_is_detected():
    _events(6)
    _raw("UPDATE audit_auditevent SET after = %s WHERE sequence = %s", ['{"n": 99}', 3])
    report = services.verify_chain()
    assert not report.ok and report.broken_at == 3
    with pytest.raises(CommandError, match="#3"):
        call_command("audit_verify")


def test_deleting_an_old_event_is_detected():
    _events(6)
    _raw("DELETE FROM audit_auditevent WHERE sequence = %s", [4])
    report = services.verify_chain()
    assert not report.ok and report.broken_at == 4


def test_deleting_the_last_event_is_detected():
    _events(3)
    _raw("DELETE FROM audit_auditevent WHERE sequence = %s", [3])
    assert not services.verify_chain().ok


def test_recomputed_rewrite_of_one_event_breaks_the_next_link():
    events = _events(4)
    tampered = AuditEvent.objects.get(sequence=2)
    tampered.actor_repr = "someone-else"
    new_hash = services.compute_hash(tampered)
    _raw("UPDATE audit_auditevent SET actor_repr = %s, hash = %s WHERE sequence = 2",
         ["someone-else", new_hash])
    report = services.verify_chain()
    assert not report.ok and report.broken_at == 3
    assert events


def test_item_changes_logins_and_downloads_are_recorded(client, make_item, people, pdf_upload):
    item = make_item()
    register.update_item(people["ppid"], item, {"title": "Judul Baru"})
    version = register.add_version(people["ppid"], item, pdf_upload())
    register.transition(people["ppid"], item, Status.DOCUMENTED)
    client.post("/ruang-kerja/masuk/", {"username": "ppid", "password": "wrong"})
    from ppid.core.tests.factories import PASSWORD

    client.post("/ruang-kerja/masuk/", {"username": "ppid", "password": PASSWORD})
    client.get(f"/ruang-kerja/berkas/{version.public_id}/")
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    for expected in ("update", "upload", "transition", "login_failed", "login", "download"):
        assert expected in actions
    update = AuditEvent.objects.get(action="update", object_id=str(item.pk),
                                    object_type="register.informationitem")
    assert update.before["title"] != "Judul Baru" and update.after == {"title": "Judul Baru"}
    assert services.verify_chain().ok


def test_user_changes_are_recorded_without_password_hashes(people):
    user = people["officer"]
    user.set_password("Another-Secret-1")
    user.first_name = "Dewi"
    user.save()
    event = AuditEvent.objects.filter(object_type="auth.user", action="update").last()
    assert event.after["first_name"] == "Dewi"
    assert event.after["password"] == "***"
    assert "Another" not in str(event.before) + str(event.after)


def test_history_export_and_cli_export(client, make_item, people, tmp_path):
    item = make_item()
    register.update_item(people["ppid"], item, {"title": "Diekspor"})
    client.force_login(people["ppid"])
    response = client.get(f"/ruang-kerja/informasi/{item.pk}/riwayat.csv")
    assert response.status_code == 200
    assert "Diekspor" in response.content.decode()
    out = tmp_path / "log.csv"
    call_command("audit_export", "--item", str(item.pk), "-o", str(out))
    assert "Diekspor" in out.read_text()
