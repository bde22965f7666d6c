"""Operator commands: user add, token create, check, demo, and serve's clean start and stop."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ppid.core.access import Access
from ppid.core.constants import Capability, Role
from ppid.core.models import ApiToken

pytestmark = pytest.mark.django_db


def test_user_add_and_token_create(units, client):
    out = StringIO()
    call_command("user_add", "siti", "--role", Role.UNIT_PPID, "--unit", "A",
                 "--password", "Kata-Sandi-2026", stdout=out)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="siti")
    access = Access.for_user(user)
    assert access.can(Capability.DOCUMENT_ITEMS, units["a"].pk)
    assert not access.can(Capability.DOCUMENT_ITEMS, units["b"].pk)
    with pytest.raises(CommandError):
        call_command("user_add", "siti", "--role", Role.PPID, "--password", "x")
    out = StringIO()
    call_command("token_create", "siti", stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("ppid_") and "\n" not in token
    assert ApiToken.objects.authenticate(token) == user
    response = client.get("/api/v1/items", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_cli_aliases(monkeypatch, capsys, units, people):
    from ppid.__main__ import main

    monkeypatch.setattr(sys, "argv", ["ppid", "token", "create", "ppid"])
    main()
    assert capsys.readouterr().out.strip().startswith("ppid_")


def test_check_reports_plain_words(monkeypatch, settings):
    out = StringIO()
    call_command("check", stdout=out)
    assert "Database reachable" in out.getvalue()
    monkeypatch.setenv("PPID_EMAIL_URL", "carrier-pigeon://x")
    with pytest.raises(CommandError):
        call_command("check", stdout=StringIO())


def test_demo_seeds_once_and_reuses(capsys):
    from ppid.register.constants import Category
    from ppid.register.models import DocumentVersion, InformationItem

    call_command("demo", "--no-serve")
    count = InformationItem.objects.count()
    assert count >= 40
    assert set(InformationItem.objects.values_list("category", flat=True)) == set(Category.values)
    assert InformationItem.objects.values("holder_unit").distinct().count() >= 4
    assert InformationItem.objects.values("year").distinct().count() >= 3
    types = set(DocumentVersion.objects.values_list("content_type", flat=True))
    assert "application/pdf" in types and any("wordprocessingml" in t for t in types)
    from ppid.requests.models import Dispute, Objection, Request

    outcomes = set(Request.objects.values_list("outcome", flat=True))
    assert {"granted", "partly", "rejected", "not_held", ""} <= outcomes
    assert Request.objects.filter(given_versions__redacted_from__isnull=False).exists()
    assert Objection.objects.count() == 2 and Dispute.objects.count() == 1
    call_command("demo", "--no-serve")
    assert InformationItem.objects.count() == count
    assert "reusing" in capsys.readouterr().out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve_starts_worker_and_stops_cleanly(tmp_path, stop_signal):
    port = _free_port()
    env = {**os.environ, "PPID_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env.pop("DATABASE_URL")
    proc = subprocess.Popen([sys.executable, "-m", "ppid", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("server did not start: " + (proc.stdout.read() or ""))
                time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/ppid/ppid.css") as r:
            assert r.status == 200
        proc.send_signal(stop_signal)
        assert proc.wait(timeout=30) == 0
        output = proc.stdout.read()
        assert "Stopped." in output
        worker_pid = int(re.search(r"Task worker started \(pid (\d+)\)", output).group(1))
        assert not os.path.exists(f"/proc/{worker_pid}") or "zombie" in open(
            f"/proc/{worker_pid}/status").read().lower()
    finally:
        if proc.poll() is None:
            proc.kill()
