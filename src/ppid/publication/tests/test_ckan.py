"""CKAN push (Pusat Data): the client against recorded CKAN Action API responses, and the push
against a local fake CKAN portal, including retries with backoff, giving up and manual retry."""

from __future__ import annotations

import io
import json
import socket
import urllib.error
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone, translation

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import InvalidInput, NotAllowed
from ppid.publication import changes, ckan
from ppid.publication.constants import ChangeOperation, Channel, SyncState
from ppid.publication.models import Change, ChannelRecord, DataPortal, DatasetSync
from ppid.publication.tests.fake_ckan import FakeCkan, recorded
from ppid.register import services as register
from ppid.register.constants import Category, ExemptionGround, Status
from ppid.register.signals import items_changed

pytestmark = pytest.mark.django_db

SITE = "https://ppid.example.go.id"
TOKEN = "tok-diskominfo-0123456789"
PAGE = "/ruang-kerja/publikasi/pusat-data/"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PPID_SITE_URL = SITE


@pytest.fixture
def fake():
    with FakeCkan(organizations=["diskominfo", "bappeda"],
                  tokens={TOKEN: ["diskominfo"], "tok-bappeda": ["bappeda"]}) as server:
        yield server


@pytest.fixture
def portal(fake, agency):
    return DataPortal.objects.create(name="Satu Data Provinsi", url=fake.url,
                                     organization="diskominfo", api_token=TOKEN)


@pytest.fixture
def documented(make_item):
    return make_item(title="Laporan Keuangan 2024", summary="Realisasi anggaran tahun 2024.",
                     status=Status.DOCUMENTED, category=Category.PERIODIC, year=2024,
                     responsible_official="Sekretaris Dinas")


@pytest.fixture
def publish(people, django_capture_on_commit_callbacks):
    """publish(item): through the register services, so the change log and syncs follow."""

    def run(item, target=Status.PUBLISHED):
        with django_capture_on_commit_callbacks(execute=True):
            return register.transition(people["ppid"], item, target)

    return run


@pytest.fixture
def upload(people, pdf_upload, django_capture_on_commit_callbacks):
    def run(item, name="laporan.pdf", title=""):
        with django_capture_on_commit_callbacks(execute=True):
            return register.add_version(people["ppid"], item, pdf_upload(name, name),
                                        title=title)

    return run


def sync_of(portal, item) -> DatasetSync:
    return DatasetSync.objects.get(portal=portal, item_id=item.pk)


# --------------------------------------------------------------------------------------------
# The client against recorded responses (urlopen replaced).
# --------------------------------------------------------------------------------------------


class _Response:
    def __init__(self, status, payload: bytes):
        self.status = status
        self._payload = payload

    def read(self, limit=-1):
        return self._payload

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _payload(record: dict) -> bytes:
    if "text" in record:
        return record["text"].encode()
    return json.dumps(record["body"]).encode()


@pytest.fixture
def answer(monkeypatch):
    """answer("package_show") makes the next urlopen return that recorded response."""
    seen = []

    def install(name_or_exc):
        def fake_urlopen(request, timeout=None):
            seen.append({"url": request.full_url, "headers": dict(request.header_items()),
                         "data": json.loads(request.data), "method": request.get_method(),
                         "timeout": timeout})
            if isinstance(name_or_exc, BaseException):
                raise name_or_exc
            record = recorded(name_or_exc)
            if record["status"] >= 400:
                raise urllib.error.HTTPError(request.full_url, record["status"], "error", {},
                                             io.BytesIO(_payload(record)))
            return _Response(record["status"], _payload(record))

        monkeypatch.setattr(ckan.urllib.request, "urlopen", fake_urlopen)
        return seen

    return install


def test_client_posts_json_with_the_token_and_reads_the_result(answer):
    seen = answer("package_show")
    result = ckan.CkanClient("https://data.example.go.id/", TOKEN).call(
        "package_show", {"id": "diskominfo-42"})
    assert result["name"] == "diskominfo-42"
    assert result["resources"][0]["hash"].startswith("sha256:")
    assert result["resources"][0]["mimetype"] == "application/pdf"
    assert result["state"] == "active" and result["metadata_modified"]
    call = seen[0]
    assert call["url"] == "https://data.example.go.id/api/3/action/package_show"
    assert call["method"] == "POST" and call["data"] == {"id": "diskominfo-42"}
    assert call["headers"]["Authorization"] == TOKEN
    assert call["headers"]["User-agent"] == "PPID"
    assert call["headers"]["Content-type"] == "application/json"
    assert call["timeout"] == ckan.TIMEOUT == 20


@pytest.mark.parametrize("name", ["package_create", "package_patch", "organization_show",
                                  "organization_list_for_user", "package_delete"])
def test_client_reads_each_recorded_success(answer, name):
    answer(name)
    result = ckan.CkanClient("https://data.example.go.id", TOKEN).call(name, {"id": "x"})
    assert result == recorded(name)["body"]["result"]


@pytest.mark.parametrize(("name", "cls", "status", "text"), [
    ("validation_error", ckan.PermanentError, 409, "name: That URL is already in use."),
    ("validation_error_resources", ckan.PermanentError, 409, "url: Missing value"),
    ("authorization_error", ckan.PermanentError, 403, "Access denied"),
    ("package_show_not_found", ckan.NotFoundError, 404, "Not found"),
    ("organization_show_not_found", ckan.NotFoundError, 404, "Not found"),
    ("action_not_known", ckan.PermanentError, 400, "Action name not known"),
    ("internal_server_error", ckan.RetryableError, 500, "Internal Server Error"),
    ("search_index_error", ckan.RetryableError, 500, "search index"),
    ("search_error", ckan.RetryableError, 409, "Search error"),
    ("bad_gateway", ckan.RetryableError, 502, "502 Bad Gateway"),
    ("too_many_requests", ckan.RetryableError, 429, "429 Too Many Requests"),
])
def test_client_classifies_recorded_errors(answer, name, cls, status, text):
    answer(name)
    with pytest.raises(cls) as caught:
        ckan.CkanClient("https://data.example.go.id", TOKEN).call("package_create", {})
    error = caught.value
    assert type(error) is cls
    assert error.status == status
    assert error.retryable is (cls is ckan.RetryableError)
    assert text.lower() in str(error).lower()
    assert error.raw  # the portal's own answer is kept
    if name == "validation_error":
        assert error.error_type == "Validation Error"
        assert error.fields == {"name": ["That URL is already in use."],
                                "owner_org": ["Organization does not exist"]}
        with translation.override("en"):
            assert error.describe().startswith("The portal refused the dataset: HTTP 409")


@pytest.mark.parametrize("exc", [
    urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
    urllib.error.URLError(socket.gaierror(-2, "Name or service not known")),
    TimeoutError("timed out"),
    urllib.error.URLError(TimeoutError("timed out")),
    ConnectionResetError(104, "Connection reset by peer"),
])
def test_network_failures_are_retryable(answer, exc):
    answer(exc)
    with pytest.raises(ckan.RetryableError) as caught:
        ckan.CkanClient("https://data.example.go.id", TOKEN).call("package_show", {"id": "x"})
    assert caught.value.status is None
    with translation.override("en"):
        assert caught.value.describe().startswith("The portal could not be reached")


def test_a_page_that_is_not_the_action_api_is_a_permanent_error(monkeypatch):
    monkeypatch.setattr(ckan.urllib.request, "urlopen",
                        lambda request, timeout=None: _Response(200, b"<html>Login</html>"))
    with pytest.raises(ckan.PermanentError):
        ckan.CkanClient("https://data.example.go.id", TOKEN).call("package_show", {"id": "x"})


def test_only_http_addresses_are_called():
    with pytest.raises(ckan.PermanentError):
        ckan.CkanClient("file:///etc", TOKEN).call("package_show", {"id": "x"})


# --------------------------------------------------------------------------------------------
# Item -> dataset.
# --------------------------------------------------------------------------------------------


def test_dataset_names_follow_ckan_rules():
    portal = DataPortal(organization="Dinas Kominfo", name_prefix="")
    assert ckan.dataset_name(portal, 42) == "dinas-kominfo-42"
    portal.name_prefix = "ppid-kalteng"
    assert ckan.dataset_name(portal, 7) == "ppid-kalteng-7"
    portal = DataPortal(organization="x" * 120)
    name = ckan.dataset_name(portal, 123456)
    assert len(name) == 100 and name.endswith("-123456") and ckan.valid_name(name)
    portal = DataPortal(organization="!!!")
    assert ckan.dataset_name(portal, 5) == "ppid-5"
    assert not ckan.valid_name("Bad Name") and not ckan.valid_name("a")


def test_backoff_doubles_from_one_minute_up_to_six_hours():
    delays = [ckan.backoff(n) for n in range(1, 11)]
    for n, delay in enumerate(delays[:5], start=1):
        base = timedelta(minutes=2 ** (n - 1))
        assert base <= delay <= base * 1.1
    assert all(a < b for a, b in zip(delays[:-1], delays[1:], strict=True))
    assert timedelta(hours=6) <= delays[-1] <= timedelta(hours=6) * 1.1


# --------------------------------------------------------------------------------------------
# The push against the fake portal.
# --------------------------------------------------------------------------------------------


def test_publishing_creates_the_dataset_with_its_resources(fake, portal, documented, publish,
                                                           upload):
    version = upload(documented, "laporan-keuangan.pdf", title="Laporan Keuangan 2024")
    assert not DatasetSync.objects.exists()  # not public yet: nothing to send
    publish(documented)
    sync = sync_of(portal, documented)
    latest = Change.objects.filter(item_id=documented.pk).latest("pk")
    assert latest.operation == ChangeOperation.UPSERT
    assert sync.state == SyncState.PENDING and sync.wanted_change == latest.pk

    assert ckan.push_due() == {"sent": 1, "deleted": 0, "retrying": 0, "failed": 0,
                               "skipped": 0}
    name = f"diskominfo-{documented.pk}"
    dataset = fake.active(name)
    assert dataset is not None
    assert dataset["title"] == "Laporan Keuangan 2024"
    assert dataset["notes"] == "Realisasi anggaran tahun 2024."
    assert dataset["owner_org"] == fake.organizations["diskominfo"]["id"]
    assert dataset["license_id"] == "cc-by"
    assert dataset["url"] == SITE + reverse("portal:item", args=[documented.pk])
    assert {t["name"] for t in dataset["tags"]} >= {"ppid", "2024"}
    extras = {e["key"]: e["value"] for e in dataset["extras"]}
    assert extras["ppid_item_id"] == str(documented.pk) and extras["ppid_year"] == "2024"
    assert extras["ppid_responsible_official"] == "Sekretaris Dinas"
    [resource] = dataset["resources"]
    assert resource["name"] == "Laporan Keuangan 2024"
    assert resource["url"] == SITE + reverse("portal:download", args=[version.public_id])
    assert resource["format"] == "PDF" and resource["mimetype"] == "application/pdf"
    assert resource["size"] == version.size and resource["hash"] == f"sha256:{version.sha256}"
    assert fake.actions() == ["package_show", "package_create"]
    assert {c["authorization"] for c in fake.calls} == {TOKEN}
    assert {c["user_agent"] for c in fake.calls} == {"PPID"}

    sync.refresh_from_db()
    assert sync.state == SyncState.SYNCED and sync.attempts == 0 and sync.last_error == ""
    assert sync.synced_change == latest.pk and sync.synced_at is not None
    assert sync.dataset_name == name and sync.dataset_id == dataset["id"]
    record = ChannelRecord.objects.get(item=documented, channel=Channel.DATA_CENTER)
    assert record.reference == f"{fake.url}/dataset/{name}"
    assert record.automatic and record.published_by is None
    assert record.published_on == timezone.localdate()
    assert ckan.push_due()["sent"] == 0  # nothing due any more


def test_an_update_changes_the_same_dataset(fake, portal, documented, publish, upload, people,
                                            django_capture_on_commit_callbacks):
    upload(documented, "laporan.pdf", title="Laporan")
    item = publish(documented)
    ckan.push_due()
    name = f"diskominfo-{documented.pk}"
    first = fake.active(name)
    first_resource = first["resources"][0]["id"]

    with django_capture_on_commit_callbacks(execute=True):
        register.update_item(people["ppid"], item,
                             {"title": "Laporan Keuangan 2024 (revisi)"})
    upload(documented, "lampiran.pdf", title="Lampiran")
    sync = sync_of(portal, documented)
    assert sync.state == SyncState.PENDING
    fake.calls.clear()
    assert ckan.push_due()["sent"] == 1
    assert fake.actions() == ["package_show", "package_patch"]
    dataset = fake.active(name)
    assert dataset["id"] == first["id"] and len(fake.datasets) == 1
    assert dataset["title"] == "Laporan Keuangan 2024 (revisi)"
    assert [r["name"] for r in dataset["resources"]] == ["Laporan", "Lampiran"]
    assert dataset["resources"][0]["id"] == first_resource  # kept
    # Still one Pusat Data record for this publication.
    assert ChannelRecord.objects.filter(item=documented, channel=Channel.DATA_CENTER).count() == 1


def test_a_withdrawal_deletes_the_dataset_and_republishing_restores_it(fake, portal, documented,
                                                                       publish):
    publish(documented)
    ckan.push_due()
    name = f"diskominfo-{documented.pk}"
    dataset_id = fake.active(name)["id"]
    publish(documented, Status.WITHDRAWN)
    sync = sync_of(portal, documented)
    assert sync.state == SyncState.PENDING
    assert Change.objects.filter(item_id=documented.pk).latest("pk").operation == "delete"
    fake.calls.clear()
    assert ckan.push_due()["deleted"] == 1
    assert fake.actions() == ["package_delete"]
    assert fake.calls[0]["data"] == {"id": dataset_id}
    assert fake.datasets[name]["state"] == "deleted" and fake.active(name) is None
    sync.refresh_from_db()
    assert sync.state == SyncState.SYNCED

    publish(documented)  # again: the same dataset comes back
    assert ckan.push_due()["sent"] == 1
    assert fake.active(name)["id"] == dataset_id
    assert ChannelRecord.objects.filter(item=documented, channel=Channel.DATA_CENTER).count() == 2


def test_a_delete_of_a_dataset_the_portal_does_not_have_counts_as_done(fake, portal,
                                                                       published_item):
    sync = DatasetSync.objects.create(portal=portal, item_id=published_item.pk + 1000,
                                      dataset_name="diskominfo-999", wanted_change=5)
    assert ckan.push_due()["deleted"] == 1
    sync.refresh_from_db()
    assert sync.state == SyncState.SYNCED and sync.synced_change == 5


def test_failures_retry_with_growing_backoff_then_succeed(fake, portal, documented, publish):
    publish(documented)
    fake.fail_next(2)
    t0 = timezone.now()
    assert ckan.push_due(now=t0)["retrying"] == 1
    sync = sync_of(portal, documented)
    assert sync.state == SyncState.RETRYING and sync.attempts == 1
    first_wait = sync.next_attempt_at - t0
    assert timedelta(minutes=1) <= first_wait <= timedelta(minutes=1.1)
    assert "HTTP 500" in sync.last_error and "Internal Server Error" in sync.last_error

    calls = len(fake.calls)
    assert ckan.push_due(now=t0 + timedelta(seconds=30))["retrying"] == 0  # not due yet
    assert len(fake.calls) == calls

    t1 = sync.next_attempt_at
    assert ckan.push_due(now=t1)["retrying"] == 1
    sync.refresh_from_db()
    assert sync.attempts == 2 and sync.state == SyncState.RETRYING
    second_wait = sync.next_attempt_at - t1
    assert timedelta(minutes=2) <= second_wait <= timedelta(minutes=2.2)
    assert second_wait > first_wait

    assert ckan.push_due(now=sync.next_attempt_at)["sent"] == 1
    sync.refresh_from_db()
    assert sync.state == SyncState.SYNCED and sync.attempts == 0 and sync.last_error == ""
    assert sync.next_attempt_at is None
    assert fake.active(f"diskominfo-{documented.pk}") is not None


def test_ten_failures_give_up_and_a_manual_retry_sends(fake, portal, documented, publish, people):
    publish(documented)
    fake.fail_next(ckan.MAX_ATTEMPTS)
    now = timezone.now()
    waits = []
    for attempt in range(1, ckan.MAX_ATTEMPTS + 1):
        ckan.push_due(now=now)
        sync = sync_of(portal, documented)
        assert sync.attempts == attempt
        if sync.next_attempt_at:
            waits.append(sync.next_attempt_at - now)
            now = sync.next_attempt_at
    assert sync.state == SyncState.FAILED and sync.next_attempt_at is None
    assert len(waits) == ckan.MAX_ATTEMPTS - 1
    assert max(waits) <= timedelta(hours=6) * 1.1
    calls = len(fake.calls)
    assert ckan.push_due(now=now + timedelta(days=2))["sent"] == 0  # no automatic retries
    assert len(fake.calls) == calls

    with pytest.raises(NotAllowed):
        ckan.retry(people["officer"], sync)
    outcome = ckan.retry(people["ppid"], sync)
    assert outcome.ok
    sync.refresh_from_db()
    assert sync.state == SyncState.SYNCED and sync.attempts == 0
    assert AuditEvent.objects.filter(action=Action.DATA_PUSH_RETRY).exists()


def test_a_timeout_is_retried(fake, portal, documented, publish, monkeypatch):
    monkeypatch.setattr(ckan, "TIMEOUT", 0.3)
    publish(documented)
    fake.hang_next(1, 1.5)
    with translation.override("en"):
        assert ckan.push_due()["retrying"] == 1
    sync = sync_of(portal, documented)
    assert sync.state == SyncState.RETRYING and "no answer within 0.3 seconds" in sync.last_error


def test_an_unreachable_portal_is_retried_and_not_hammered(portal, make_item, publish, agency):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    portal.url = f"http://127.0.0.1:{closed}"
    portal.save()
    for n in range(3):
        publish(make_item(title=f"Item {n}", status=Status.DOCUMENTED))
    counts = ckan.push_due()
    assert counts["retrying"] == 1 and counts["skipped"] == 2  # the rest wait for the next run
    assert DatasetSync.objects.filter(state=SyncState.PENDING).count() == 2


def test_a_wrong_token_is_a_permanent_error_shown_on_the_page(fake, portal, documented, publish,
                                                              client, people):
    portal.api_token = "wrong-token"
    portal.save()
    publish(documented)
    with translation.override("en"):
        assert ckan.push_due()["failed"] == 1
    sync = sync_of(portal, documented)
    assert sync.state == SyncState.FAILED and sync.attempts == 1
    assert sync.next_attempt_at is None
    assert "Access denied" in sync.last_error and "HTTP 403" in sync.last_error
    assert fake.active(f"diskominfo-{documented.pk}") is None

    client.force_login(people["ppid"])
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Access denied" in html and documented.title in html
    assert "wrong-token" not in html

    # Fixing the token makes what gave up due again.
    ckan.update_portal(people["ppid"], portal, {"api_token": TOKEN})
    sync.refresh_from_db()
    assert sync.state == SyncState.PENDING and sync.attempts == 0
    assert ckan.push_due()["sent"] == 1


def test_an_unknown_organization_is_a_permanent_error(fake, portal, documented, publish):
    portal.organization = "tidak-ada"
    portal.save()
    publish(documented)
    assert ckan.push_due()["failed"] == 1
    sync = sync_of(portal, documented)
    assert "owner_org: Organization does not exist" in sync.last_error


def test_exempt_items_are_never_sent(fake, portal, make_item, people):
    exempt = make_item(title="Dokumen Rahasia", category=Category.EXEMPT,
                       exemption_ground=ExemptionGround.H, status=Status.DOCUMENTED)
    items_changed.send(sender=None, item_ids=[exempt.pk])
    assert not Change.objects.filter(item_id=exempt.pk).exists()
    assert ckan.enqueue_all(portal) == 0
    assert not DatasetSync.objects.filter(item_id=exempt.pk).exists()
    ckan.push_due()
    assert fake.calls == [] and fake.datasets == {}
    # Even a stray sync row never sends it: not public means "delete" there.
    DatasetSync.objects.create(portal=portal, item_id=exempt.pk, dataset_name="x-1")
    ckan.push_due()
    assert fake.actions() == ["package_delete"] and fake.datasets == {}


def test_a_change_during_the_push_stays_due(fake, portal, documented, publish, monkeypatch):
    publish(documented)
    real_send = ckan.send

    def send_then_change(sync, **kw):
        outcome = real_send(sync, **kw)
        changes.record([documented.pk])  # committed while we were sending
        return outcome

    monkeypatch.setattr(ckan, "send", send_then_change)
    ckan.push_due()
    sync = sync_of(portal, documented)
    assert sync.state == SyncState.PENDING and sync.synced_change < sync.wanted_change
    monkeypatch.setattr(ckan, "send", real_send)
    assert ckan.push_due()["sent"] == 1
    sync.refresh_from_db()
    assert sync.state == SyncState.SYNCED and sync.synced_change == sync.wanted_change


# --------------------------------------------------------------------------------------------
# Configuration services.
# --------------------------------------------------------------------------------------------


def test_a_new_portal_gets_every_public_item(fake, people, make_item):
    items = [make_item(status=Status.PUBLISHED, category=Category.PERIODIC) for _ in range(3)]
    make_item(status=Status.DOCUMENTED)
    changes.record_all_public()
    with pytest.raises(NotAllowed):
        ckan.create_portal(people["officer"], {"name": "X", "url": fake.url,
                                               "organization": "diskominfo",
                                               "api_token": TOKEN})
    portal = ckan.create_portal(people["web"], {"name": "Satu Data", "url": fake.url + "/",
                                                "organization": "diskominfo",
                                                "api_token": TOKEN})
    assert portal.url == fake.url
    syncs = {s.item_id: s for s in portal.syncs.all()}
    assert set(syncs) == {i.pk for i in items}
    for item in items:
        latest = Change.objects.filter(item_id=item.pk).latest("pk").pk
        assert syncs[item.pk].wanted_change == latest
        assert syncs[item.pk].state == SyncState.PENDING
    event = AuditEvent.objects.get(action=Action.DATA_PORTAL_CHANGE)
    assert TOKEN not in json.dumps([event.before, event.after])
    assert event.after["api_token_set"] is True
    assert ckan.push_due()["sent"] == 3 and len(fake.datasets) == 3


def test_portal_settings_are_validated(people):
    with pytest.raises(InvalidInput) as caught:
        ckan.create_portal(people["ppid"], {"name": "", "url": "ftp://x", "organization": "A B",
                                            "api_token": ""})
    assert set(caught.value.field_errors) == {"name", "url", "organization", "api_token"}


def test_enabling_a_portal_sends_what_was_published_meanwhile(fake, portal, documented, publish,
                                                              people):
    ckan.update_portal(people["ppid"], portal, {"enabled": False})
    publish(documented)
    assert not DatasetSync.objects.exists()
    ckan.update_portal(people["ppid"], portal, {"enabled": True})
    assert sync_of(portal, documented).state == SyncState.PENDING
    # An empty token in the form keeps the stored one.
    ckan.update_portal(people["ppid"], portal, {"name": "Satu Data", "api_token": ""})
    portal.refresh_from_db()
    assert portal.api_token == TOKEN and portal.name == "Satu Data"
    for event in AuditEvent.objects.filter(action=Action.DATA_PORTAL_CHANGE):
        assert TOKEN not in json.dumps([event.before, event.after])


def test_withdrawn_while_disabled_is_deleted_when_enabled(fake, portal, documented, publish,
                                                          people):
    publish(documented)
    ckan.push_due()
    ckan.update_portal(people["ppid"], portal, {"enabled": False})
    publish(documented, Status.WITHDRAWN)
    ckan.update_portal(people["ppid"], portal, {"enabled": True})
    assert ckan.push_due()["deleted"] == 1
    assert fake.active(f"diskominfo-{documented.pk}") is None


def test_check_connection(fake, portal, people):
    with translation.override("en"):
        result = ckan.check_connection(people["ppid"], portal)
        assert result.ok and "Diskominfo" in result.message
        assert fake.actions() == ["organization_show", "organization_list_for_user"]
        portal.api_token = "tok-bappeda"  # valid, but not an editor of diskominfo
        result = ckan.check_connection(people["ppid"], portal)
        assert not result.ok and "may not add datasets" in result.message
        portal.organization = "tidak-ada"
        result = ckan.check_connection(people["ppid"], portal)
        assert not result.ok and "no organization" in result.message
    with pytest.raises(NotAllowed):
        ckan.check_connection(people["officer"], portal)


# --------------------------------------------------------------------------------------------
# The workspace page, the API and the command.
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["ppid", "web", "admin"])
def test_the_page_renders_for_those_who_manage_the_data_center(client, people, portal, role):
    client.force_login(people[role])
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert portal.name in html and TOKEN not in html


@pytest.mark.parametrize("role", ["officer", "unit_ppid", "head", "superior"])
def test_the_page_is_forbidden_to_others(client, people, portal, role):
    client.force_login(people[role])
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}portal/{portal.pk}/").status_code == 403
    assert client.post(f"{PAGE}portal/{portal.pk}/coba-lagi/").status_code == 403


def test_the_token_is_never_shown(client, people, portal):
    client.force_login(people["ppid"])
    html = client.get(f"{PAGE}portal/{portal.pk}/").content.decode()
    assert TOKEN not in html
    assert 'name="api_token"' in html and 'type="password"' in html
    # Saving without a token keeps it.
    response = client.post(f"{PAGE}portal/{portal.pk}/", {
        "name": "Satu Data Kalteng", "url": portal.url, "organization": "diskominfo",
        "api_token": "", "name_prefix": "", "license_id": "cc-by", "enabled": "on"})
    assert response.status_code == 302
    portal.refresh_from_db()
    assert portal.name == "Satu Data Kalteng" and portal.api_token == TOKEN
    html = client.get(PAGE).content.decode()
    assert TOKEN not in html


def test_adding_a_portal_through_the_page(client, people, fake, published_item):
    changes.record_all_public()
    client.force_login(people["ppid"])
    data = {"name": "Satu Data Indonesia", "url": fake.url, "organization": "diskominfo",
            "api_token": "", "name_prefix": "", "license_id": "cc-by", "enabled": "on"}
    response = client.post(f"{PAGE}portal-baru/", data)
    assert response.status_code == 200  # the token is required for a new portal
    assert not DataPortal.objects.exists()
    response = client.post(f"{PAGE}portal-baru/", {**data, "api_token": TOKEN})
    assert response.status_code == 302
    portal = DataPortal.objects.get()
    assert portal.api_token == TOKEN
    assert portal.syncs.get().item_id == published_item.pk
    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert TOKEN not in page and "Satu Data Indonesia" in page


def test_page_actions(client, people, fake, portal, documented, publish):
    publish(documented)
    fake.fail_next(1)
    ckan.push_due()
    sync = sync_of(portal, documented)
    client.force_login(people["ppid"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the product ignores Accept-Language
    response = client.post(f"{PAGE}portal/{portal.pk}/uji/", follow=True)
    assert "Connected" in response.content.decode()
    response = client.post(f"{PAGE}kiriman/{sync.pk}/coba-lagi/", follow=True,
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    sync.refresh_from_db()
    assert sync.state == SyncState.SYNCED
    response = client.post(f"{PAGE}portal/{portal.pk}/kirim-ulang/")
    assert response.status_code == 302
    sync.refresh_from_db()
    assert sync.state == SyncState.PENDING
    response = client.post(f"{PAGE}portal/{portal.pk}/coba-lagi/")
    assert response.status_code == 302
    response = client.post(f"{PAGE}portal/{portal.pk}/hapus/")
    assert response.status_code == 302 and not DataPortal.objects.exists()


def test_api_status_and_retry(client, token_for, people, fake, portal, documented, publish):
    publish(documented)
    portal.api_token = "wrong"
    portal.save()
    ckan.push_due()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for(people['ppid'])}"}
    response = client.get("/api/v1/data-portals", **auth)
    assert response.status_code == 200
    [body] = response.json()
    assert body["counts"] == {"pending": 0, "synced": 0, "retrying": 0, "failed": 1}
    assert body["api_token_set"] is True and "wrong" not in json.dumps(body)
    assert body["problems"][0]["item_id"] == documented.pk

    officer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(people['officer'])}"}
    assert client.get("/api/v1/data-portals", **officer).status_code == 403
    assert client.post(f"/api/v1/data-portals/{portal.pk}/retry", **officer).status_code == 403

    response = client.post(f"/api/v1/data-portals/{portal.pk}/retry", **auth)
    assert response.status_code == 200 and response.json()["queued"] == 1
    assert sync_of(portal, documented).state == SyncState.PENDING

    portal.api_token = TOKEN
    portal.save()
    sync = sync_of(portal, documented)
    response = client.post(f"/api/v1/data-portals/{portal.pk}/retry?sync_id={sync.pk}", **auth)
    assert response.status_code == 200
    assert response.json()["sent"] is True
    assert response.json()["portal"]["counts"]["synced"] == 1
    assert client.post("/api/v1/data-portals/9999/retry", **auth).status_code == 404


def test_the_command(fake, portal, documented, publish):
    publish(documented)
    out = io.StringIO()
    call_command("push_data_portals", stdout=out)
    assert "sent 1" in out.getvalue()
    portal.api_token = "wrong"
    portal.save()
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("push_data_portals", "--all", stdout=out)
    assert "Access denied" in out.getvalue()


def test_a_fault_inside_ppid_is_retried_without_blocking_the_portal(fake, portal, make_item,
                                                                   publish, monkeypatch):
    first = publish(make_item(title="Satu", status=Status.DOCUMENTED))
    publish(make_item(title="Dua", status=Status.DOCUMENTED))
    real_build = ckan.build_dataset

    def build(portal_, record, name):
        if record["id"] == first.pk:
            raise KeyError("summary")
        return real_build(portal_, record, name)

    monkeypatch.setattr(ckan, "build_dataset", build)
    with translation.override("en"):
        counts = ckan.push_due()
    assert counts["retrying"] == 1 and counts["sent"] == 1
    sync = sync_of(portal, first)
    assert sync.state == SyncState.RETRYING
    assert sync.last_error.startswith("PPID could not prepare the dataset: KeyError")
