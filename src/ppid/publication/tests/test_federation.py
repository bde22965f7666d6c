"""Federation: a PPID Utama harvests PPID Pelaksana instances through their change feeds.

The main test starts a second instance of the product as a real server (its own data folder
and SQLite database), harvests it, changes it, and harvests again. The other tests use a small
fake instance (http.server in a thread) or nothing at all.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict
from ppid.publication import federation, feed, views_feed
from ppid.publication.models import FederationSource, HarvestedItem
from ppid.register.constants import Category, Status

SERVER_START_SECONDS = 60


def fetch(request, timeout=20):
    """urlopen for the local test servers (http://127.0.0.1 only)."""
    url = request.full_url if isinstance(request, urllib.request.Request) else request
    assert url.startswith("http://127.0.0.1:")
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - checked above


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# A second instance of the product, as a real server process.
# ---------------------------------------------------------------------------------------------

# Run by `ppid shell -c` in the second instance: migrate its own SQLite database, fill its
# register through the register services, issue an API token, then `ppid serve` (in the same
# process, to save a start-up).
SETUP = textwrap.dedent("""
    import json
    from django.core.management import call_command
    call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from ppid.conftest import pdf_bytes
    from ppid.core.constants import Role
    from ppid.core.models import Agency, ApiToken, Position, Unit
    from ppid.register import services as register
    from ppid.register.constants import Category, Status

    agency = Agency.objects.create(name="Dinas Kesehatan Uji", email="ppid@dinkes.example")
    unit = Unit.objects.create(agency=agency, name="Sekretariat Dinas Kesehatan")
    user = get_user_model().objects.create_user("ppid-dinkes", password="Rahasia-Uji-2026")
    Position.objects.create(user=user, unit=unit, role=Role.PPID, title="PPID")

    def make(title, category, **extra):
        return register.create_item(user, {
            "title": title, "summary": "Ringkasan " + title, "category": category,
            "year": 2025, "holder_unit": unit, "responsible_official": "Kepala Dinas",
            "form": "soft", **extra})

    ids = {}
    for key, title, category in [("report", "Laporan Kinerja Dinas Kesehatan", "periodic"),
                                 ("budget", "Rencana Anggaran Puskesmas", "on_request"),
                                 ("outbreak", "Peringatan Wabah Demam Berdarah", "immediate")]:
        item = make(title, category)
        if key == "report":
            register.add_version(user, item, SimpleUploadedFile(
                "lakip.pdf", pdf_bytes("LAKIP"), content_type="application/pdf"), title="LAKIP")
        register.transition(user, item, Status.DOCUMENTED)
        register.transition(user, item, Status.PUBLISHED)
        ids[key] = item.pk
    exempt = make("Rekam Medis Pasien Rahasia", Category.EXEMPT, exemption_ground="17h")
    register.transition(user, exempt, Status.DOCUMENTED)
    ids["exempt"] = exempt.pk
    ids["draft"] = make("Draf Belum Terbit Dinkes", "periodic").pk
    print("IDS=" + json.dumps(ids), flush=True)
    print("TOKEN=" + ApiToken.issue(user, "federation test"), flush=True)
    call_command("serve", host="127.0.0.1", port=PORT, no_worker=True, no_scheduler=True,
                 no_migrate=True, threads=4)
""")


class Instance:
    """A second instance of the product, in its own data folder (always SQLite)."""

    def __init__(self, data_dir, port):
        self.data_dir = data_dir
        self.base_url = f"http://127.0.0.1:{port}"
        self.port = port
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        self.env.update(PPID_DATA_DIR=str(data_dir), PPID_SITE_URL="", PPID_DEBUG="false",
                        PPID_HTTPS="false", PPID_ALLOWED_HOSTS="127.0.0.1,localhost",
                        PPID_LOG_LEVEL="WARNING", PPID_STORAGE="local")
        self.log = data_dir / "instance.log"
        self.ids: dict[str, int] = {}
        self.token = ""

    def output(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def api(self, method: str, path: str, payload: dict | None = None) -> dict:
        """The instance's staff API, as its staff would use it."""
        request = urllib.request.Request(  # noqa: S310 - a local test server
            self.base_url + path, method=method, data=json.dumps(payload or {}).encode(),
            headers={"Authorization": f"Bearer {self.token}",
                     "Content-Type": "application/json"})
        with fetch(request) as response:
            return json.loads(response.read())


@pytest.fixture(scope="module")
def pelaksana(tmp_path_factory):
    """A PPID Pelaksana served by `ppid serve` on a free port; always stopped at the end."""
    instance = Instance(tmp_path_factory.mktemp("pelaksana"), free_port())
    code = SETUP.replace("PORT", str(instance.port))
    with open(instance.log, "w") as log:
        process = subprocess.Popen([sys.executable, "-m", "ppid", "shell", "-c", code],
                                   env=instance.env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            assert process.poll() is None, instance.output()[-3000:]
            try:
                with fetch(f"{instance.base_url}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the second instance did not start"
            time.sleep(0.2)
        out = instance.output()
        instance.ids = json.loads(out.split("IDS=", 1)[1].splitlines()[0])
        instance.token = out.split("TOKEN=", 1)[1].splitlines()[0].strip()
        yield instance
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture
def main_ppid(agency):
    agency.is_main_ppid = True
    agency.save()
    return agency


def test_federation_between_two_instances(pelaksana, main_ppid, client, make_item):
    own = make_item(title="Informasi Milik PPID Utama", status=Status.PUBLISHED,
                    category=Category.PERIODIC)
    source = FederationSource.objects.create(name="PPID Dinas Kesehatan",
                                             base_url=pelaksana.base_url)
    ids = pelaksana.ids
    public = {ids["report"], ids["budget"], ids["outbreak"]}

    outcome = federation.harvest_all()["sources"][str(source.pk)]
    assert outcome["error"] == ""
    assert outcome["upserted"] == 3 and outcome["deleted"] == 0
    harvested = {h.remote_id: h for h in HarvestedItem.objects.filter(source=source)}
    assert set(harvested) == public  # neither the exempt item nor the draft
    report = harvested[ids["report"]]
    assert report.title == "Laporan Kinerja Dinas Kesehatan"
    assert report.url == f"{pelaksana.base_url}/informasi/{ids['report']}/"
    assert report.holder == "Sekretariat Dinas Kesehatan"
    assert report.category == Category.PERIODIC and report.year == 2025
    assert report.published_at is not None
    assert [d["title"] for d in report.data["documents"]] == ["LAKIP"]
    source.refresh_from_db()
    assert source.last_success_at and source.last_error == "" and source.failures == 0
    first_cursor = source.cursor
    assert feed.decode_cursor(first_cursor) > 0

    page = client.get("/jaringan/").content.decode()
    for remote_id in public:
        assert f'href="{pelaksana.base_url}/informasi/{remote_id}/"' in page
    assert "PPID Dinas Kesehatan" in page
    assert f'href="/informasi/{own.pk}/"' in page  # own items link to the local page
    assert "Rekam Medis" not in page and "Draf Belum Terbit" not in page
    # The harvested link really is the item's page at the source.
    with fetch(report.url) as response:
        assert "Laporan Kinerja Dinas Kesehatan" in response.read().decode()

    # The PPID Pelaksana withdraws an item (through its staff API): the next harvest follows.
    assert pelaksana.api("POST", f"/api/v1/items/{ids['budget']}/transition",
                         {"to": "withdrawn"})["status"] == "withdrawn"
    again = federation.harvest(source)
    assert again["error"] == ""
    assert again["deleted"] == 1 and again["upserted"] == 0
    assert set(HarvestedItem.objects.filter(source=source).values_list("remote_id", flat=True)) \
        == {ids["report"], ids["outbreak"]}
    source.refresh_from_db()
    assert feed.decode_cursor(source.cursor) > feed.decode_cursor(first_cursor)
    assert "Rencana Anggaran Puskesmas" not in client.get("/jaringan/").content.decode()

    # Nothing new: the cursor stays, nothing changes.
    cursor = source.cursor
    quiet = federation.harvest(source)
    assert (quiet["upserted"], quiet["deleted"], quiet["error"]) == (0, 0, "")
    source.refresh_from_db()
    assert source.cursor == cursor


# ---------------------------------------------------------------------------------------------
# A fake instance (for failures, paging and what is refused).
# ---------------------------------------------------------------------------------------------


class FakeInstance:
    def __init__(self):
        self.responses: list = []  # (status, content type, body) in order; the last repeats
        self.requests: list[dict] = []
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def page(self, changes, next_cursor, has_more=False, status=200):
        body = json.dumps({"changes": changes, "next_cursor": next_cursor,
                           "has_more": has_more, "catalog": ""})
        self.responses.append((status, "application/json", body))

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                fake.requests.append({"path": self.path,
                                      "agent": self.headers.get("User-Agent")})
                status, content_type, body = (fake.responses.pop(0) if len(fake.responses) > 1
                                              else fake.responses[0])
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def fake():
    instance = FakeInstance()
    instance.thread.start()
    try:
        yield instance
    finally:
        instance.server.shutdown()
        instance.server.server_close()


def record(remote_id, title="Informasi Pelaksana", **extra):
    return {"id": remote_id, "url": f"https://ppid.dinas.example/informasi/{remote_id}/",
            "title": title, "summary": "Ringkasan", "category": "periodic",
            "category_label": "Berkala", "year": 2025, "holder_unit": "Bidang Uji",
            "published_at": "2026-01-05T10:00:00+08:00", "modified_at": "2026-01-06T10:00:00Z",
            "documents": [], **extra}


def upsert(remote_id, cursor, **extra):
    return {"cursor": cursor, "operation": "upsert", "item_id": remote_id,
            "item": record(remote_id, **extra)}


def delete(remote_id, cursor):
    return {"cursor": cursor, "operation": "delete", "item_id": remote_id, "item": None}


@pytest.fixture
def source(fake, main_ppid):
    return FederationSource.objects.create(name="PPID Bidang Uji", base_url=fake.base_url)


def test_pages_are_followed_and_the_cursor_is_sent(fake, source):
    fake.page([upsert(1, "c1"), upsert(2, "c2")], "c2", has_more=True)
    fake.page([delete(1, "c3"), upsert(3, "c4", title="Baru")], "c4")
    result = federation.harvest(source)
    assert (result["pages"], result["upserted"], result["deleted"]) == (2, 3, 1)
    assert set(HarvestedItem.objects.values_list("remote_id", flat=True)) == {2, 3}
    assert [r["path"] for r in fake.requests] == [
        "/api/v1/public/changes?limit=500", "/api/v1/public/changes?since=c2&limit=500"]
    assert {r["agent"] for r in fake.requests} == {federation.USER_AGENT}
    source.refresh_from_db()
    assert source.cursor == "c4"
    item = HarvestedItem.objects.get(remote_id=2)
    assert item.published_at.isoformat() == "2026-01-05T02:00:00+00:00"
    assert item.data["holder_unit"] == "Bidang Uji"


def test_unreachable_source_records_the_error_and_keeps_items(main_ppid):
    source = FederationSource.objects.create(name="Mati", cursor="c5",
                                             base_url=f"http://127.0.0.1:{free_port()}")
    HarvestedItem.objects.create(source=source, remote_id=9, title="Tetap ada",
                                 category="periodic", url="https://x.example/informasi/9/")
    for failures in (1, 2):
        result = federation.harvest_all()["sources"][str(source.pk)]
        assert result["error"]
        source.refresh_from_db()
        assert source.failures == failures
        assert source.last_error == result["error"]
        assert source.last_harvest_at and source.last_success_at is None
        assert source.cursor == "c5"
    assert HarvestedItem.objects.filter(source=source, title="Tetap ada").exists()


@pytest.mark.parametrize("response", [
    (200, "text/html", "<html><body>Bukan PPID</body></html>"),
    (200, "application/json", json.dumps({"status": "ok"})),
    (500, "application/json", json.dumps({"message_en": "Server broke"})),
    (200, "application/json", json.dumps({"changes": [{"operation": "upsert", "item_id": 1,
                                                         "item": {"category": "periodic"}}],
                                          "next_cursor": "c1", "has_more": False})),
])
def test_invalid_answers_are_recorded_and_change_nothing(fake, source, response):
    HarvestedItem.objects.create(source=source, remote_id=1, title="Lama", category="periodic",
                                 url="https://x.example/informasi/1/")
    fake.responses.append(response)
    result = federation.harvest(source)
    assert result["error"]
    source.refresh_from_db()
    assert source.failures == 1 and source.cursor == ""
    assert HarvestedItem.objects.get(remote_id=1).title == "Lama"


def test_an_interrupted_harvest_resumes_after_the_last_good_page(fake, source):
    fake.page([upsert(1, "c1")], "c1", has_more=True)
    fake.responses.append((503, "text/plain", "maintenance"))
    result = federation.harvest(source)
    assert result["error"] and result["upserted"] == 1
    source.refresh_from_db()
    assert source.cursor == "c1" and source.failures == 1
    assert HarvestedItem.objects.filter(remote_id=1).exists()
    fake.responses[:] = []
    fake.page([upsert(2, "c2")], "c2")
    assert federation.harvest(source)["error"] == ""
    assert fake.requests[-1]["path"] == "/api/v1/public/changes?since=c1&limit=500"
    source.refresh_from_db()
    assert (source.cursor, source.failures, source.last_error) == ("c2", 0, "")


def test_exempt_records_and_unsafe_links_never_reach_the_portal(fake, source, client):
    HarvestedItem.objects.create(source=source, remote_id=7, title="Dulu terbuka",
                                 category="periodic", url="https://x.example/informasi/7/")
    fake.page([upsert(7, "c1", category="exempt"),
               upsert(8, "c2", url="javascript:alert(1)", title="Tautan aneh")], "c2")
    assert federation.harvest(source)["error"] == ""
    assert not HarvestedItem.objects.filter(remote_id=7).exists()
    item = HarvestedItem.objects.get(remote_id=8)
    assert item.url == f"{fake.base_url}/informasi/8/"
    page = client.get("/jaringan/").content.decode()
    assert "javascript:" not in page and "Dulu terbuka" not in page


def test_only_the_main_ppid_harvests_and_shows_the_network(fake, agency, client, people):
    source = FederationSource.objects.create(name="X", base_url=fake.base_url)
    assert federation.harvest_all() == {"main_ppid": False, "sources": {}}
    assert client.get("/jaringan/").status_code == 404
    with translation.override("en"), pytest.raises(Conflict):
        federation.harvest_now(people["ppid"], source)
    with pytest.raises(CommandError):
        call_command("harvest_federation")
    assert fake.requests == []


# ---------------------------------------------------------------------------------------------
# The network page of the portal.
# ---------------------------------------------------------------------------------------------


def test_network_page_filters_and_pages(main_ppid, make_item, client, monkeypatch):
    first = FederationSource.objects.create(name="PPID Dinas Pendidikan",
                                            base_url="https://ppid.disdik.example")
    second = FederationSource.objects.create(name="PPID Dinas Sosial",
                                             base_url="https://ppid.dinsos.example")
    off = FederationSource.objects.create(name="PPID Mati", enabled=False,
                                          base_url="https://ppid.mati.example")
    make_item(title="Anggaran Sekretariat Utama", status=Status.PUBLISHED,
              category=Category.PERIODIC)
    make_item(title="Anggaran Rahasia", status=Status.DOCUMENTED, category=Category.EXEMPT,
              exemption_ground="17h")
    for n, src in enumerate([first, second, off]):
        HarvestedItem.objects.create(source=src, remote_id=n, title=f"Anggaran {src.name}",
                                     summary="Rincian belanja", category="on_request",
                                     url=f"{src.base_url}/informasi/{n}/")
    HarvestedItem.objects.create(source=first, remote_id=99, title="Kalender Sekolah",
                                 category="periodic", url=f"{first.base_url}/informasi/99/")

    def titles(params=None):
        page = client.get("/jaringan/", params or {}).content.decode()
        return {t for t in ("Anggaran Sekretariat Utama", "Anggaran PPID Dinas Pendidikan",
                            "Anggaran PPID Dinas Sosial", "Anggaran PPID Mati",
                            "Kalender Sekolah", "Anggaran Rahasia") if t in page}

    everything = {"Anggaran Sekretariat Utama", "Anggaran PPID Dinas Pendidikan",
                  "Anggaran PPID Dinas Sosial", "Kalender Sekolah"}
    assert titles() == everything  # not the disabled source, never exempt
    assert titles({"q": "anggaran"}) == everything - {"Kalender Sekolah"}
    assert titles({"q": "rincian"}) == {"Anggaran PPID Dinas Pendidikan",
                                        "Anggaran PPID Dinas Sosial"}
    assert titles({"source": "own"}) == {"Anggaran Sekretariat Utama"}
    assert titles({"source": str(first.pk)}) == {"Anggaran PPID Dinas Pendidikan",
                                                 "Kalender Sekolah"}
    assert titles({"category": "periodic"}) == {"Anggaran Sekretariat Utama",
                                                "Kalender Sekolah"}
    assert titles({"source": "nonsense", "category": "exempt"}) == everything
    monkeypatch.setattr(views_feed, "NETWORK_PAGE_SIZE", 3)
    page_one, page_two = client.get("/jaringan/"), client.get("/jaringan/", {"page": 2})
    assert page_one.context["page"].paginator.count == 4
    assert len(page_one.context["rows"]) == 3 and len(page_two.context["rows"]) == 1


# ---------------------------------------------------------------------------------------------
# The workspace page and the command.
# ---------------------------------------------------------------------------------------------

WORKSPACE = "/ruang-kerja/publikasi/federasi/"


def test_workspace_needs_the_data_center_capability(client, people):
    client.force_login(people["officer"])
    assert client.get(WORKSPACE).status_code == 403
    assert client.post(WORKSPACE, {"name": "X", "base_url": "https://x.example",
                                   "enabled": "on"}).status_code == 403
    assert not FederationSource.objects.exists()
    for role in ("ppid", "web", "admin"):
        client.force_login(people[role])
        assert client.get(WORKSPACE).status_code == 200


def test_workspace_adds_edits_and_disables_sources_audited(client, people, main_ppid):
    client.force_login(people["ppid"])
    refused = client.post(WORKSPACE, {"name": "X", "base_url": "ftp://ppid.example"})
    assert refused.status_code == 200 and not FederationSource.objects.exists()
    response = client.post(WORKSPACE, {"name": "PPID Dinas Perhubungan",
                                       "base_url": "https://ppid.dishub.example/",
                                       "enabled": "on"})
    assert response.status_code == 302
    source = FederationSource.objects.get()
    assert source.base_url == "https://ppid.dishub.example" and source.enabled
    page = client.get(WORKSPACE).content.decode()
    assert "PPID Dinas Perhubungan" in page and "https://ppid.dishub.example" in page

    source.cursor = "c9"
    source.save()
    HarvestedItem.objects.create(source=source, remote_id=1, title="T", category="periodic",
                                 url="https://ppid.dishub.example/informasi/1/")
    edit = f"{WORKSPACE}{source.pk}/"
    assert client.get(edit).status_code == 200
    client.post(edit, {"name": "PPID Dishub", "base_url": "https://ppid.dishub.example"})
    source.refresh_from_db()
    assert source.name == "PPID Dishub" and not source.enabled and source.cursor == "c9"
    client.post(edit, {"name": "PPID Dishub", "base_url": "https://baru.dishub.example",
                       "enabled": "on"})
    source.refresh_from_db()
    assert source.cursor == "" and not source.items.exists()  # another instance: start over
    events = AuditEvent.objects.filter(action=Action.FEDERATION_CHANGE)
    assert events.count() == 3


def test_harvest_now_from_the_workspace(client, people, fake, source):
    fake.page([upsert(1, "c1"), upsert(2, "c2")], "c2")
    client.force_login(people["web"])
    response = client.post(f"{WORKSPACE}{source.pk}/panen/", follow=True)
    assert response.status_code == 200
    assert HarvestedItem.objects.count() == 2
    assert AuditEvent.objects.filter(action=Action.FEDERATION_CHANGE).exists()
    assert client.get(f"{WORKSPACE}{source.pk}/panen/").status_code == 405
    fake.responses[:] = [(500, "text/plain", "rusak")]
    page = client.post(f"{WORKSPACE}{source.pk}/panen/", follow=True).content.decode()
    assert "500" in page
    source.refresh_from_db()
    assert source.failures == 1


def test_harvest_command_prints_a_summary(fake, source, capsys):
    fake.page([upsert(1, "c1")], "c1")
    call_command("harvest_federation", "--source", str(source.pk))
    out = capsys.readouterr().out
    assert "PPID Bidang Uji: 1 added or updated, 0 removed" in out
    fake.responses[:] = [(500, "text/plain", "rusak")]
    with pytest.raises(CommandError):
        call_command("harvest_federation")
    with pytest.raises(CommandError):
        call_command("harvest_federation", "--source", "999999")
